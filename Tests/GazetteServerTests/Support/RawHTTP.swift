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

    /// A connection that sends `first`, then `each(n)` every `gap` (n = 1, 2, …) while it can,
    /// and reads until the server closes it. The task returns what the server sent, once it has
    /// closed the connection; cancelling it closes the connection from this side.
    static func hold(
        port: Int, sending first: String, thenEvery gap: Duration = .seconds(1),
        _ each: (@Sendable (Int) -> String)? = nil
    ) async throws -> Task<[UInt8], Never> {
        let channel = try await connect(port: port)
        return Task {
            let received = try? await channel.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if !first.isEmpty { try await outbound.write(ByteBuffer(string: first)) }
                    if let each {
                        group.addTask {
                            var n = 1
                            while true {
                                try await Task.sleep(for: gap)
                                try await outbound.write(ByteBuffer(string: each(n)))
                                n += 1
                            }
                        }
                    }
                    var received: [UInt8] = []
                    // A server that closes a connection with bytes of ours still unread resets
                    // it: what came before still counts.
                    do {
                        for try await var chunk in inbound {
                            received += chunk.readBytes(length: chunk.readableBytes) ?? []
                        }
                    } catch {}
                    group.cancelAll()
                    return received
                }
            }
            return received ?? []
        }
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
                try await outbound.write(
                    ByteBuffer(string: "GET /__gazette/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"))
                // As a browser's EventSource reads it: the response head, then the chunked body,
                // whose last chunk ends the stream even if the connection stays open.
                var reader = EventStreamReader()
                for try await var chunk in inbound {
                    let ended = reader.feed(chunk.readBytes(length: chunk.readableBytes) ?? []) { continuation.yield($0) }
                    if ended { break }
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

/// Turns the bytes of an event-stream response into events. Works on bytes, not Characters:
/// Swift joins "\r\n" into one Character, and the chunked framing is full of them.
struct EventStreamReader {
    private var pending: [UInt8] = []
    private var headRead = false
    /// Bytes left in the current chunk, and whether its closing CRLF is still to come.
    private var chunkLeft = 0
    private var lines: [UInt8] = []
    private var name = "message"
    private var data: [String] = []

    /// Returns true once the response has ended (its last chunk, or a status other than 200).
    mutating func feed(_ bytes: [UInt8], _ emit: (EventStreamListener.Event) -> Void) -> Bool {
        pending += bytes
        if !headRead {
            guard let end = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: pending) else { return false }
            let head = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeSubrange(..<(end + 4))
            headRead = true
            guard head.hasPrefix("HTTP/1.1 200") else { return true }
        }
        while true {
            if chunkLeft > 0 {
                let take = min(chunkLeft, pending.count)
                lines += pending.prefix(take)
                pending.removeFirst(take)
                chunkLeft -= take
                parseLines(emit)
                if chunkLeft > 0 { return false }
                chunkLeft = -1  // the CRLF after the chunk's data
            }
            if chunkLeft == -1 {
                guard pending.count >= 2 else { return false }
                pending.removeFirst(2)
                chunkLeft = 0
            }
            guard let lineEnd = Self.find([0x0D, 0x0A], in: pending) else { return false }
            let sizeText = String(decoding: pending[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            pending.removeSubrange(..<(lineEnd + 2))
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return true }
            if size == 0 { return true }
            chunkLeft = size
        }
    }

    private mutating func parseLines(_ emit: (EventStreamListener.Event) -> Void) {
        while let newline = lines.firstIndex(of: 0x0A) {
            var lineBytes = Array(lines[..<newline])
            lines.removeSubrange(...newline)
            if lineBytes.last == 0x0D { lineBytes.removeLast() }
            let line = String(decoding: lineBytes, as: UTF8.self)
            if line.isEmpty {
                if !data.isEmpty { emit(EventStreamListener.Event(name: name, data: data.joined(separator: "\n"))) }
                name = "message"
                data = []
            } else if line.hasPrefix("event: ") {
                name = String(line.dropFirst(7))
            } else if line.hasPrefix("data: ") {
                data.append(String(line.dropFirst(6)))
            }
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}
