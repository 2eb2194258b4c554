import Foundation
import Testing

@testable import Gazette

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What readers, aggregators and search engines find: tag and source pages, images, canonical
/// links, article metadata, and images brought in by `gazette import`.
@Suite struct NewsMetadataTests {
    static let site = """
        -- site.yml --
        title: Wire
        base_url: https://example.org/
        timezone: Asia/Tokyo
        per_page: 2
        logo: images/logo.png
        -- static/images/logo.png --
        logo
        -- static/images/quake.jpg --
        jpeg
        -- content/a.md --
        \(article("Quake hits Noto", "2024-01-01T16:10:00+09:00", "Japan", extra: "tags: [Earthquake, Noto]\nsource: Kyodo\nimage: /images/quake.jpg\nimage_alt: \"A collapsed house\"\nupdated: 2024-01-02T08:00:00+09:00\noriginal_url: https://kyodo.example/quake\n"))
        -- content/b.md --
        \(article("Aftershocks continue", "2024-01-02T09:00:00+09:00", "Japan", extra: "tags: [earthquake]\nsource: Kyodo\n"))
        -- content/c.md --
        \(article("Rescue teams arrive", "2024-01-03T09:00:00+09:00", "Japan", extra: "tags: [Earthquake]\nsource: NHK\ncanonical: original\noriginal_url: https://nhk.example/rescue\n"))
        """

    @Test func tagAndSourcePagesArePaginatedWithFeedsAndIndexes() throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        // "Earthquake" and "earthquake" are one tag, named as most articles spell it.
        let tag = try #require(site.file("public/tag/earthquake/index.html"))
        #expect(tag.contains("<h1>Earthquake</h1>"))
        #expect(tag.contains("3 articles"))
        #expect(tag.contains("rel=\"next\" href=\"../../tag/earthquake/page/2/\""))
        let second = try #require(site.file("public/tag/earthquake/page/2/index.html"))
        #expect(second.contains("rel=\"prev\" href=\"../../../../tag/earthquake/\""))
        #expect(second.contains("Quake hits Noto"))
        // Newest first.
        let rescue = try #require(tag.range(of: "Rescue teams arrive"))
        let after = try #require(tag.range(of: "Aftershocks continue"))
        #expect(rescue.lowerBound < after.lowerBound)
        for format in [("application/rss+xml", "feed.xml"), ("application/atom+xml", "atom.xml"), ("application/feed+json", "feed.json")] {
            #expect(
                tag.contains("<link rel=\"alternate\" type=\"\(format.0)\" title=\"Wire: Earthquake (")
                    && tag.contains("href=\"../../tag/earthquake/\(format.1)\""))
            #expect(site.exists("public/tag/earthquake/\(format.1)"))
            #expect(site.exists("public/source/kyodo/\(format.1)"))
        }
        let tags = try #require(site.file("public/tags/index.html"))
        #expect(tags.contains("<a href=\"../tag/earthquake/\">Earthquake</a> <span class=\"count\">3 articles</span>"))
        #expect(tags.contains("<a href=\"../tag/noto/\">Noto</a> <span class=\"count\">1 article</span>"))
        let sources = try #require(site.file("public/sources/index.html"))
        #expect(sources.contains("<a href=\"../source/kyodo/\">Kyodo</a> <span class=\"count\">2 articles</span>"))
        #expect(site.file("public/source/nhk/index.html")?.contains("Rescue teams arrive") == true)
        // On the article page, tags and the source are links to their pages.
        let page = try #require(site.file("public/2024/01/01/quake-hits-noto/index.html"))
        #expect(page.contains("<a href=\"../../../../tag/earthquake/\" rel=\"tag\">Earthquake</a>"))
        #expect(page.contains("<a href=\"../../../../source/kyodo/\">Kyodo</a>"))
    }

    @Test func articlesCarryTheirImageMetadataAndCanonical() throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let page = try #require(site.file("public/2024/01/01/quake-hits-noto/index.html"))
        #expect(page.contains("<img src=\"../../../../images/quake.jpg\" alt=\"A collapsed house\""))
        #expect(site.exists("public/images/quake.jpg"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/2024/01/01/quake-hits-noto/\">"))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://example.org/images/quake.jpg\">"))
        #expect(page.contains("<meta property=\"article:modified_time\" content=\"2024-01-02T08:00:00+09:00\">"))
        #expect(page.contains("<meta property=\"og:url\" content=\"https://example.org/2024/01/01/quake-hits-noto/\">"))
        let ld = try #require(Self.jsonLD(page))
        #expect(ld["@type"] as? String == "NewsArticle")
        #expect(ld["isBasedOn"] as? String == "https://kyodo.example/quake")
        #expect(ld["image"] as? [String] == ["https://example.org/images/quake.jpg"])
        #expect(
            (ld["publisher"] as? [String: Any]).flatMap { $0["logo"] as? [String: Any] }?["url"] as? String
                == "https://example.org/images/logo.png")
        // `canonical: original` on one article names its original.
        let rescue = try #require(site.file("public/2024/01/03/rescue-teams-arrive/index.html"))
        #expect(rescue.contains("<link rel=\"canonical\" href=\"https://nhk.example/rescue\">"))
        #expect(rescue.contains("<meta property=\"og:url\" content=\"https://nhk.example/rescue\">"))
        // The home page says what the site is.
        let home = try #require(site.file("public/index.html"))
        #expect(Self.jsonLD(home)?["@type"] as? String == "WebSite")
        // The image reaches the feeds.
        #expect(
            site.file("public/feed.xml")?.contains("<media:content url=\"https://example.org/images/quake.jpg\" medium=\"image\">") == true)
        #expect(site.file("public/feed.json")?.contains(#""image":"https://example.org/images/quake.jpg""#) == true)
        // Site-wide `canonical: original`: every article with an original names it.
        try site.write(
            "site.yml", "title: Wire\nbase_url: https://example.org/\ntimezone: Asia/Tokyo\ncanonical: original\nlogo: images/logo.png\n")
        #expect(try site.build().status == 0)
        #expect(
            site.file("public/2024/01/01/quake-hits-noto/index.html")?.contains(
                "<link rel=\"canonical\" href=\"https://kyodo.example/quake\">") == true)
        #expect(
            site.file("public/2024/01/02/aftershocks-continue/index.html")?.contains(
                "<link rel=\"canonical\" href=\"https://example.org/2024/01/02/aftershocks-continue/\">") == true)
    }

    @Test func aMissingImageOrBadCanonicalIsAnError() throws {
        let site = try TestSite(
            """
            -- content/a.md --
            \(article("A", "2024-01-01T10:00:00Z", "News", extra: "image: images/missing.jpg\n"))
            -- content/b.md --
            \(article("B", "2024-01-01T11:00:00Z", "News", extra: "canonical: elsewhere\n"))
            -- content/c.md --
            \(article("C", "2024-01-01T12:00:00Z", "News", extra: "image: \"javascript:alert(1)\"\n"))
            """)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status != 0)
        #expect(run.stderr.contains("content/b.md:5:12: error: canonical: expected 'original'"), "\(run.stderr)")
        #expect(run.stderr.contains("content/c.md:5:8: error: image: expected an absolute http or https URL"), "\(run.stderr)")
        try site.write("content/b.md", article("B", "2024-01-01T11:00:00Z", "News"))
        try site.write("content/c.md", article("C", "2024-01-01T12:00:00Z", "News"))
        let missing = try site.build()
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("content/a.md:5:8: error: image: there is no file static/images/missing.jpg"), "\(missing.stderr)")
        #expect(!site.exists("public/index.html"))
    }

    @Test func theJSONLDSurvivesAScriptInTheTitle() throws {
        let title = "Breaking </script><script>alert(1)</script> & more"
        let site = try TestSite("-- content/a.md --\n" + article(title, "2024-01-01T10:00:00Z", "News"))
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let page = try #require(site.file("public/2024/01/01/breaking-script-script-alert-1-script-more/index.html"))
        #expect(!page.contains("<script>alert"))
        #expect(Self.jsonLD(page)?["headline"] as? String == title)
    }

    @Test func importBringsImagesFromFeedsAndPages() async throws {
        let site = try TemporarySite()
        defer { site.remove() }
        let rss = try site.write(
            """
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
            <title>Wire</title><link>https://wire.example.org/news/</link><description>d</description>
            <item><title>With media</title><link>https://wire.example.org/a</link><pubDate>Sat, 12 Mar 2022 05:02:00 +0800</pubDate>
            <description>Text one.</description>
            <media:content url="/img/a.jpg" medium="image"><media:description>Alt one</media:description></media:content></item>
            <item><title>With enclosure</title><link>https://wire.example.org/b</link><pubDate>Sat, 12 Mar 2022 06:02:00 +0800</pubDate>
            <description>Text two.</description><enclosure url="https://cdn.example.org/b.png" length="10" type="image/png"/>
            <enclosure url="https://cdn.example.org/b.mp3" length="10" type="audio/mpeg"/></item>
            <item><title>With a script image</title><link>https://wire.example.org/c</link><pubDate>Sat, 12 Mar 2022 07:02:00 +0800</pubDate>
            <description>Text three.</description><media:content url="javascript:alert(1)" medium="image"/></item>
            <item><title>With credit</title><link>https://wire.example.org/d</link><pubDate>Sat, 12 Mar 2022 08:02:00 +0800</pubDate>
            <description>Text four.</description>
            <media:group><media:credit role="photographer">Photograph: Kim Lee/Reuters</media:credit>
            <media:content url="https://cdn.example.org/d.jpg" medium="image" width="1200" height="675">
            <media:title>Rescuers at the site</media:title><media:description>Rescuers search the rubble in Hualien on Saturday.</media:description>
            </media:content></media:group></item>
            </channel></rss>
            """, to: "in/feed.xml")
        let page = try site.write(
            """
            <!DOCTYPE html><html><head><title>Page</title>
            <meta property="og:title" content="A saved page"><meta property="og:url" content="https://paper.example/story">
            <meta property="og:image" content="/photos/lead.jpg"><meta property="og:image:alt" content="The lead photo">
            <meta property="og:image:width" content="800"><meta property="og:image:height" content="600">
            <meta property="article:published_time" content="2022-03-12T08:00:00+08:00"></head>
            <body><article><p>Paragraph of the saved page, long enough to be the story.</p></article></body></html>
            """, to: "in/page.html")
        let report = try await site.importing([rss, page], category: "News")
        #expect(report.written.count == 5, "\(report.events)")
        let texts = report.written.compactMap { site.read($0) }
        func front(_ title: String) -> String? { texts.first { $0.contains("title: \"\(title)\"") } }
        #expect(front("With media")?.contains("image: \"https://wire.example.org/img/a.jpg\"\nimage_alt: \"Alt one\"") == true)
        #expect(front("With enclosure")?.contains("image: \"https://cdn.example.org/b.png\"") == true)
        #expect(front("With a script image")?.contains("image:") == false)
        #expect(
            front("A saved page")?.contains(
                "image: \"https://paper.example/photos/lead.jpg\"\nimage_alt: \"The lead photo\"\nimage_width: 800\nimage_height: 600")
                == true)
        // The credit (from the group), the title as the alternative and the description as the
        // caption, and the size.
        #expect(
            front("With credit")?.contains(
                "image: \"https://cdn.example.org/d.jpg\"\nimage_alt: \"Rescuers at the site\"\nimage_caption: \"Rescuers search the rubble in Hualien on Saturday.\"\nimage_credit: \"Photograph: Kim Lee/Reuters\"\nimage_width: 1200\nimage_height: 675"
            ) == true, "\(front("With credit") ?? "")")
        // And the build shows them.
        let files = try await site.build()
        let built = files.first { $0.key.hasSuffix("/with-media/index.html") }?.value
        #expect(built?.contains("<img src=\"https://wire.example.org/img/a.jpg\" alt=\"Alt one\"") == true)
        let credited = files.first { $0.key.hasSuffix("/with-credit/index.html") }?.value
        #expect(
            credited?.contains("<img src=\"https://cdn.example.org/d.jpg\" alt=\"Rescuers at the site\" width=\"1200\" height=\"675\"")
                == true)
        #expect(
            credited?.contains(
                "<figcaption>Rescuers search the rubble in Hualien on Saturday. <span class=\"credit\">Photograph: Kim Lee/Reuters</span></figcaption>"
            )
                == true)
    }

    /// The first JSON-LD block of `page`, parsed.
    static func jsonLD(_ page: String) -> [String: Any]? {
        guard let start = page.range(of: "<script type=\"application/ld+json\">"),
            let end = page.range(of: "</script>", range: start.upperBound..<page.endIndex)
        else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
    }
}
