import Foundation
import Testing

@testable import Gazette

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct FeedTests {
    func config() throws -> SiteConfig {
        try SiteConfig.parse("title: \"Q & A\"\nbase_url: https://example.org/digest\ntimezone: Asia/Tokyo\n")
    }

    @Test func rssCarriesEverythingAReaderNeeds() throws {
        let config = try config()
        let a = makeArticle("Tom & Jerry <b> \"q\" 'x' ]]>", "2022-03-12T23:30:00+00:00", category: "A & B", zone: "Asia/Tokyo")
        let index = SiteIndex(articles: [a])
        let html = "<p>See <a href=\"../../other/\">this</a> and <img src=\"pic.png\" alt=\"x\"> ]]> end</p>"
        let feed = Feed.all(index, config: config)[0]
        let xml = RSSFeed.render(feed, index: index, config: config) { _ in html }
        #expect(xml.contains("<title>Tom &amp; Jerry &lt;b&gt; &quot;q&quot; &#39;x&#39; ]]&gt;</title>"))
        #expect(xml.contains("<pubDate>Sun, 13 Mar 2022 08:30:00 +0900</pubDate>"))
        #expect(xml.contains("<lastBuildDate>Sun, 13 Mar 2022 08:30:00 +0900</lastBuildDate>"))
        #expect(xml.contains("<guid isPermaLink=\"true\">https://example.org/digest/2022/03/13/tom-jerry-b-q-x/</guid>"))
        #expect(xml.contains("<atom:link href=\"https://example.org/digest/feed.xml\" rel=\"self\""))
        #expect(xml.contains("href=\"https://example.org/digest/2022/03/other/\""))
        #expect(xml.contains("src=\"https://example.org/digest/2022/03/13/tom-jerry-b-q-x/pic.png\""))
        #expect(xml.contains("<category>A &amp; B</category>"))
        // Well-formed XML, and the CDATA split keeps the text intact.
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test func absoluteLinksLeaveSchemesAndResolveTheRest() {
        let base = "https://example.org/digest/2022/03/13/a/"
        let html =
            ##"<a href="https://x.org/">x</a><a href="mailto:a@b.c">m</a><a href="/root">r</a><a href="#n">n</a><a href="q?a=1&amp;b=2">q</a>"##
        let out = AbsoluteLinks.rewrite(html, base: base)
        #expect(out.contains(#"href="https://x.org/""#))
        #expect(out.contains(#"href="mailto:a@b.c""#))
        #expect(out.contains(#"href="https://example.org/root""#))
        #expect(out.contains(##"href="https://example.org/digest/2022/03/13/a/#n""##))
        #expect(out.contains(#"href="https://example.org/digest/2022/03/13/a/q?a=1&amp;b=2""#))
    }

    @Test func sitemapListsPagesWithDates() throws {
        let config = try SiteConfig.parse("base_url: https://example.org/a&b/\ntimezone: Asia/Singapore\n")
        let index = SiteIndex(articles: [makeArticle("One", "2022-03-12T05:02:00+08:00", zone: "Asia/Singapore")])
        let xml = Sitemap.render(Page.all(index, config: config), index: index, config: config)
        #expect(xml.contains("<url><loc>https://example.org/a&amp;b/</loc><lastmod>2022-03-12T05:02:00+08:00</lastmod></url>"))
        #expect(
            xml.contains("<url><loc>https://example.org/a&amp;b/2022/03/12/one/</loc><lastmod>2022-03-12T05:02:00+08:00</lastmod></url>"))
        #expect(!xml.contains("404"))
    }
}
