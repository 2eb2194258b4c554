import Foundation
import Testing

@testable import GazetteServer

/// Slowloris: clients that open connections and send their request head a line at a time, or
/// nothing at all, must not hold the server; a real request gets through meanwhile.
///
/// The server closes them after 10 s (head) and 15 s (idle); before, it took 60 s, or for ever for
/// a trickled body. The limits checked here leave room for a loaded machine, on which this task
/// can wait its turn for many seconds, and still fall well short of a minute.
@Suite(.serialized) struct ConnectionTimeoutTests {
    /// Time left until `deadline`, but never less than a moment: a task that was kept waiting
    /// past the deadline still looks at what happened meanwhile.
    static func left(until deadline: ContinuousClock.Instant) -> Duration {
        max(deadline - .now, .seconds(2))
    }

    @Test func connectionsThatNeverFinishARequestAreClosed() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            // The defaults: 10 s for a request head, 15 s idle between requests.
            let opened = ContinuousClock.now
            var trickles: [Task<[UInt8], Never>] = []
            for _ in 0..<100 {
                trickles.append(
                    try await RawHTTP.hold(
                        port: preview.port, sending: "GET /digest/ HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                        thenEvery: .seconds(1)
                    ) { "X-Trickle-\($0): y\r\n" })
            }
            // A request whose body never finishes, after a head that did.
            let slowBody = try await RawHTTP.hold(
                port: preview.port, sending: "GET /digest/robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9000\r\n\r\n",
                thenEvery: .seconds(1)
            ) { _ in "y" }
            let silent = try await RawHTTP.hold(port: preview.port, sending: "")
            // One complete request, then nothing: kept alive, then closed as idle.
            let kept = try await RawHTTP.hold(port: preview.port, sending: "GET /digest/robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            defer { for task in trickles + [slowBody, silent, kept] { task.cancel() } }

            try await Task.sleep(for: .seconds(3))
            let page = try await within(.seconds(10), "a real request during the attack") {
                try await RawHTTP.get("/digest/", port: preview.port)
            }
            #expect(page.status == 200)

            // The head limit counts from the moment each connection opened. A line of ours that
            // crosses the server's close resets the connection, and the 408 before it is lost.
            var timedOut = 0
            for trickle in trickles {
                let reply = try await within(Self.left(until: opened + .seconds(35)), "a trickling connection to be closed") {
                    await trickle.value
                }
                let text = String(decoding: reply, as: UTF8.self)
                #expect(text.isEmpty || text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(text)")
                if !text.isEmpty { timedOut += 1 }
            }
            #expect(timedOut > 0)
            let silentReply = try await within(Self.left(until: opened + .seconds(35)), "a silent connection to be closed") {
                await silent.value
            }
            #expect(silentReply.isEmpty)
            // The idle limit counts from the response; the body's first byte then starts the head limit.
            let keptReply = try await within(Self.left(until: opened + .seconds(40)), "an idle connection to be closed") {
                await kept.value
            }
            #expect(String(decoding: keptReply, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(ContinuousClock.now - opened >= .seconds(14))
            let slowReply = try await within(Self.left(until: opened + .seconds(40)), "a slow body to be cut off") { await slowBody.value }
            #expect(String(decoding: slowReply, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n"))

            let after = try await RawHTTP.get("/digest/", port: preview.port)
            #expect(after.status == 200)
        }
    }
}
