import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A small site for publishing tests, and the means to change one article between publishes.
struct PublishFixture {
    static let now = "2030-01-01T00:00:00Z"
    static let spec = """
        -- site.yml --
        title: Publish Digest
        base_url: https://digest.example.org/
        domain: digest.example.org
        -- content/a.md --
        \(article("Alpha story", "2022-03-12T05:02:00Z", "Japan"))
        -- content/b.md --
        \(article("Beta story", "2022-03-13T09:00:00Z", "Japan", body: "The first version of the beta story."))
        -- content/c.md --
        \(article("Gamma story", "2022-04-01T10:00:00Z", "Economy"))
        """

    let site: TestSite

    init() throws {
        site = try TestSite(Self.spec)
    }

    func remove() { site.remove() }

    @discardableResult
    func publish(_ arguments: [String], environment: [String: String?] = [:]) throws -> TestSite.Run {
        try site.gazette(["publish", "--now", Self.now] + arguments, environment: environment)
    }

    /// Changes one article's words: its page, and the lists and feeds that quote it, change.
    func changeOneArticle(_ text: String = "A second version of the beta story.") throws {
        try site.write("content/b.md", article("Beta story", "2022-03-13T09:00:00Z", "Japan", body: text))
    }

    func output() -> [String: Data] { site.snapshot().mapValues(\.0) }
}

/// The counts in `Published to X: 12 files (48.2 KB) sent, 3 removed in 1.40 s`.
struct PublishSummary: Equatable {
    var sent: Int
    var removed: Int

    init?(_ stdout: String) {
        guard let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix("Published to ") }),
            let colon = line.range(of: ": ", options: .backwards)
        else { return nil }
        let words = line[colon.upperBound...].split(separator: " ")
        guard words.count >= 6, let sent = Int(words[0]), let removedIndex = words.firstIndex(of: "removed"),
            let removed = Int(words[removedIndex - 1])
        else { return nil }
        self.sent = sent
        self.removed = removed
    }

    init(sent: Int, removed: Int) {
        self.sent = sent
        self.removed = removed
    }
}

/// What changed between two snapshots of an output folder.
func difference(from before: [String: Data], to after: [String: Data]) -> (changed: Set<String>, removed: Set<String>) {
    let changed = Set(after.filter { before[$0.key] != $0.value }.keys)
    let removed = Set(before.keys).subtracting(after.keys)
    return (changed, removed)
}

/// Every regular file below `folder` with its bytes, leaving out names in `excluding` (any level).
func contents(of folder: URL, excluding: Set<String> = []) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let e = FileManager.default.enumerator(atPath: folder.path) else { return out }
    while let rel = e.nextObject() as? String {
        // The output folder's record of what Gazette wrote is not part of the site.
        if rel == ".gazette-output" || rel.split(separator: "/").contains(where: { excluding.contains(String($0)) }) { continue }
        let url = folder.appendingPathComponent(rel)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = try? Data(contentsOf: url)
        else { continue }
        out[rel] = data
    }
    return out
}

enum Tools {
    /// True when `name` is on PATH. Under CI a missing tool is a failure rather than a skip, so a
    /// machine without the publishing tools cannot pass by running none of these tests.
    static func available(_ name: String) -> Bool {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        return path(name) != nil
    }

    static func path(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program found on PATH, with arguments as an array.
    @discardableResult
    static func run(
        _ name: String, _ arguments: [String], in directory: URL = FileManager.default.temporaryDirectory,
        environment: [String: String?] = [:]
    ) throws -> TestSite.Run {
        try TestSite.run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, in: directory, environment: environment)
    }

    /// A fresh empty folder for one test.
    static func scratch(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now.
func freeLoopbackPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

func isListening(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    return result == 0
}

/// An S3 API on loopback: moto's server, started on a free port for one test and stopped after.
final class MotoServer {
    let port: Int
    let process = Process()
    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Dummy credentials, and no lookups of instance metadata: the tests talk to loopback only.
    static let environment: [String: String?] = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": nil,
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "AWS_PROFILE": nil,
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": "/nonexistent/aws-config",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials", "AWS_PAGER": "",
    ]

    init() throws {
        port = freeLoopbackPort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["moto_server", "-H", "127.0.0.1", "-p", "\(port)"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !isListening(port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw StartFailure(description: "moto_server did not start on port \(port) (install it with pip install 'moto[server]')")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// Runs the real AWS CLI against this server.
    @discardableResult
    func aws(_ arguments: [String], environment extra: [String: String?] = [:]) throws -> TestSite.Run {
        try Tools.run("aws", arguments + ["--endpoint-url", endpoint], environment: Self.environment.merging(extra) { _, new in new })
    }

    func createBucket(_ name: String) throws {
        let run = try aws(["s3api", "create-bucket", "--bucket", name])
        #expect(run.status == 0, "\(run.stderr)")
    }

    struct StartFailure: Error, CustomStringConvertible { var description: String }
}
