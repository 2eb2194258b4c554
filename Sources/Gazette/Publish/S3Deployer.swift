import Foundation

/// Publishes to an S3-compatible bucket through the AWS CLI.
///
/// Objects are compared by ETag, which for a single-part upload is the MD5 of the bytes, so only
/// new and changed files are sent. Each file gets its own `Content-Type` and `Cache-Control`.
/// The order keeps the live site whole at every moment: assets first, then pages, then feeds and
/// the sitemap, and stale objects are deleted last, once everything that replaced them is there.
public struct S3Deployer: Deployer {
    public var target: PublishTarget
    public var bucket: String
    /// Without leading or trailing slash; empty for the bucket's root.
    public var prefix: String
    public var endpointURL: String?
    public var tools: ToolRunner
    public var cachePolicy: CachePolicy

    /// The AWS CLI's default part size: files above it are uploaded in parts, and their ETag is
    /// the MD5 of the parts' MD5s followed by `-` and the number of parts.
    static let partSize = 8 * 1024 * 1024

    public init(
        target: PublishTarget, bucket: String, prefix: String, endpointURL: String?,
        tools: ToolRunner = ToolRunner(), cachePolicy: CachePolicy = .default
    ) {
        self.target = target
        self.bucket = bucket
        self.prefix = prefix
        self.endpointURL = endpointURL
        self.tools = tools
        self.cachePolicy = cachePolicy
    }

    public func plan(_ source: PublishSource) async throws -> PublishChanges {
        let aws = try tools.locate("aws")
        try await checkCredentials(aws)
        return try compare(source, with: try await listObjects(aws)).changes
    }

    public func publish(_ source: PublishSource) async throws -> PublishChanges {
        let aws = try tools.locate("aws")
        try await checkCredentials(aws)
        let (changes, staleKeys) = try compare(source, with: try await listObjects(aws))
        try await upload(changes.uploads.map(\.path), from: source, aws: aws)
        try await delete(staleKeys, aws: aws)
        return changes
    }

    var keyPrefix: String { prefix.isEmpty ? "" : prefix + "/" }
    var location: String { "s3://\(bucket)/\(keyPrefix)" }

    func command(_ arguments: [String]) -> [String] {
        var arguments = arguments
        if let endpointURL { arguments += ["--endpoint-url", endpointURL] }
        return arguments
    }

    /// The CLI finds credentials in many places (environment, profiles, SSO, instance roles);
    /// `aws configure list` reports whether any of them gave an access key, without a request.
    func checkCredentials(_ aws: URL) async throws {
        let output = try await tools.run(aws, ["configure", "list"])
        let keyLine = output.text.split(whereSeparator: \.isNewline).first {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("access_key")
        }
        if !output.succeeded || keyLine == nil || keyLine?.contains("<not set>") == true {
            let detail = output.succeeded ? "" : ": \(output.errorSummary)"
            throw PublishError(
                .credentials,
                "no AWS credentials found\(detail); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run 'aws configure'. Nothing was changed."
            )
        }
    }

    struct RemoteObject: Decodable {
        var Key: String
        var ETag: String?
        var Size: Int?
    }

    struct Listing: Decodable {
        var Contents: [RemoteObject]?
    }

    func listObjects(_ aws: URL) async throws -> [String: RemoteObject] {
        var arguments = ["s3api", "list-objects-v2", "--bucket", bucket, "--output", "json"]
        if !keyPrefix.isEmpty { arguments += ["--prefix", keyPrefix] }
        let output = try await tools.run(aws, command(arguments))
        guard output.succeeded else { throw classify(output, doing: "listing \(location)", changed: false) }
        let text = output.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [:] }
        do {
            let listing = try JSONDecoder().decode(Listing.self, from: Data(text.utf8))
            return Dictionary((listing.Contents ?? []).map { ($0.Key, $0) }, uniquingKeysWith: { a, _ in a })
        } catch {
            throw PublishError(.failed, "cannot read the listing of \(location): \(error); nothing was changed")
        }
    }

    func classify(_ output: ToolRunner.Output, doing what: String, changed: Bool) -> PublishError {
        let detail = output.errorSummary
        let state =
            changed
            ? "objects already uploaded are in place; stale ones were not deleted, so the previous pages still work"
            : "nothing was changed"
        if detail.contains("Could not connect") || detail.contains("Connect timeout") || detail.contains("Name or service not known")
            || detail.contains("Unable to locate") && detail.contains("endpoint")
        {
            return PublishError(.unreachable, "cannot reach \(endpointURL ?? "S3") while \(what): \(detail); \(state)")
        }
        if detail.contains("InvalidAccessKeyId") || detail.contains("SignatureDoesNotMatch") || detail.contains("ExpiredToken")
            || detail.contains("Unable to locate credentials") || detail.contains("AccessDenied")
        {
            return PublishError(.credentials, "the bucket refused the credentials while \(what): \(detail); \(state)")
        }
        if detail.contains("NoSuchBucket") {
            return PublishError(.unreachable, "the bucket '\(bucket)' does not exist: \(detail); \(state)")
        }
        return PublishError(.failed, "\(what) failed: \(detail); \(state)")
    }

    func compare(_ source: PublishSource, with remote: [String: RemoteObject]) throws -> (changes: PublishChanges, stale: [String]) {
        var uploads: [PublishChanges.Upload] = []
        var unchanged = 0
        for file in source.files {
            guard let object = remote[keyPrefix + file.path] else {
                uploads.append(.init(path: file.path, size: file.size, isNew: true))
                continue
            }
            let bytes = try Data(contentsOf: source.url(of: file.path))
            if object.Size == bytes.count, let etag = object.ETag,
                Self.etag(of: bytes) == etag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            {
                unchanged += 1
            } else {
                uploads.append(.init(path: file.path, size: file.size, isNew: false))
            }
        }
        let wanted = Set(source.files.map { keyPrefix + $0.path })
        // Keys ending in "/" are folder placeholders that consoles create, not files of the site.
        let stale = remote.keys.filter { !wanted.contains($0) && !$0.hasSuffix("/") }.sorted()
        let changes = PublishChanges(uploads: uploads, deletions: stale.map { String($0.dropFirst(keyPrefix.count)) }, unchanged: unchanged)
        return (changes, stale)
    }

    /// The ETag S3 gives an object uploaded by the AWS CLI with its default settings.
    static func etag(of bytes: Data) -> String {
        guard bytes.count > partSize else { return MD5.hex(bytes) }
        var digests: [UInt8] = []
        var parts = 0
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + partSize, bytes.count)
            digests += MD5.digest(bytes[offset..<end])
            offset = end
            parts += 1
        }
        return MD5.hex(digests) + "-\(parts)"
    }

    /// Files that share a content type and a cache policy go up in one `aws s3 cp --recursive`
    /// from a staging folder, rather than one slow CLI start per file.
    struct Batch: Hashable {
        var rank: Int
        var contentType: String
        var cacheControl: String
    }

    func batches(_ paths: [String]) -> [(batch: Batch, paths: [String])] {
        var groups: [Batch: [String]] = [:]
        for path in paths {
            let type = ContentTypes.contentType(forPath: path)
            let rank = ContentTypes.fileExtension(path.lowercased()) == "html" ? 1 : (CachePolicy.isPage(path) ? 2 : 0)
            groups[Batch(rank: rank, contentType: type, cacheControl: cachePolicy.cacheControl(forPath: path)), default: []].append(path)
        }
        return groups.sorted {
            ($0.key.rank, $0.key.contentType, $0.key.cacheControl) < ($1.key.rank, $1.key.contentType, $1.key.cacheControl)
        }
        .map { ($0.key, $0.value.sorted()) }
    }

    func upload(_ paths: [String], from source: PublishSource, aws: URL) async throws {
        guard !paths.isEmpty else { return }
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("gazette-s3-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: scratch) }
        var uploaded = 0
        for (index, group) in batches(paths).enumerated() {
            let staging = scratch.appendingPathComponent("\(index)")
            for path in group.paths {
                let destination = staging.appendingPathComponent(path)
                try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                // A hard link costs nothing; a copy is the fallback across file systems.
                do { try fm.linkItem(at: source.url(of: path), to: destination) } catch {
                    try fm.copyItem(at: source.url(of: path), to: destination)
                }
            }
            let output = try await tools.run(
                aws,
                command([
                    "s3", "cp", staging.path, location, "--recursive", "--only-show-errors", "--no-guess-mime-type",
                    "--content-type", group.batch.contentType, "--cache-control", group.batch.cacheControl,
                ]))
            guard output.succeeded else {
                throw classify(output, doing: "uploading to \(location) (\(uploaded) of \(paths.count) files sent)", changed: uploaded > 0)
            }
            uploaded += group.paths.count
        }
    }

    func delete(_ keys: [String], aws: URL) async throws {
        guard !keys.isEmpty else { return }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-s3-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: scratch) }
        struct Request: Encodable {
            struct Object: Encodable { var Key: String }
            var Objects: [Object]
            var Quiet = true
        }
        struct Response: Decodable {
            struct Failure: Decodable { var Key: String?; var Message: String? }
            var Errors: [Failure]?
        }
        var offset = 0
        while offset < keys.count {
            let chunk = keys[offset..<min(offset + 1000, keys.count)]
            try JSONEncoder().encode(Request(Objects: chunk.map { .init(Key: $0) })).write(to: scratch)
            let output = try await tools.run(
                aws, command(["s3api", "delete-objects", "--bucket", bucket, "--delete", "file://" + scratch.path, "--output", "json"]))
            guard output.succeeded else {
                throw PublishError(
                    .failed,
                    "deleting stale objects from \(location) failed: \(output.errorSummary); the new site is in place, and the stale objects a next publish will remove"
                )
            }
            let text = output.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty, let response = try? JSONDecoder().decode(Response.self, from: Data(text.utf8)),
                let failure = response.Errors?.first
            {
                throw PublishError(
                    .failed,
                    "deleting \(failure.Key ?? "an object") from \(location) failed: \(failure.Message ?? "unknown error"); the new site is in place"
                )
            }
            offset += 1000
        }
    }
}
