import Gazette
import Testing

@testable import GazetteServer

@Suite struct PageDecoratorTests {
    let good = BuildStatus(id: "x-1", diagnostics: nil)

    @Test func theScriptGoesBeforeTheLastClosingBodyTag() {
        let page = "<html><body><p>&lt;/body&gt;</p></BODY></html>"
        let out = String(decoding: PageDecorator.decorate(Array(page.utf8), with: good), as: UTF8.self)
        #expect(
            out
                == "<html><body><p>&lt;/body&gt;</p><script src=\"/__gazette/livereload.js\" data-gazette-build=\"x-1\" defer></script>\n</BODY></html>"
        )
    }

    @Test func aPageWithoutABodyTagGetsTheScriptAtTheEnd() {
        let out = String(decoding: PageDecorator.decorate(Array("<p>hi</p>".utf8), with: good), as: UTF8.self)
        #expect(out.hasPrefix("<p>hi</p><script src=\"/__gazette/livereload.js\""))
    }

    @Test func aFailedBuildAddsItsEscapedErrors() {
        let failed = BuildStatus(
            id: "x-2",
            diagnostics: [
                Diagnostic(path: "content/a.md", line: 3, column: 7, message: "title: <script>alert(1)</script>")
            ])
        let out = String(decoding: PageDecorator.decorate(Array("<body></body>".utf8), with: failed), as: UTF8.self)
        #expect(out.contains("id=\"gazette-overlay\""))
        #expect(out.contains("content/a.md:3:7: error: title: &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!out.contains("<script>alert"))
    }

    @Test func eventsCarryMultiLineDataAndJSON() {
        #expect(ServerSentEvent.format(event: "reload", data: "a\nb") == "event: reload\ndata: a\ndata: b\n\n")
        #expect(ServerSentEvent.jsonString("<a href=\"x\">\n") == "\"\\u003ca href=\\\"x\\\">\\n\"")
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("assets/style.css", "text/css; charset=utf-8"),
        ("assets/app.js", "text/javascript; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("feed.xml", "application/rss+xml; charset=utf-8"),
        ("category/japan/feed.xml", "application/rss+xml; charset=utf-8"),
        ("data.json", "application/json; charset=utf-8"),
        ("assets/favicon.svg", "image/svg+xml; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("a.PNG", "image/png"),
        ("a.jpg", "image/jpeg"),
        ("a.webp", "image/webp"),
        ("a.ico", "image/vnd.microsoft.icon"),
        ("LICENSE", "application/octet-stream"),
    ])
    func contentTypes(path: String, type: String) {
        #expect(ContentTypes.contentType(forPath: path) == type)
    }
}
