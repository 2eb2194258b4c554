import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `gazette serve` as a user runs it: the real binary in its own process, on a free port of this
/// machine. `GAZETTE_BIN` names another binary to run instead (an older build, say).
struct ServeProcess: Sendable {
    let process: Process
    let port: Int
    /// The address printed on the "Serving" line.
    let address: URL
    /// Where the process's standard output goes: a file rather than a pipe, which a server
    /// started by a test running beside this one could inherit and hold open.
    let stdoutFile: URL
    let stderrFile: URL

    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["GAZETTE_BIN"] { return URL(fileURLWithPath: path) }
        // The test runner lives in the build products folder, next to the `gazette` binary.
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gazette")
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `gazette serve --site SITE --port 0 ARGUMENTS` and returns once it prints the
    /// address it serves.
    static func start(_ site: TestSite, _ arguments: [String] = []) async throws -> ServeProcess {
        let stdoutFile = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-serve-out-\(UUID().uuidString)")
        let stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-serve-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let out = try FileHandle(forWritingTo: stdoutFile), err = try FileHandle(forWritingTo: stderrFile)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--site", site.root.path, "--port", "0"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()

        // "Serving http://127.0.0.1:PORT/digest/ — press Ctrl-C to stop". The output is read
        // before the clock is: a test run that kept this task waiting past the deadline must
        // not take a server that started in time for one that did not.
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let running = process.isRunning
            let printed = String(decoding: (try? Data(contentsOf: stdoutFile)) ?? Data(), as: UTF8.self)
            if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("Serving http://") && $0.contains("Ctrl-C") }),
                let address = line.split(separator: " ").dropFirst().first.flatMap({ URL(string: String($0)) }),
                let port = address.port
            {
                return ServeProcess(
                    process: process, port: port, address: address, stdoutFile: stdoutFile,
                    stderrFile: stderrFile)
            }
            guard running, ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let running = process.isRunning
        if running {
            process.terminate()
            process.waitUntilExit()
        }
        let printed = String(decoding: (try? Data(contentsOf: stdoutFile)) ?? Data(), as: UTF8.self)
        let errors = String(decoding: (try? Data(contentsOf: stderrFile)) ?? Data(), as: UTF8.self)
        try? FileManager.default.removeItem(at: stdoutFile)
        try? FileManager.default.removeItem(at: stderrFile)
        throw Failure(
            description:
                "gazette serve did not print its address \(running ? "in 30 s" : "before it exited with status \(process.terminationStatus)"):\n\(printed)\(errors)"
        )
    }

    /// What the server has printed so far.
    var printed: String {
        String(decoding: (try? Data(contentsOf: stdoutFile)) ?? Data(), as: UTF8.self)
    }

    /// What the server has printed to its standard error so far: problems and warnings.
    var printedErrors: String {
        String(decoding: (try? Data(contentsOf: stderrFile)) ?? Data(), as: UTF8.self)
    }

    /// Sends `signal` and waits for the process to end; returns its exit status.
    func stop(_ signal: Int32 = SIGINT) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        return try await within(.seconds(15), "the server to stop") {
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            return process.terminationStatus
        }
    }

    /// Ends the process if it still runs and removes its output file.
    func cleanUp() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: stdoutFile)
        try? FileManager.default.removeItem(at: stderrFile)
    }
}
