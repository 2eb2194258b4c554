import Foundation
import Testing

/// `gazette publish s3://…` through the real AWS CLI, against moto's S3 API on loopback.
@Suite(.enabled(if: Tools.available("aws") && Tools.available("moto_server"), "the AWS CLI or moto_server is not installed"))
struct PublishS3Tests {
    static let bucket = "digest-bucket"

    func publish(
        _ fixture: PublishFixture, _ server: MotoServer, _ extra: [String] = [],
        environment: [String: String?] = [:]
    ) throws -> TestSite.Run {
        try fixture.publish(
            ["s3://\(Self.bucket)/digest", "--endpoint-url", server.endpoint] + extra,
            environment: MotoServer.environment.merging(environment) { _, new in new })
    }

    struct Object: Decodable, Equatable { var Key: String; var ETag: String; var Size: Int }
    struct Listing: Decodable { var Contents: [Object]? }

    func objects(_ server: MotoServer) throws -> [String: Object] {
        let run = try server.aws(["s3api", "list-objects-v2", "--bucket", Self.bucket, "--prefix", "digest/", "--output", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let listing = try JSONDecoder().decode(Listing.self, from: Data(run.stdout.utf8))
        return Dictionary(uniqueKeysWithValues: (listing.Contents ?? []).map { (String($0.Key.dropFirst("digest/".count)), $0) })
    }

    /// Every object's bytes, fetched back with the CLI.
    func download(_ server: MotoServer, into folder: URL) throws -> [String: Data] {
        let run = try server.aws(["s3", "cp", "s3://\(Self.bucket)/digest/", folder.path, "--recursive", "--only-show-errors"])
        #expect(run.status == 0, "\(run.stderr)")
        return contents(of: folder)
    }

    struct Head: Decodable { var ContentType: String?; var CacheControl: String? }

    func head(_ server: MotoServer, _ path: String) throws -> Head {
        let run = try server.aws(["s3api", "head-object", "--bucket", Self.bucket, "--key", "digest/" + path, "--output", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONDecoder().decode(Head.self, from: Data(run.stdout.utf8))
    }

    @Test func uploadsWithContentTypesAndThenOnlyWhatChanged() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        let server = try MotoServer()
        defer { server.stop() }
        try server.createBucket(Self.bucket)
        // Something from an earlier site, outside the prefix and inside it.
        let scratch = try Tools.scratch("s3-fetch")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data("other".utf8).write(to: scratch.appendingPathComponent("other.txt"))
        try server.aws(["s3", "cp", scratch.appendingPathComponent("other.txt").path, "s3://\(Self.bucket)/elsewhere/keep.txt"])
        try server.aws(["s3", "cp", scratch.appendingPathComponent("other.txt").path, "s3://\(Self.bucket)/digest/stale.html"])

        let first = try publish(fixture, server)
        #expect(first.status == 0, "\(first.stderr)")
        let built = fixture.output()
        #expect(PublishSummary(first.stdout) == PublishSummary(sent: built.count, removed: 1))
        #expect(Set(try objects(server).keys) == Set(built.keys))
        #expect(try download(server, into: scratch.appendingPathComponent("first")) == built)
        let kept = try server.aws(["s3api", "head-object", "--bucket", Self.bucket, "--key", "elsewhere/keep.txt"])
        #expect(kept.status == 0, "a key outside the prefix must be left alone")

        let expected: [(String, String, String)] = [
            ("index.html", "text/html; charset=utf-8", "public, max-age=0, must-revalidate"),
            ("feed.xml", "application/rss+xml; charset=utf-8", "public, max-age=0, must-revalidate"),
            ("sitemap.xml", "application/xml; charset=utf-8", "public, max-age=0, must-revalidate"),
            ("assets/style.css", "text/css; charset=utf-8", "public, max-age=300"),
            ("assets/favicon.svg", "image/svg+xml; charset=utf-8", "public, max-age=300"),
        ]
        for (path, type, cache) in expected {
            let object = try head(server, path)
            #expect(object.ContentType == type, "\(path)")
            #expect(object.CacheControl == cache, "\(path)")
        }

        // One article changes: only the files whose bytes changed are sent.
        let before = try objects(server)
        try fixture.changeOneArticle()
        let dry = try publish(fixture, server, ["--dry-run"])
        #expect(dry.stdout.contains("would upload 2022/03/13/beta-story/index.html ("), "\(dry.stdout)")
        #expect(try objects(server) == before)

        let second = try publish(fixture, server)
        #expect(second.status == 0, "\(second.stderr)")
        let rebuilt = fixture.output()
        let diff = difference(from: built, to: rebuilt)
        #expect(!diff.changed.isEmpty && diff.changed.count < rebuilt.count)
        #expect(PublishSummary(second.stdout) == PublishSummary(sent: diff.changed.count, removed: 0))
        let after = try objects(server)
        let replaced = Set(after.filter { before[$0.key]?.ETag != $0.value.ETag }.keys)
        #expect(replaced == diff.changed)
        #expect(try download(server, into: scratch.appendingPathComponent("second")) == rebuilt)

        let third = try publish(fixture, server, ["--no-build"])
        #expect(PublishSummary(third.stdout) == PublishSummary(sent: 0, removed: 0))
    }

    @Test func failuresLeaveThePreviousPublicationServing() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        let server = try MotoServer()
        defer { server.stop() }
        try server.createBucket(Self.bucket)
        #expect(try publish(fixture, server).status == 0)
        let published = try objects(server)

        // The next version drops an article (so there are stale objects) and changes another.
        try FileManager.default.removeItem(at: fixture.site.root.appendingPathComponent("content/c.md"))
        try fixture.changeOneArticle()

        let missing = try publish(fixture, server, environment: ["PATH": "/nonexistent-gazette-bin"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("aws is not installed (not found on PATH)"), "\(missing.stderr)")

        let noCredentials = try publish(fixture, server, environment: ["AWS_ACCESS_KEY_ID": nil, "AWS_SECRET_ACCESS_KEY": nil])
        #expect(noCredentials.status == 1)
        #expect(noCredentials.stderr.contains("no AWS credentials found"), "\(noCredentials.stderr)")

        let closed = "http://127.0.0.1:\(freeLoopbackPort())"
        let unreachable = try fixture.publish(
            ["s3://\(Self.bucket)/digest", "--endpoint-url", closed], environment: MotoServer.environment)
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("cannot reach \(closed)"), "\(unreachable.stderr)")
        #expect(try objects(server) == published)

        // The connection drops after the first batch of uploads: whatever was sent is new and
        // complete, and nothing stale was deleted, so every old page and what it links to is there.
        let realAWS = try #require(Tools.path("aws"))
        let bin = try Tools.scratch("flaky-aws")
        defer { try? FileManager.default.removeItem(at: bin) }
        let log = bin.appendingPathComponent("calls.log")
        let script = """
            #!/bin/sh
            echo "$1 $2" >> '\(log.path)'
            if [ -n "$FAIL_SECOND_UPLOAD" ] && [ "$1 $2" = "s3 cp" ] && [ "$(grep -c '^s3 cp' '\(log.path)')" -ge 2 ]; then
              echo 'Connection was closed before we received a valid response' >&2
              exit 1
            fi
            exec '\(realAWS)' "$@"
            """
        try Data(script.utf8).write(to: bin.appendingPathComponent("aws"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("aws").path)
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let flaky = try publish(fixture, server, environment: ["PATH": path, "FAIL_SECOND_UPLOAD": "1"])
        #expect(flaky.status == 1)
        #expect(flaky.stderr.contains("stale ones were not deleted"), "\(flaky.stderr)")
        let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(calls.first == "configure list" && calls.dropFirst().first == "s3api list-objects-v2", "\(calls)")
        #expect(!calls.contains("s3api delete-objects"))
        let afterFailure = try objects(server)

        // The next publish that gets through completes the site and only then deletes.
        let recovered = try publish(fixture, server, environment: ["PATH": path])
        #expect(recovered.status == 0, "\(recovered.stderr)")
        let final = try objects(server)
        #expect(Set(final.keys) == Set(fixture.output().keys))
        #expect(try String(contentsOf: log, encoding: .utf8).hasSuffix("s3api delete-objects\n"))

        // In between, every object was either the old one or its complete new version, and the
        // stale pages were still there for the old pages that link to them.
        #expect(Set(afterFailure.keys) == Set(published.keys))
        for (key, object) in afterFailure {
            #expect(object.ETag == published[key]?.ETag || object.ETag == final[key]?.ETag, "\(key)")
        }
    }
}
