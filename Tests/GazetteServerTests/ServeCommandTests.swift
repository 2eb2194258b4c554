import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `gazette serve` as a user runs it: it prints the address, serves, and stops cleanly on a signal.
@Suite(.serialized) struct ServeCommandTests {
    static var executable: URL {
        // The test runner lives in the build products folder, next to the `gazette` binary.
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gazette")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheServerCleanly(signal: Int32) async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--site", site.root.path, "--port", "0", "--now", "2024-01-01T00:00:00Z"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // "Serving http://127.0.0.1:PORT/digest/ — press Ctrl-C to stop"
        let reader = output.fileHandleForReading
        var printed = ""
        let deadline = Date().addingTimeInterval(20)
        while !printed.contains("Ctrl-C"), Date() < deadline {
            let data = reader.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        let line = try #require(printed.split(separator: "\n").first { $0.hasPrefix("Serving http://127.0.0.1:") })
        let address = try #require(line.split(separator: " ").dropFirst().first.flatMap { URL(string: String($0)) })
        #expect(address.absoluteString.hasSuffix("/digest/"))
        let port = try #require(address.port)

        // A loaded machine can drop the very first connection while the server settles; try a
        // few times, but the server must still answer with its hello.
        var opened: (EventStreamListener, hello: EventStreamListener.Event)?
        for attempt in 0..<3 where opened == nil {
            if attempt > 0 { try await Task.sleep(for: .milliseconds(300)) }
            opened = try? await EventStreamListener.open(port: port)
        }
        let (listener, _) = try #require(opened)
        defer { listener.close() }
        let page = try await RawHTTP.get("/digest/", port: port)
        #expect(page.status == 200)

        kill(process.processIdentifier, signal)
        let stopped = try await within(.seconds(5), "the server to stop") {
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            return process.terminationStatus
        }
        #expect(stopped == 0)
        printed += String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("Stopped."))
        // The stream the open page held was closed by the server, not cut by the process dying.
        #expect(await listener.next("never") == nil)
    }
}
