import Foundation

/// Where a site is published, parsed and checked in one place from what the user wrote:
/// a folder, an rsync destination, a git branch or an S3-compatible bucket.
public struct PublishTarget: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A folder on this machine (or a mounted share), replaced whole by a rename.
        case folder(URL)
        /// `user@host:/path`, `rsync://host/module/path`, or a local path sent through rsync.
        case rsync(destination: String, isRemote: Bool)
        /// A branch of a git repository: `file:///srv/site.git`, `ssh://git@host/org/repo.git`.
        case git(remote: String, branch: String)
        /// `s3://bucket/prefix`; the prefix has no leading or trailing slash and may be empty.
        case s3(bucket: String, prefix: String, endpointURL: String?)
    }

    /// How to reach a folder when something other than a plain copy is wanted.
    public enum Transport: String, Sendable, CaseIterable {
        case rsync
    }

    public var kind: Kind
    /// The target as written on the command line or in `site.yml`.
    public var written: String
    /// The `site.yml` name it was found under, if any.
    public var name: String?

    public var description: String {
        name.map { "\($0) (\(written))" } ?? written
    }

    public static let defaultGitBranch = "gh-pages"

    /// Resolves a command-line argument: a name from `site.yml`'s `publish:` first, else a target.
    ///
    /// Relative folders from `site.yml` are relative to the site folder; those typed on the
    /// command line are relative to where the command runs, as a shell user expects.
    public static func resolve(
        _ argument: String, config: SiteConfig, siteDirectory: URL,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
        via: Transport? = nil, endpointURL: String? = nil
    ) throws(PublishError) -> PublishTarget {
        if let named = config.publishTargets.last(where: { $0.name == argument }) {
            var target = try PublishTarget(
                parsing: named.target, relativeTo: siteDirectory, via: via, endpointURL: endpointURL,
                namesKnown: config.publishTargets.map(\.name))
            target.name = named.name
            return target
        }
        return try PublishTarget(
            parsing: argument, relativeTo: currentDirectory, via: via, endpointURL: endpointURL,
            namesKnown: config.publishTargets.map(\.name))
    }

    public init(
        parsing text: String, relativeTo base: URL, via: Transport? = nil, endpointURL: String? = nil,
        namesKnown: [String] = []
    ) throws(PublishError) {
        let string = text.trimmingCharacters(in: .whitespacesAndNewlines)
        written = string
        name = nil
        func invalid(_ message: String) -> PublishError { PublishError(.invalidTarget, message) }
        guard !string.isEmpty else { throw invalid("the publish target is empty") }
        guard !string.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw invalid("the publish target '\(string)' holds a line break")
        }
        let lower = string.lowercased()
        let scheme = lower.range(of: "://").map { String(lower[..<$0.lowerBound]) }

        if let endpointURL {
            guard scheme == "s3" else { throw invalid("--endpoint-url only applies to s3:// targets, not '\(string)'") }
            guard let url = URL(string: endpointURL), let s = url.scheme?.lowercased(), ["http", "https"].contains(s), url.host != nil
            else {
                throw invalid("--endpoint-url '\(endpointURL)' is not an http or https URL")
            }
        }
        if via == .rsync, let scheme, scheme != "file" {
            throw invalid("--via rsync applies to folders; '\(string)' is a \(scheme):// target")
        }

        switch scheme {
        case "s3"?:
            let rest = string.dropFirst("s3://".count)
            let bucket = String(rest.prefix { $0 != "/" })
            let prefix = rest.dropFirst(bucket.count).split(separator: "/").joined(separator: "/")
            guard Self.isValidBucket(bucket) else {
                throw invalid("'\(bucket)' is not a valid bucket name in '\(string)' (3 to 63 lowercase letters, digits, dots and hyphens)")
            }
            guard !prefix.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else {
                throw invalid("the prefix of '\(string)' must not hold '.' or '..'")
            }
            kind = .s3(bucket: bucket, prefix: prefix, endpointURL: endpointURL)

        case let s? where s.hasPrefix("git+"):
            let inner = String(string.dropFirst(4))
            let transport = String(s.dropFirst(4))
            guard ["file", "ssh", "https", "http", "git"].contains(transport) else {
                throw invalid("'\(string)': git targets use git+file://, git+ssh:// or git+https://")
            }
            let parts = inner.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let remote = String(parts[0])
            let branch = parts.count > 1 ? String(parts[1]) : Self.defaultGitBranch
            guard let url = URL(string: remote), url.scheme != nil, !(url.path.isEmpty && url.host == nil) else {
                throw invalid("'\(string)' is not a repository URL")
            }
            guard Self.isValidBranch(branch) else {
                throw invalid("'\(branch)' is not a valid branch name in '\(string)'")
            }
            kind = .git(remote: remote, branch: branch)

        case "rsync"?:
            let rest = string.dropFirst("rsync://".count)
            let host = rest.prefix { $0 != "/" }
            guard !host.isEmpty, !host.hasPrefix("-"), rest.dropFirst(host.count).split(separator: "/").first != nil else {
                throw invalid("'\(string)' needs a host and a module: rsync://host/module/path")
            }
            kind = .rsync(destination: string, isRemote: true)

        case "file"?:
            guard let url = URL(string: string), url.isFileURL, !url.path.isEmpty else { throw invalid("'\(string)' is not a file URL") }
            let path = url.standardizedFileURL.path
            kind = via == .rsync ? .rsync(destination: path, isRemote: false) : .folder(URL(fileURLWithPath: path, isDirectory: true))

        case let s?:
            throw invalid(
                "unknown kind of target '\(s)://' in '\(string)'; expected a folder, user@host:/path, rsync://, git+file:// or git+ssh://…#branch, or s3://bucket/prefix"
            )

        case nil:
            if let host = Self.remoteShellHost(string) {
                guard !host.hasPrefix("-") else { throw invalid("'\(string)' is not a valid host") }
                kind = .rsync(destination: string, isRemote: true)
            } else if !string.contains("/") && string != "." && string != ".." && !string.hasPrefix("~") {
                let known = namesKnown.isEmpty ? "site.yml names none" : "site.yml names: " + namesKnown.joined(separator: ", ")
                throw invalid("no publish target named '\(string)' (\(known)); for a folder, write ./\(string)")
            } else {
                var path = string
                if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
                    path = home + path.dropFirst(1)
                }
                let url =
                    path.hasPrefix("/")
                    ? URL(fileURLWithPath: path, isDirectory: true)
                    : URL(fileURLWithPath: path, isDirectory: true, relativeTo: base)
                let folder = url.standardizedFileURL.path
                guard folder != "/" else { throw invalid("refusing to publish to '/'") }
                kind =
                    via == .rsync ? .rsync(destination: folder, isRemote: false) : .folder(URL(fileURLWithPath: folder, isDirectory: true))
            }
        }
    }

    /// `host:path` or `user@host:path` as rsync and scp read it: a colon before any slash.
    static func remoteShellHost(_ string: String) -> String? {
        guard let colon = string.firstIndex(of: ":") else { return nil }
        let host = string[..<colon]
        guard !host.isEmpty, !host.contains("/") else { return nil }
        return String(host)
    }

    static func isValidBucket(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        return (3...63).contains(name.count) && name.allSatisfy(allowed.contains)
            && name.first.map { $0.isLetter || $0.isNumber } == true && name.last.map { $0.isLetter || $0.isNumber } == true
    }

    /// The rules of `git check-ref-format --branch`, less the rare ones.
    static func isValidBranch(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("-"), !name.hasPrefix("/"), !name.hasSuffix("/"), !name.hasSuffix("."),
            !name.hasSuffix(".lock"), !name.contains(".."), !name.contains("//"), !name.contains("@{")
        else { return false }
        return name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !"~^:?*[\\".unicodeScalars.contains($0) }
    }

    /// The programs this target needs, checked before anything is built or changed.
    public var requiredTools: [String] {
        switch kind {
        case .folder: []
        case .rsync: ["rsync"]
        case .git: ["git"]
        case .s3: ["aws"]
        }
    }

    /// The deployer that publishes to this target.
    public func deployer(tools: ToolRunner = ToolRunner(), protecting protected: [URL] = []) -> any Deployer {
        switch kind {
        case .folder(let url): FolderDeployer(target: self, folder: url, protected: protected)
        case .rsync(let destination, let isRemote):
            RsyncDeployer(target: self, destination: destination, isRemote: isRemote, tools: tools, protected: protected)
        case .git(let remote, let branch): GitDeployer(target: self, remote: remote, branch: branch, tools: tools)
        case .s3(let bucket, let prefix, let endpoint):
            S3Deployer(target: self, bucket: bucket, prefix: prefix, endpointURL: endpoint, tools: tools)
        }
    }
}
