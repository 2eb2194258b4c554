import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import GazetteServer

/// The server on a free port, driven over real sockets.
@Suite(.serialized) struct PreviewServerTests {
    @Test func servesPagesUnderTheBasePathWithTheirHeaders() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        // Theme assets are copied to the output as they are: an image, a script and some data.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
        try FileManager.default.createDirectory(
            at: site.root.appendingPathComponent("Templates/assets"),
            withIntermediateDirectories: true)
        try Data(png).write(to: site.root.appendingPathComponent("Templates/assets/logo.png"))
        try site.write("Templates/assets/menu.js", "document.documentElement.dataset.menu = 'on';\n")
        try site.write("Templates/assets/editions.json", "{\"editions\": []}\n")
        try await Preview.run(site) { preview in
            #expect(preview.url.absoluteString == "http://127.0.0.1:\(preview.port)/digest/")

            let home = try await preview.request("/digest/")
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(home.headers[.eTag]?.hasPrefix("W/\"") == true)
            #expect(home.headers[.lastModified] != nil)
            #expect(home.headers[.cacheControl] == "no-cache")
            #expect(home.headers[.contentLength] == String(home.body?.readableBytes ?? -1))
            #expect(home.text.contains("Japan weighs its security strategy"))
            // The live-reload script is added as the page is served, never to the built file.
            #expect(home.text.contains("<script src=\"/__gazette/livereload.js\""))
            #expect(site.read(".gazette/preview/index.html")?.contains("__gazette") == false)

            let index = try await preview.request("/digest/index.html")
            #expect(index.status == .ok)
            #expect(index.text == home.text)

            let head = try await preview.request("/digest/", method: .head)
            #expect(head.status == .ok)
            #expect(head.headers[.contentLength] == home.headers[.contentLength])
            #expect(head.body?.readableBytes ?? 0 == 0)

            for (path, type) in [
                ("/digest/assets/style.css", "text/css; charset=utf-8"),
                ("/digest/feed.xml", "application/rss+xml; charset=utf-8"),
                ("/digest/category/japan/feed.xml", "application/rss+xml; charset=utf-8"),
                ("/digest/sitemap.xml", "application/xml; charset=utf-8"),
                ("/digest/assets/favicon.svg", "image/svg+xml; charset=utf-8"),
                ("/digest/robots.txt", "text/plain; charset=utf-8"),
                ("/digest/assets/logo.png", "image/png"),
                ("/digest/assets/menu.js", "text/javascript; charset=utf-8"),
                ("/digest/assets/editions.json", "application/json; charset=utf-8"),
                ("/__gazette/livereload.js", "text/javascript; charset=utf-8"),
            ] {
                let response = try await preview.request(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType] == type, "\(path)")
            }
        }
    }

    @Test func theRootAndFoldersRedirect() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            let root = try await preview.request("/")
            #expect(root.status == .found)
            #expect(root.headers[.location] == "/digest/")

            let bare = try await preview.request("/digest")
            #expect(bare.status == .found)
            #expect(bare.headers[.location] == "/digest/")

            let folder = try await preview.request("/digest/2022/03?x=1")
            #expect(folder.status == .found)
            #expect(folder.headers[.location] == "/digest/2022/03/?x=1")

            let withSlash = try await preview.request("/digest/2022/03/")
            #expect(withSlash.status == .ok)
            #expect(withSlash.text.contains("Chip plan draws praise"))
        }
    }

    @Test func aMatchingETagAnswers304() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            for path in ["/digest/assets/style.css", "/digest/", "/digest/feed.xml"] {
                let first = try await preview.request(path)
                let tag = try #require(first.headers[.eTag])
                let again = try await preview.request(path, headers: [.ifNoneMatch: tag])
                #expect(again.status == .notModified, "\(path)")
                #expect(again.body?.readableBytes ?? 0 == 0)
                let other = try await preview.request(path, headers: [.ifNoneMatch: "W/\"0000\""])
                #expect(other.status == .ok, "\(path)")
            }
        }
    }

    @Test func aRangeRequestGetsPartOfTheFile() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            let whole = try await preview.request("/digest/assets/style.css")
            let part = try await preview.request("/digest/assets/style.css", headers: [.range: "bytes=0-9"])
            #expect(part.status == .partialContent)
            #expect(part.headers[.contentRange] == "bytes 0-9/\(whole.body?.readableBytes ?? 0)")
            #expect(part.headers[.contentLength] == "10")
            #expect(part.text == String(whole.text.prefix(10)))
            #expect(whole.headers[.acceptRanges] == "bytes")
        }
    }

    @Test func missingPagesGetTheSitesOwn404Page() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            let builtPage = try #require(site.read(".gazette/preview/404.html"))
            for path in ["/digest/no/such/page/", "/digest/missing.html", "/elsewhere", "/digest/feed.xml/"] {
                let response = try await preview.request(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("Page not found"), "\(path)")
                #expect(response.text.hasPrefix(String(builtPage.prefix(200))))
            }
        }
    }

    @Test func onlyGetAndHeadAreAnswered() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            let post = try await preview.request("/digest/", method: .post)
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET, HEAD")

            // Answered as soon as the head arrives, and the connection closed rather than drained.
            let big = try await RawHTTP.send(
                Array("GET /digest/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\n".utf8),
                port: preview.port)
            #expect(big.status == 413)
            let chunked = try await RawHTTP.send(
                Array("GET /digest/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n".utf8),
                port: preview.port)
            #expect(chunked.status == 413)

            let headers = (0..<200).map { "X-Filler-\($0): \(String(repeating: "y", count: 200))\r\n" }.joined()
            let huge = try await RawHTTP.send(Array("GET /digest/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)\r\n".utf8), port: preview.port)
            #expect(huge.status == 400 || huge.status == 431 || huge.status == 0)
        }
    }

    /// Each path is sent byte for byte; none may answer with anything from outside the output.
    static let hostilePaths = [
        "/digest/../site.yml",
        "/digest/../../../../etc/passwd",
        "/../etc/passwd",
        "/digest/%2e%2e/site.yml",
        "/digest/%2E%2E/%2E%2E/etc/passwd",
        "/digest/.%2e/site.yml",
        "/digest/..%2fsite.yml",
        "/digest/%2e%2e%2fsite.yml",
        "/digest/..%5csite.yml",
        "/digest/..\\site.yml",
        "/digest/\\..\\site.yml",
        "/digest/%252e%252e/site.yml",
        "/digest/%252e%252e%252fsite.yml",
        "/digest/%25252e%25252e/site.yml",
        "/digest/%c0%ae%c0%ae/site.yml",
        "/digest/%00",
        "/digest/\u{0}/../site.yml",
        "/digest/index.html\u{0}.css",
        "/digest/index.html%00.css",
        "/digest/outside/passwd",
        "/digest/outside-file.html",
        "/digest/.secret",
        "/digest/./../site.yml",
        "/digest//../site.yml",
        "/digest/content/2022/03/12/security.md",
        "/site.yml",
        "//etc/passwd",
        "/digest/%2fetc%2fpasswd",
    ]

    @Test func hostilePathsNeverLeaveTheOutputFolder() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        // A secret beside the site, and links in the output that point at it and at the site.
        let secret = site.root.deletingLastPathComponent().appendingPathComponent("gazette-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: secret, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: secret) }
        try Data("SECRET-PASSWORD".utf8).write(to: secret.appendingPathComponent("passwd"))
        try site.write("site.yml", (site.read("site.yml") ?? "") + "# SECRET-PASSWORD\n")

        try await Preview.run(site) { preview in
            let output = site.output
            try FileManager.default.createSymbolicLink(at: output.appendingPathComponent("outside"), withDestinationURL: secret)
            try FileManager.default.createSymbolicLink(
                at: output.appendingPathComponent("outside-file.html"),
                withDestinationURL: secret.appendingPathComponent("passwd"))
            try Data("SECRET-PASSWORD".utf8).write(to: output.appendingPathComponent(".secret"))

            var answers: [String] = []
            for path in Self.hostilePaths {
                let reply = try await RawHTTP.get(path, port: preview.port)
                answers.append("\(reply.status) \(path)")
                #expect([400, 403, 404].contains(reply.status), "\(path) answered \(reply.status)")
                #expect(!reply.body.contains("SECRET-PASSWORD"), "\(path) leaked the secret")
                #expect(!reply.body.contains("base_url"), "\(path) leaked site.yml")
                #expect(!reply.body.contains("root:x:0:0"), "\(path) leaked /etc/passwd")
                #expect(!reply.body.contains("title: \""), "\(path) leaked an article's source")
            }
            #expect(answers.count >= 15)
            let page = try await RawHTTP.get("/digest/2022/03/12/japan-weighs-its-security-strategy/", port: preview.port)
            #expect(page.status == 200)
        }
    }

    @Test func aSymbolicLinkInsideTheOutputIsFollowed() async throws {
        let site = try TestSite.digest()
        defer { site.remove() }
        try await Preview.run(site) { preview in
            try FileManager.default.createSymbolicLink(
                at: site.output.appendingPathComponent("styles.css"),
                withDestinationURL: site.output.appendingPathComponent("assets/style.css"))
            let response = try await preview.request("/digest/styles.css")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")
        }
    }
}
