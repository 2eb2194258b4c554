import Testing

@testable import GazetteServer

@Suite struct RequestPathTests {
    @Test func pathsBelowTheBasePathNameFilesAndFolders() {
        #expect(RequestPath.parse("/digest/", basePath: "/digest/") == .site(relative: "", isFolder: true))
        #expect(RequestPath.parse("/digest/2022/03/", basePath: "/digest/") == .site(relative: "2022/03", isFolder: true))
        #expect(RequestPath.parse("/digest/2022/03", basePath: "/digest/") == .site(relative: "2022/03", isFolder: false))
        #expect(RequestPath.parse("/digest/feed.xml", basePath: "/digest/") == .site(relative: "feed.xml", isFolder: false))
        #expect(RequestPath.parse("/feed.xml", basePath: "/") == .site(relative: "feed.xml", isFolder: false))
        #expect(RequestPath.parse("/digest/caf%C3%A9/", basePath: "/digest/") == .site(relative: "café", isFolder: true))
    }

    @Test func theRootAndTheBarePrefixRedirectToTheBasePath() {
        #expect(RequestPath.parse("/", basePath: "/digest/") == .redirect(location: "/digest/"))
        #expect(RequestPath.parse("/digest", basePath: "/digest/") == .redirect(location: "/digest/"))
        #expect(RequestPath.parse("/other/", basePath: "/digest/") == .notFound)
        #expect(RequestPath.parse("/digestive/", basePath: "/digest/") == .notFound)
    }

    @Test func hiddenFilesAreNotServed() {
        #expect(RequestPath.parse("/.gitkeep", basePath: "/") == .notFound)
        #expect(RequestPath.parse("/a/.gazette-tmp-1-index.html", basePath: "/") == .notFound)
    }

    @Test(arguments: [
        "/../etc/passwd", "/a/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fetc%2fpasswd", "/%2e%2e%2fetc%2fpasswd", "/a%2fb", "/..%5c..%5cetc", "/a\\..\\b",
        "/%252e%252e/etc/passwd", "/%252f", "/%255c", "/a%00.html", "/a%2500", "/./index.html", "/a//b",
        "/%", "/%4", "/%zz", "/%c0%ae%c0%ae/", "relative", "/a%0a", "/a%7f",
    ])
    func hostilePathsAreRejected(path: String) {
        #expect(RequestPath.parse(path, basePath: "/") == .rejected(.badRequest))
    }

    @Test func overlongPathsAreRejected() {
        #expect(RequestPath.parse("/" + String(repeating: "a", count: 5000), basePath: "/") == .rejected(.uriTooLong))
    }

    @Test func locationsAreEncoded() {
        #expect(RequestPath.encode("/digest/café story/") == "/digest/caf%C3%A9%20story/")
    }
}
