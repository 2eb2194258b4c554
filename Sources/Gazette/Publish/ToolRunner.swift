import Foundation

/// Runs the programs publishing relies on (rsync, git, the AWS CLI).
///
/// Arguments always go to the program as an array, never through a shell, so nothing in a
/// target name or a file name can become a command. Output goes to temporary files rather than
/// pipes, so a chatty program can never block on a full pipe.
public struct ToolRunner: Sendable {
    /// The environment the programs see; its `PATH` is where they are looked up.
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public struct Output: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String

        public var succeeded: Bool { status == 0 }
        public var text: String { String(decoding: stdout, as: UTF8.self) }
        /// The last lines of stderr, for an error message.
        public var errorSummary: String {
            let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return lines.suffix(4).joined(separator: " / ")
        }
    }

    /// Finds `name` on `PATH`, or says plainly that it is not installed.
    public func locate(_ name: String) throws(PublishError) -> URL {
        let path = environment["PATH"] ?? ""
        for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = String(folder) + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.isExecutableFile(atPath: candidate),
                FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                return URL(fileURLWithPath: candidate)
            }
        }
        throw PublishError(
            .toolMissing,
            "\(name) is not installed (not found on PATH); \(Self.installHint[name] ?? "install it") and try again. Nothing was changed.")
    }

    static let installHint = [
        "rsync": "install it with 'apt-get install rsync' or 'brew install rsync'",
        "git": "install it with 'apt-get install git' or 'brew install git'",
        "aws": "install the AWS CLI with 'pip install awscli' or 'brew install awscli'",
    ]

    /// Runs `tool` with `arguments` and waits for it without holding a thread.
    public func run(
        _ tool: URL, _ arguments: [String], input: Data? = nil, environment extra: [String: String] = [:],
        in directory: URL? = nil
    ) async throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: outURL), stderr = try FileHandle(forWritingTo: errURL)
        defer { try? stdout.close(); try? stderr.close() }
        let stdin: FileHandle
        if let input {
            let inURL = scratch.appendingPathComponent("stdin")
            try input.write(to: inURL)
            stdin = try FileHandle(forReadingFrom: inURL)
        } else {
            stdin = FileHandle.nullDevice
        }

        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.environment = environment.merging(extra) { _, new in new }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: PublishError(.toolMissing, "cannot run \(tool.path): \(error.localizedDescription)"))
            }
        }
        if input != nil { try? stdin.close() }
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return Output(status: status, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }
}
