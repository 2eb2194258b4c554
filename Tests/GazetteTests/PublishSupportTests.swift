import Foundation
import Testing

@testable import Gazette

@Suite struct ContentTypeAndCacheTests {
    @Test func contentTypes() {
        #expect(ContentTypes.contentType(forPath: "2022/03/12/a/index.html") == "text/html; charset=utf-8")
        #expect(ContentTypes.contentType(forPath: "feed.xml") == "application/rss+xml; charset=utf-8")
        #expect(ContentTypes.contentType(forPath: "category/japan/feed.xml") == "application/rss+xml; charset=utf-8")
        #expect(ContentTypes.contentType(forPath: "sitemap.xml") == "application/xml; charset=utf-8")
        #expect(ContentTypes.contentType(forPath: "assets/style.css") == "text/css; charset=utf-8")
        #expect(ContentTypes.contentType(forPath: "assets/app.JS") == "text/javascript; charset=utf-8")
        #expect(ContentTypes.contentType(forPath: "data.json") == "application/json; charset=utf-8")
        #expect(ContentTypes.contentType(forPath: "assets/favicon.svg") == "image/svg+xml; charset=utf-8")
        #expect(ContentTypes.contentType(forPath: "a/photo.jpeg") == "image/jpeg")
        #expect(ContentTypes.contentType(forPath: "robots.txt") == "text/plain; charset=utf-8")
        #expect(ContentTypes.contentType(forPath: "README") == "application/octet-stream")
        #expect(ContentTypes.contentType(forPath: ".hidden") == "application/octet-stream")
    }

    @Test func cachePolicy() {
        let policy = CachePolicy.default
        for page in ["index.html", "2022/index.html", "feed.xml", "category/x/feed.xml", "sitemap.xml", "robots.txt"] {
            #expect(policy.cacheControl(forPath: page) == "public, max-age=0, must-revalidate", "\(page)")
        }
        #expect(policy.cacheControl(forPath: "assets/style.3f2a9c1b.css") == "public, max-age=31536000, immutable")
        #expect(policy.cacheControl(forPath: "assets/js/app-5d41402abc4b2a76.js") == "public, max-age=31536000, immutable")
        #expect(policy.cacheControl(forPath: "assets/style.css") == "public, max-age=300")
        #expect(policy.cacheControl(forPath: "assets/facade-deadbeef.css") == "public, max-age=300")
        #expect(policy.cacheControl(forPath: "images/photo.3f2a9c1b.jpg") == "public, max-age=300")
    }
}

@Suite struct MD5Tests {
    @Test func knownDigests() {
        #expect(MD5.hex(Array("".utf8)) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5.hex(Array("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5.hex(Array("The quick brown fox jumps over the lazy dog".utf8)) == "9e107d9d372bb6826bd81d3542a419d6")
        #expect(MD5.hex(Array(String(repeating: "1234567890", count: 8).utf8)) == "57edf4a22be3c955ac49da2e2107b67a")
    }

    /// Every padding case (lengths around the 56- and 64-byte boundaries) against md5sum.
    @Test func matchesMd5sumAcrossBlockBoundaries() async throws {
        let tools = ToolRunner()
        let tool = try tools.locate("md5sum")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-md5-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var expected: [String] = []
        var paths: [String] = []
        for length in [55, 56, 57, 63, 64, 65, 119, 120, 1000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let path = folder.appendingPathComponent("\(length)").path
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            paths.append(path)
            expected.append(MD5.hex(bytes))
        }
        let output = try await tools.run(tool, paths).text
        let sums = output.split(separator: "\n").map { String($0.prefix(32)) }
        #expect(sums == expected)
    }

    @Test func multipartETagFollowsTheCLIsPartSize() {
        let small = Data(repeating: 7, count: 100)
        #expect(S3Deployer.etag(of: small) == MD5.hex(small))
        let big = Data(repeating: 1, count: S3Deployer.partSize + 10)
        let parts = MD5.digest(big.prefix(S3Deployer.partSize)) + MD5.digest(big.suffix(10))
        #expect(S3Deployer.etag(of: big) == MD5.hex(parts) + "-2")
    }
}

@Suite struct RsyncOutputTests {
    @Test func itemizedChangesAreCounted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-rsync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in [("index.html", "home"), ("a b/é.html", "accented"), ("feed.xml", "feed"), ("same.css", "same")] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let source = try PublishSource(directory: folder)
        let itemized = """
            *deleting   old/page.html
            *deleting   old/
            .d..t...... ./
            cd+++++++++ a b/
            >f+++++++++ a b/\\#303\\#251.html
            >fc........ index.html
            <f.st...... feed.xml
            cL+++++++++ link -> index.html
            """
        let changes = RsyncDeployer.changes(fromItemized: itemized, source: source)
        #expect(changes.uploads.map(\.path) == ["a b/é.html", "feed.xml", "index.html", "link"])
        #expect(changes.uploads.first?.isNew == true && changes.uploads[2].isNew == false)
        #expect(changes.uploads.first?.size == 8)
        #expect(changes.deletions == ["old/page.html"])
    }
}

@Suite struct ToolRunnerTests {
    @Test func aMissingToolIsNamedPlainly() {
        let tools = ToolRunner(environment: ["PATH": "/nonexistent-gazette-path"])
        do {
            _ = try tools.locate("rsync")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .toolMissing)
            #expect(error.message.hasPrefix("rsync is not installed (not found on PATH)"))
        }
    }

    @Test func argumentsReachTheProgramUnchanged() async throws {
        let tools = ToolRunner()
        let printf = try tools.locate("printf")
        let tricky = "; rm -rf / $(echo x) `y` 'z' \"w\""
        let output = try await tools.run(printf, ["%s|%s", tricky, "é"])
        #expect(output.succeeded)
        #expect(output.text == tricky + "|é")
        let cat = try tools.locate("cat")
        let echoed = try await tools.run(cat, [], input: Data("from stdin".utf8))
        #expect(echoed.text == "from stdin")
    }
}

@Suite struct RsyncCommandTests {
    func source() throws -> (PublishSource, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-rsync-args-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try PublishSource(directory: folder), folder)
    }

    @Test func uploadsBeforeDeletingAndComparesByChecksum() throws {
        let (source, folder) = try source()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = try PublishTarget(parsing: "deploy@example.org:/srv/www digest", relativeTo: folder)
        let deployer = RsyncDeployer(
            target: target, destination: "deploy@example.org:/srv/www digest", isRemote: true,
            tools: ToolRunner(environment: ["PATH": "/usr/bin"]))
        let arguments = deployer.arguments(source, dryRun: false)
        for flag in ["--checksum", "--delete-after", "--delay-updates", "--itemize-changes", "--compress"] {
            #expect(arguments.contains(flag), "\(flag)")
        }
        #expect(!arguments.contains("--dry-run"))
        #expect(deployer.arguments(source, dryRun: true).contains("--dry-run"))
        // The destination is one argument after "--", whatever it holds.
        #expect(Array(arguments.suffix(3)) == ["--", folder.path + "/", "deploy@example.org:/srv/www digest/"])
        #expect(arguments.contains("ssh -o BatchMode=yes -o ConnectTimeout=15"))
        let own = RsyncDeployer(
            target: target, destination: "h:/x", isRemote: true, tools: ToolRunner(environment: ["RSYNC_RSH": "ssh -p 2222"]))
        #expect(!own.arguments(source, dryRun: false).contains("--rsh"))
        let local = RsyncDeployer(target: target, destination: "/srv/www", isRemote: false)
        #expect(!local.arguments(source, dryRun: false).contains("--compress"))
    }
}
