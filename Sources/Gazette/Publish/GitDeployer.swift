import Foundation

/// Publishes to a branch of a git repository, as GitHub Pages and similar hosts serve it.
///
/// Each publish is one commit whose tree is exactly the output, plus `.nojekyll` (so GitHub
/// Pages serves the files as they are) and a `CNAME` when `site.yml` names a domain. The commit
/// is built in a private scratch repository and pushed as a fast-forward; a push either moves
/// the branch or leaves it as it was, so a failure never leaves a partial commit on the host.
public struct GitDeployer: Deployer {
    public var target: PublishTarget
    public var remote: String
    public var branch: String
    public var tools: ToolRunner

    public static let author = (name: "Gazette", email: "gazette@localhost")

    public init(target: PublishTarget, remote: String, branch: String, tools: ToolRunner = ToolRunner()) {
        self.target = target
        self.remote = remote
        self.branch = branch
        self.tools = tools
    }

    public func plan(_ source: PublishSource) async throws -> PublishChanges {
        let session = try Session(deployer: self)
        defer { session.close() }
        return try await session.prepare(source).changes
    }

    public func publish(_ source: PublishSource) async throws -> PublishChanges {
        let session = try Session(deployer: self)
        defer { session.close() }
        let prepared = try await session.prepare(source)
        guard !prepared.changes.isEmpty else { return prepared.changes }
        var arguments = ["commit-tree", prepared.tree, "-m", "Publish \(source.label)"]
        if let parent = prepared.parent { arguments += ["-p", parent] }
        let commit = try await session.git(arguments).text.trimmingCharacters(in: .whitespacesAndNewlines)
        let push = try await session.git(["push", "--quiet", remote, "\(commit):refs/heads/\(branch)"], check: false)
        guard push.succeeded else {
            throw PublishError(.failed, "pushing to \(branch) of \(remote) failed: \(push.errorSummary); the branch was left as it was")
        }
        return prepared.changes
    }

    /// A scratch bare repository whose index is filled from the output folder.
    struct Session {
        var deployer: GitDeployer
        var git: URL
        var scratch: URL

        init(deployer: GitDeployer) throws(PublishError) {
            self.deployer = deployer
            git = try deployer.tools.locate("git")
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-git-\(UUID().uuidString)")
        }

        func close() { try? FileManager.default.removeItem(at: scratch) }

        var environment: [String: String] {
            var env = [
                "GIT_DIR": scratch.path,
                "GIT_INDEX_FILE": scratch.appendingPathComponent("gazette-index").path,
                "GIT_AUTHOR_NAME": GitDeployer.author.name, "GIT_AUTHOR_EMAIL": GitDeployer.author.email,
                "GIT_COMMITTER_NAME": GitDeployer.author.name, "GIT_COMMITTER_EMAIL": GitDeployer.author.email,
                // Fail rather than wait for a password nobody will type.
                "GIT_TERMINAL_PROMPT": "0",
            ]
            if deployer.tools.environment["GIT_SSH_COMMAND"] == nil && deployer.tools.environment["GIT_SSH"] == nil {
                env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=15"
            }
            return env
        }

        @discardableResult
        func git(_ arguments: [String], input: Data? = nil, in directory: URL? = nil, check: Bool = true) async throws -> ToolRunner.Output
        {
            let output = try await deployer.tools.run(git, arguments, input: input, environment: environment, in: directory)
            if check && !output.succeeded {
                throw PublishError(.failed, "git \(arguments.first ?? "") failed: \(output.errorSummary); nothing was pushed")
            }
            return output
        }

        struct Prepared {
            var tree: String
            var parent: String?
            var changes: PublishChanges
        }

        func prepare(_ source: PublishSource) async throws -> Prepared {
            let remote = deployer.remote, branch = deployer.branch
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try await git(["init", "--quiet", "--bare", scratch.path])

            // ls-remote answers 2 for a missing branch and 128 for a repository it cannot reach.
            let listing = try await git(["ls-remote", "--exit-code", remote, "refs/heads/\(branch)"], check: false)
            var parent: String?
            switch listing.status {
            case 0:
                parent = listing.text.split(whereSeparator: { $0 == "\t" || $0.isWhitespace }).first.map(String.init)
                let fetch = try await git(["fetch", "--quiet", "--no-tags", "--depth=1", remote, "refs/heads/\(branch)"], check: false)
                guard fetch.succeeded else {
                    throw PublishError(.unreachable, "cannot fetch \(branch) from \(remote): \(fetch.errorSummary); nothing was changed")
                }
            case 2:
                parent = nil
            default:
                throw PublishError(.unreachable, "cannot reach the repository \(remote): \(listing.errorSummary); nothing was changed")
            }

            // The index holds exactly the output's files, read from the output folder itself.
            let paths = source.files.map(\.path)
            if !paths.isEmpty {
                var list = Data()
                for path in paths { list.append(contentsOf: Array(path.utf8) + [0]) }
                try await git(
                    ["--work-tree=" + source.directory.path, "update-index", "--add", "-z", "--stdin"],
                    input: list, in: source.directory)
            }
            var extras: [(path: String, bytes: Data)] = [(".nojekyll", Data())]
            if let domain = source.domain { extras.append(("CNAME", Data((domain + "\n").utf8))) }
            var sizes = Dictionary(source.files.map { ($0.path, $0.size) }, uniquingKeysWith: { a, _ in a })
            for extra in extras {
                let blob = try await git(["hash-object", "-w", "--stdin"], input: extra.bytes).text.trimmingCharacters(
                    in: .whitespacesAndNewlines)
                try await git(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(extra.path)"])
                sizes[extra.path] = extra.bytes.count
            }
            let tree = try await git(["write-tree"]).text.trimmingCharacters(in: .whitespacesAndNewlines)

            var uploads: [PublishChanges.Upload] = []
            var deletions: [String] = []
            var total = 0
            if let parent {
                // -z: names exactly as stored, without quoting. Records: STATUS NUL PATH NUL.
                let diff = try await git(["diff-tree", "-r", "-z", "--no-renames", "--name-status", parent, tree]).stdout
                let fields = diff.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
                var i = 0
                while i + 1 < fields.count {
                    let status = fields[i], path = fields[i + 1]
                    if status.hasPrefix("D") {
                        deletions.append(path)
                    } else {
                        uploads.append(.init(path: path, size: sizes[path] ?? 0, isNew: status.hasPrefix("A")))
                    }
                    i += 2
                }
                total = sizes.count
            } else {
                uploads = sizes.map { .init(path: $0.key, size: $0.value, isNew: true) }
                total = sizes.count
            }
            return Prepared(
                tree: tree, parent: parent,
                changes: PublishChanges(uploads: uploads, deletions: deletions, unchanged: total - uploads.count))
        }
    }
}
