import Foundation
import Testing

/// A small site on disk written from one string, in the txtar style:
///
///     -- site.yml --
///     base_url: https://example.org/digest/
///     -- content/a.md --
///     ---
///     title: A
///     …
///
/// and the real `gazette` binary run on it.
struct TestSite {
    let root: URL

    init(_ spec: String, reverseOrder: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-e2e-\(UUID().uuidString)")
        var files = TestSite.parse(spec)
        // A folder is a site by its site.yml; an empty one gives every default.
        if !files.contains(where: { $0.0 == "site.yml" }) { files.insert(("site.yml", ""), at: 0) }
        // Writing in another order changes the order some file systems list them in.
        if reverseOrder { files.reverse() }
        for (path, text) in files { try write(path, text) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
    }

    static func parse(_ spec: String) -> [(String, String)] {
        var files: [(String, String)] = []
        var current: String?
        var lines: [Substring] = []
        func flush() {
            if let current { files.append((current, lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n"))) }
            lines = []
        }
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                flush()
                current = String(line.dropFirst(3).dropLast(3))
            } else {
                lines.append(line)
            }
        }
        flush()
        return files
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Data(text.utf8))
    }

    func write(_ path: String, bytes: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `gazette ARGS` in the site folder.
    /// Runs `gazette ARGS` in the site folder; `environment` overrides variables (nil removes one).
    @discardableResult
    func gazette(_ arguments: [String], environment: [String: String?] = [:]) throws -> Run {
        try TestSite.run(TestSite.binary(), arguments, in: root, environment: environment)
    }

    @discardableResult
    func build(_ extra: [String] = []) throws -> Run {
        try gazette(["build", "--now", "2030-01-01T00:00:00Z"] + extra)
    }

    /// `build`, stopped (status -9) if it runs longer than `timeout` seconds: for inputs that
    /// must not hang a build.
    @discardableResult
    func build(_ extra: [String] = [], timeout: TimeInterval) throws -> Run {
        try TestSite.run(TestSite.binary(), ["build", "--now", "2030-01-01T00:00:00Z"] + extra, in: root, timeout: timeout)
    }

    func file(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Every file below `folder` with its bytes and modification time, to prove nothing changed.
    func snapshot(_ folder: String = "public") -> [String: (Data, Date)] {
        var out: [String: (Data, Date)] = [:]
        let base = root.appendingPathComponent(folder)
        guard let e = FileManager.default.enumerator(atPath: base.path) else { return out }
        while let rel = e.nextObject() as? String {
            // The output folder's record of what Gazette wrote is not part of the site.
            if rel == ".gazette-output" { continue }
            let url = base.appendingPathComponent(rel)
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir)
            guard !isDir.boolValue, let data = try? Data(contentsOf: url),
                let date = try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
            else { continue }
            out[rel] = (data, date)
        }
        return out
    }

    func files(in folder: String = "public") -> [String] {
        snapshot(folder).keys.sorted()
    }

    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL, environment overrides: [String: String?] = [:],
        timeout: TimeInterval? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        for (key, value) in overrides { environment[key] = value }
        process.environment = environment
        // Output goes to files, not pipes: a long-lived server started by a test running in
        // parallel could inherit a pipe's write end and keep it open, and reading to the end
        // of the pipe would then never finish.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        let stdoutData = (try? Data(contentsOf: outURL)) ?? Data()
        let stderrData = (try? Data(contentsOf: errURL)) ?? Data()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// The `gazette` executable that `swift build` put beside the test bundle.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["GAZETTE_BIN"] { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = argv0.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("gazette"))
            folder = folder.deletingLastPathComponent()
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/gazette"))
        for candidate in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.isExecutableFile(atPath: candidate.path),
                FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue
            {
                return candidate
            }
        }
        throw BinaryNotFound(searched: candidates.map(\.path))
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "gazette binary not found; run swift build first. Looked in: \(searched)" }
    }
}

/// An article file with the given front matter lines.
func article(_ title: String, _ date: String, _ category: String, body: String = "Body text.", extra: String = "") -> String {
    "---\ntitle: \(yamlQuoted(title))\ndate: \(date)\ncategory: \(yamlQuoted(category))\n\(extra)---\n\(body)\n"
}

func yamlQuoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
