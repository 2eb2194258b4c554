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
        #expect(feed.format == .rss && feed.owner == .site)
        let xml = feed.render(index: index, config: config) { _ in html }
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

    @Test func everyFeedComesInThreeFormatsThatParse() throws {
        let config = try config()
        var a = makeArticle("Tom & Jerry </script> ]]>", "2022-03-12T23:30:00+00:00", category: "A & B", zone: "Asia/Tokyo")
        a.tags = ["Yen", "yen", "Bank of Japan"]
        a.source = "Kyodo"
        a.image = "https://img.example.org/a.jpg?x=1&y=2"
        a.imageAlt = "A \"quoted\" alt"
        let b = makeArticle("Second", "2022-03-11T10:00:00+09:00", category: "Other", zone: "Asia/Tokyo")
        let index = SiteIndex(articles: [a, b])
        let feeds = Feed.all(index, config: config)
        // Site, editions, 2 categories, 2 tags (Yen and yen are one), 1 source: 7 owners, 3 formats each.
        #expect(feeds.count == 21)
        #expect(Set(feeds.map(\.route.path)).count == 21)
        #expect(feeds.contains { $0.route.path == "tag/yen/atom.xml" })
        #expect(feeds.contains { $0.route.path == "source/kyodo/feed.json" })
        #expect(feeds.contains { $0.route.path == "editions/feed.xml" })
        for feed in feeds {
            let text = feed.render(index: index, config: config) { _ in "<p>Body & more</p>" }
            switch feed.format {
            case .rss, .atom:
                let parser = XMLParser(data: Data(text.utf8))
                #expect(parser.parse(), "\(feed.route.path): \(parser.parserError.map { "\($0)" } ?? "")")
            case .json:
                let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                #expect(json["version"] as? String == "https://jsonfeed.org/version/1.1")
                #expect(json["feed_url"] as? String == config.absoluteURL(feed.route))
                let items = try #require(json["items"] as? [[String: Any]])
                for item in items {
                    #expect(item["id"] as? String == item["url"] as? String)
                    #expect(item["content_html"] != nil || item["content_text"] != nil)
                }
            }
        }
        // Full content in the site's and categories' feeds; a summary in a tag's.
        let site = feeds.first { $0.route.path == "feed.json" }!.render(index: index, config: config) { _ in "<p>Body</p>" }
        #expect(site.contains("<p>Body</p>"))
        #expect(site.contains(#""image":"https://img.example.org/a.jpg?x=1&y=2""#))
        let tag = feeds.first { $0.route.path == "tag/yen/feed.xml" }!.render(index: index, config: config) { _ in "<p>Body</p>" }
        #expect(!tag.contains("<p>Body</p>"))
        #expect(tag.contains(#"<media:content url="https://img.example.org/a.jpg?x=1&amp;y=2" medium="image">"#))
        let atom = feeds.first { $0.route.path == "atom.xml" }!.render(index: index, config: config) { _ in "" }
        #expect(atom.contains("<published>2022-03-13T08:30:00+09:00</published>"))
        #expect(atom.contains("<id>https://example.org/digest/2022/03/13/tom-jerry-script/</id>"))
    }

    @Test func anEmptySiteHasValidEmptyFeeds() throws {
        let config = try config()
        let index = SiteIndex(articles: [])
        for feed in Feed.all(index, config: config) {
            let text = feed.render(index: index, config: config) { _ in "" }
            if feed.format == .json {
                #expect(text.contains(#""items":[]"#))
            } else {
                #expect(XMLParser(data: Data(text.utf8)).parse())
                #expect(!text.contains("<item>") && !text.contains("<entry>"))
            }
        }
    }

    @Test func theEditionsFeedHasOneEntryPerDayGroupedByCategory() throws {
        let config = try config()
        let index = SiteIndex(articles: [
            makeArticle("Late", "2022-03-12T22:00:00+09:00", category: "Zeta", zone: "Asia/Tokyo"),
            makeArticle("Early", "2022-03-12T06:00:00+09:00", category: "Alpha", zone: "Asia/Tokyo"),
            makeArticle("Yesterday", "2022-03-11T06:00:00+09:00", category: "Alpha", zone: "Asia/Tokyo"),
        ])
        let feed = try #require(Feed.all(index, config: config).first { $0.owner == .editions && $0.format == .rss })
        let xml = feed.render(index: index, config: config) { _ in "" }
        #expect(xml.components(separatedBy: "<item>").count == 3)
        #expect(xml.contains("<guid isPermaLink=\"true\">https://example.org/digest/2022/03/12/</guid>"))
        // The newest day first; within it, Alpha before Zeta.
        let day = try #require(xml.range(of: "2022/03/12/</guid>"))
        let alpha = try #require(xml.range(of: "category/alpha/", range: day.upperBound..<xml.endIndex))
        let zeta = try #require(xml.range(of: "category/zeta/", range: day.upperBound..<xml.endIndex))
        #expect(alpha.lowerBound < zeta.lowerBound)
        #expect(xml.range(of: "2022/03/12/")!.lowerBound < xml.range(of: "2022/03/11/")!.lowerBound)
    }

    @Test func sitemapIsAnIndexOfPartsWithDates() throws {
        let config = try SiteConfig.parse("base_url: https://example.org/a&b/\ntimezone: Asia/Singapore\n")
        let index = SiteIndex(articles: (1...9).map { makeArticle("Story \($0)", "2022-03-0\($0)T05:02:00+08:00", zone: "Asia/Singapore") })
        let pages = Page.all(index, config: config)
        let now = Timestamp(seconds: 1_700_000_000, offset: 0)
        let plan = SitemapPlan(pages: pages, index: index, config: config, now: now, partSize: 10)
        let urls = pages.filter { $0.kind != .notFound }.count
        #expect(plan.parts.count == (urls + 9) / 10 && plan.parts.count > 1)
        #expect(plan.parts.allSatisfy { $0.count <= 10 })
        #expect(Set(plan.parts.joined().map(\.url)).count == urls)
        let xml = plan.render(.index, index: index, config: config)
        #expect(xml.contains("<sitemapindex"))
        #expect(xml.contains("<sitemap><loc>https://example.org/a&amp;b/sitemap-2.xml</loc><lastmod>"))
        let part = plan.parts.indices.map { plan.render(.part($0 + 1), index: index, config: config) }.joined()
        #expect(
            part.contains(
                "<url><loc>https://example.org/a&amp;b/2022/03/01/story-1/</loc><lastmod>2022-03-01T05:02:00+08:00</lastmod></url>"))
        #expect(!part.contains("404"))
        // The default holds the sitemaps.org limit.
        #expect(SitemapPlan.maximumURLs == 50_000)
    }

    @Test func newsSitemapHoldsTheLast48Hours() throws {
        let config = try SiteConfig.parse("title: Wire\nnews_name: The Wire\nlanguage: ja\n")
        let index = SiteIndex(articles: [
            makeArticle("Future", "2022-03-12T13:00:00Z"),
            makeArticle("Fresh", "2022-03-12T11:00:00Z"),
            makeArticle("Edge", "2022-03-10T12:00:01Z"),
            makeArticle("Old", "2022-03-10T11:59:59Z"),
        ])
        let now = try ISO8601Reader.read("2022-03-12T12:00:00Z", in: TimeZone(identifier: "UTC")!)
        let plan = SitemapPlan(pages: Page.all(index, config: config), index: index, config: config, now: now)
        #expect(plan.news.map { index.article($0).title } == ["Fresh", "Edge"])
        #expect(plan.validUntil == index.articles[plan.news.last!].date.seconds + 48 * 3600)
        let xml = plan.render(.news, index: index, config: config)
        #expect(xml.contains("<news:name>The Wire</news:name><news:language>ja</news:language>"))
        #expect(xml.contains("<news:title>Fresh</news:title>"))
        #expect(XMLParser(data: Data(xml.utf8)).parse())
        #expect(
            ["en-GB", "ja", "zh", "zh-Hans-CN", "zh-Hant", "zh_TW", "zh-HK"].map(SitemapPlan.newsLanguage)
                == ["en", "ja", "zh-cn", "zh-cn", "zh-tw", "zh-tw", "zh-tw"])
    }
}
