import Foundation
import Testing

@testable import Gazette

@Suite("Importing feeds, then building")
struct ImportFeedRoundTripTests {
    static let hostile = """
        <p>Kept <b>bold</b> and <a href="/about">a relative link</a>.</p>
        <script>alert('script')</script><style>body{display:none}</style>
        <p><img src="pic.png" alt="A picture" onerror="alert('img')"><a href="javascript:alert('link')">js</a>
        <a href="  JAVASCRIPT:alert('case')">case</a><a href="data:text/html,<script>alert('data')</script>">data</a></p>
        <iframe src="https://evil.example/frame"></iframe><object data="evil.swf"></object><embed src="evil.swf">
        <p onmouseover="alert('attr')" style="background:url(javascript:alert('css'))">Attributes go.</p>
        <svg onload="alert('svg')"><script>alert('svg2')</script></svg>
        """

    static let feeds: [(name: String, xml: String)] = [
        (
            "rss2.xml",
            """
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
            <title>Wire &amp; Co</title><link>https://wire.example.org/news/</link><description>d</description>
            <item><title>RSS two &lt;hostile&gt;</title><link>rss2-item</link><pubDate>Sat, 12 Mar 2022 05:02:00 +0800</pubDate>
            <category>Japan</category><content:encoded><![CDATA[\(hostile)]]></content:encoded></item>
            </channel></rss>
            """
        ),
        (
            "rss1.rdf",
            """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://rdf.example.org/"><title>RDF</title><link>https://rdf.example.org/news/</link><description>d</description></channel>
            <item rdf:about="https://rdf.example.org/news/1"><title>RSS one</title><link>rss1-item</link>
            <description>\(HTML.escape(hostile))</description><dc:date>2022-03-12T05:02:00+08:00</dc:date><dc:subject>Japan</dc:subject></item>
            </rdf:RDF>
            """
        ),
        (
            "atom.xml",
            """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><link href="https://atom.example.org/news/"/><id>urn:f</id>
            <updated>2022-03-12T00:00:00Z</updated>
            <entry><title>Atom one</title><link href="atom-item"/><id>urn:1</id><published>2022-03-12T05:02:00+08:00</published>
            <category term="Japan"/><content type="html">\(HTML.escape(hostile))</content></entry></feed>
            """
        ),
    ]

    @Test func hostileContentDoesNotSurvive() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let inputs = try Self.feeds.map { try site.write($0.xml, to: "feeds/\($0.name)") }
        let report = try await site.importing(inputs)
        #expect(report.failedCount == 0, "\(report.events)")
        #expect(report.written.count == 3)
        let files = try await site.build()
        for (host, slug) in [("wire", "rss-two-hostile"), ("rdf", "rss-one"), ("atom", "atom-one")] {
            let page = try #require(files["2022/03/12/\(slug)/index.html"], "no page for \(slug)")
            let body = try #require(page.components(separatedBy: "<div class=\"body\">").last?.components(separatedBy: "</div>").first)
            #expect(body.contains("<strong>bold</strong>"))
            #expect(body.contains("<a href=\"https://\(host).example.org/about\">a relative link</a>"))
            #expect(
                body.contains(
                    "<img loading=\"lazy\" decoding=\"async\" src=\"https://\(host).example.org/news/pic.png\" alt=\"A picture\" />"))
            #expect(body.contains("Attributes go."))
            for marker in [
                "<script", "alert", "onerror", "onmouseover", "onload", "javascript", "JAVASCRIPT", "data:", "<iframe",
                "<object", "<embed", "<svg", "<style", "evil",
            ] {
                #expect(!body.contains(marker), "\(marker) survived in \(slug)")
            }
            #expect(page.contains("https://\(host).example.org/news/"))
        }
        let again = try await site.importing(inputs)
        #expect(again.written.isEmpty && again.unchangedCount == 3)
    }
}
