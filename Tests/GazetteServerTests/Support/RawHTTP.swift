import Foundation
import NIOCore
import NIOPosix

/// A client that sends bytes exactly as given, for request lines that a well-behaved HTTP client
/// would normalise or refuse to send (`..`, backslashes, NUL bytes), and for reading an event
/// stream as it arrives.
enum RawHTTP {
    struct Reply: Sendable {
        var status: Int
        var head: String
        var body: String
    }

    /// Sends `request` and reads until the server closes the connection, or for `timeout` at
    /// most (an event stream never ends by itself).
    static func send(_ request: [UInt8], port: Int, timeout: Duration = .seconds(10)) async throws -> Reply {
        let channel = try await connect(port: port)
        let closer = Task {
            try await Task.sleep(for: timeout)
            try await channel.channel.close()
        }
        defer { closer.cancel() }
        let received: [UInt8] = try await channel.executeThenClose { inbound, outbound in
            var received: [UInt8] = []
            // A server that refuses a request may close the connection before reading all of it;
            // what it answered before that still counts.
            do {
                try await outbound.write(ByteBuffer(bytes: request))
                for try await var chunk in inbound {
                    received += chunk.readBytes(length: chunk.readableBytes) ?? []
                }
            } catch {}
            return received
        }
        return parse(received)
    }

    /// `GET path` with the connection closed after the answer.
    static func get(_ rawPath: String, port: Int) async throws -> Reply {
        try await send(Array("GET \(rawPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8), port: port)
    }

    static func parse(_ bytes: [UInt8]) -> Reply {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let statusLine = head.split(separator: "\r\n").first ?? ""
        let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return Reply(status: status, head: head, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    static func connect(port: Int) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }
}

/// Listens to `/__gazette/events` as a page's EventSource does, and hands over each event.
struct EventStreamListener: Sendable {
    struct Event: Sendable, Equatable {
        var name: String
        var data: String
    }

    let events: AsyncStream<Event>
    private let task: Task<Void, Never>

    /// Returns once the stream has answered with its `hello` event.
    static func open(port: Int) async throws -> (EventStreamListener, hello: Event) {
        let (events, continuation) = AsyncStream<Event>.makeStream()
        let channel = try await RawHTTP.connect(port: port)
        let task = Task {
            try? await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: "GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"))
                // Bytes, not Characters: Swift joins "\r\n" into one Character, and the chunked
                // framing around each event is full of them.
                var pending: [UInt8] = []
                var name = "message"
                var data: [String] = []
                for try await var chunk in inbound {
                    pending += chunk.readBytes(length: chunk.readableBytes) ?? []
                    while let newline = pending.firstIndex(of: 0x0A) {
                        var lineBytes = Array(pending[..<newline])
                        pending.removeSubrange(...newline)
                        if lineBytes.last == 0x0D { lineBytes.removeLast() }
                        let line = String(decoding: lineBytes, as: UTF8.self)
                        if line.isEmpty {
                            if !data.isEmpty { continuation.yield(Event(name: name, data: data.joined(separator: "\n"))) }
                            name = "message"
                            data = []
                        } else if line.hasPrefix("event: ") {
                            name = String(line.dropFirst(7))
                        } else if line.hasPrefix("data: ") {
                            data.append(String(line.dropFirst(6)))
                        }
                    }
                }
            }
            continuation.finish()
        }
        let listener = EventStreamListener(events: events, task: task)
        var iterator = events.makeAsyncIterator()
        guard let hello = await iterator.next(), hello.name == "hello" else {
            task.cancel()
            throw Preview.Timeout(description: "the event stream did not say hello")
        }
        return (listener, hello)
    }

    /// The next event called `name`, skipping others.
    func next(_ name: String) async -> Event? {
        for await event in events where event.name == name { return event }
        return nil
    }

    func close() {
        task.cancel()
    }
}
