import Foundation

/// Publishes through rsync: to `user@host:/path` over ssh, to an rsync daemon, or to a local path.
///
/// Files are compared by checksum, so a rebuild that rewrites a file with the same bytes sends
/// nothing. `--delay-updates` puts every new file in place at the end of the transfer and
/// `--delete-after` removes stale ones after that, so readers never meet a page that links to an
/// asset not yet there.
public struct RsyncDeployer: Deployer {
    public var target: PublishTarget
    public var destination: String
    public var isRemote: Bool
    public var tools: ToolRunner
    /// Folders a local destination must never hold (the site itself): rsync deletes what the
    /// site does not have.
    public var protected: [URL]

    public init(target: PublishTarget, destination: String, isRemote: Bool, tools: ToolRunner = ToolRunner(), protected: [URL] = []) {
        self.target = target
        self.destination = destination
        self.isRemote = isRemote
        self.tools = tools
        self.protected = protected
    }

    public func plan(_ source: PublishSource) async throws -> PublishChanges {
        try await transfer(source, dryRun: true)
    }

    public func publish(_ source: PublishSource) async throws -> PublishChanges {
        try await transfer(source, dryRun: false)
    }

    /// The whole command line, without the program's name.
    func arguments(_ source: PublishSource, dryRun: Bool) -> [String] {
        var arguments = [
            "--recursive", "--links", "--checksum", "--delete-after", "--delay-updates", "--itemize-changes", "--8-bit-output",
            "--chmod=D755,F644", "--timeout=120",
        ]
        // What PublishSource leaves out stays here; excluded files on the host are also kept.
        arguments += [".git/", ".svn/", ".hg/", ".gitkeep", ".DS_Store", ".gazette*"].map { "--exclude=" + $0 }
        if dryRun { arguments.append("--dry-run") }
        if isRemote {
            arguments.append("--compress")
            if destination.lowercased().hasPrefix("rsync://") {
                arguments.append("--contimeout=15")
            } else if tools.environment["RSYNC_RSH"] == nil {
                // Never wait at a password prompt: publishing must fail fast when keys are missing.
                arguments += ["--rsh", "ssh -o BatchMode=yes -o ConnectTimeout=15"]
            }
        }
        let from = source.directory.path.hasSuffix("/") ? source.directory.path : source.directory.path + "/"
        let to = destination.hasSuffix("/") ? destination : destination + "/"
        arguments += ["--", from, to]
        return arguments
    }

    func transfer(_ source: PublishSource, dryRun: Bool) async throws -> PublishChanges {
        let rsync = try tools.locate("rsync")
        if !isRemote {
            let folder = FolderDeployer.resolved(URL(fileURLWithPath: destination)), output = FolderDeployer.resolved(source.directory)
            if FolderDeployer.contains(folder, output) || FolderDeployer.contains(output, folder) {
                throw PublishError(.invalidTarget, "the target \(destination) must not be the output folder, nor hold it or sit inside it")
            }
            try FolderDeployer.checkOutsideSite(folder, written: destination, protected: protected)
            let parent = (destination as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw PublishError(.unreachable, "cannot reach \(parent): no such folder (is the share mounted?); nothing was changed")
            }
        }
        let output = try await tools.run(rsync, arguments(source, dryRun: dryRun))
        guard output.succeeded else {
            let detail = output.errorSummary
            switch output.status {
            case 5, 10, 12, 14, 30, 35, 255:
                throw PublishError(
                    .unreachable,
                    "cannot reach \(destination) through rsync (exit \(output.status)): \(detail)"
                        + (dryRun ? "" : "; the host still serves the previous site"))
            default:
                throw PublishError(
                    .failed,
                    "rsync to \(destination) failed (exit \(output.status)): \(detail)"
                        + (dryRun ? "" : "; files already sent wait in rsync's staging folder until a publish succeeds"))
            }
        }
        return Self.changes(fromItemized: output.text, source: source)
    }

    /// Reads `--itemize-changes` lines: `>f+++++++++ a.html` (new), `>fc........ b.html` (changed),
    /// `*deleting   old.html`. Folders are not files of the site and are not counted.
    static func changes(fromItemized text: String, source: PublishSource) -> PublishChanges {
        let sizes = Dictionary(source.files.map { ($0.path, $0.size) }, uniquingKeysWith: { a, _ in a })
        var uploads: [PublishChanges.Upload] = []
        var deletions: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            guard line.count > 12 else { continue }
            let flags = line.prefix(11)
            var name = unescape(String(line.dropFirst(12)))
            if flags.hasPrefix("*deleting") {
                name = unescape(String(line.dropFirst("*deleting".count)).trimmingCharacters(in: .whitespaces))
                if !name.hasSuffix("/") { deletions.append(name) }
                continue
            }
            let chars = Array(flags)
            guard chars.count == 11, "<>ch".contains(chars[0]) else { continue }
            switch chars[1] {
            case "f":
                uploads.append(.init(path: name, size: sizes[name] ?? 0, isNew: chars[2] == "+"))
            case "L":
                if let arrow = name.range(of: " -> ") { name = String(name[..<arrow.lowerBound]) }
                uploads.append(.init(path: name, size: sizes[name] ?? 0, isNew: chars[2] == "+"))
            default:
                continue
            }
        }
        let unchanged = max(0, source.files.count - uploads.count)
        return PublishChanges(uploads: uploads, deletions: deletions, unchanged: unchanged)
    }

    /// rsync writes unprintable bytes in names as `\#ooo` (octal).
    static func unescape(_ name: String) -> String {
        guard name.contains("\\#") else { return name }
        var bytes: [UInt8] = []
        let utf8 = Array(name.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "\\"), i + 4 < utf8.count, utf8[i + 1] == UInt8(ascii: "#"),
                let value = UInt8(String(decoding: utf8[(i + 2)..<(i + 5)], as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                i += 5
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
