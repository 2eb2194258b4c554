import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct PaginationTests {
    /// Categories with 0 (none), 1, per_page and per_page + 1 articles.
    @Test(arguments: [(1, 1), (3, 1), (4, 2)])
    func categoryPages(_ count: Int, _ pages: Int) throws {
        var spec = "-- site.yml --\nper_page: 3\n"
        for i in 0..<count {
            spec += "-- content/a\(i).md --\n" + article("Story \(i)", "2022-03-1\(i)T10:00:00Z", "World")
        }
        let site = try TestSite(spec)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        #expect(site.exists("public/category/world/index.html"))
        #expect(site.exists("public/category/world/page/\(pages)/index.html") == (pages > 1))
        #expect(!site.exists("public/category/world/page/\(pages + 1)/index.html"))
        #expect(!site.exists("public/category/world/page/1/index.html"))
        let first = try #require(site.file("public/category/world/index.html"))
        #expect(first.components(separatedBy: "class=\"item\"").count - 1 == min(count, 3))
        #expect(first.contains("rel=\"next\" href=\"../../category/world/page/2/\"") == (pages > 1))
        if pages > 1 {
            let last = try #require(site.file("public/category/world/page/2/index.html"))
            #expect(last.components(separatedBy: "class=\"item\"").count - 1 == 1)
            #expect(last.contains("rel=\"prev\" href=\"../../../../category/world/\""))
            #expect(!last.contains("rel=\"next\""))
            #expect(last.contains("Story 0"))
        }
        #expect(site.file("public/index.html")?.contains("rel=\"next\"") == (pages > 1))
    }

    @Test func anEmptySiteHasAHomePageAndNoCategories() throws {
        let site = try TestSite("-- site.yml --\ntitle: Empty\n")
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Built 0 articles: 5 pages, 6 feeds in"))
        #expect(site.file("public/index.html")?.contains("No articles yet.") == true)
        #expect(!site.exists("public/category"))
        // Valid, empty feeds, and empty tag and source indexes.
        for feed in ["feed.xml", "atom.xml", "editions/feed.xml", "editions/atom.xml"] {
            #expect(XMLParser(data: Data((site.file("public/\(feed)") ?? "").utf8)).parse(), "\(feed)")
        }
        #expect(site.file("public/feed.json")?.contains(#""items":[]"#) == true)
        #expect(site.file("public/tags/index.html")?.contains("None yet.") == true)
    }
}

@Suite struct TimeZoneTests {
    @Test func lateUTCArticleLandsOnTheNextDayInTokyo() throws {
        let site = try TestSite(
            """
            -- site.yml --
            timezone: Asia/Tokyo
            base_url: https://example.org/
            -- content/late.md --
            \(article("Late news", "2022-03-12T23:30:00+00:00", "World"))
            """)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let page = try #require(site.file("public/2022/03/13/late-news/index.html"))
        #expect(page.contains("datetime=\"2022-03-13T08:30:00+09:00\""))
        #expect(page.contains("13 March 2022</a>, 08:30"))
        #expect(site.file("public/2022/03/13/index.html")?.contains("Late news") == true)
        #expect(!site.exists("public/2022/03/12"))
        let feed = try #require(site.file("public/feed.xml"))
        #expect(feed.contains("<pubDate>Sun, 13 Mar 2022 08:30:00 +0900</pubDate>"))
        #expect(feed.contains("<link>https://example.org/2022/03/13/late-news/</link>"))
    }

    @Test func aDateAloneIsMidnightInTheSiteZone() throws {
        let site = try TestSite("-- site.yml --\ntimezone: America/New_York\n-- content/d.md --\n" + article("Day", "2022-07-04", "US"))
        defer { site.remove() }
        #expect(try site.build().status == 0)
        #expect(site.file("public/feed.xml")?.contains("<pubDate>Mon, 04 Jul 2022 00:00:00 -0400</pubDate>") == true)
    }
}

@Suite struct EscapingTests {
    @Test func titlesAndCategoriesShowLiterally() throws {
        let title = "Tom & Jerry <b>bold</b> \"quoted\" 'single'"
        let category = "News & <Views> \"Q\" 'S'"
        let site = try TestSite(
            """
            -- site.yml --
            title: "Q & A <Digest>"
            base_url: https://example.org/
            -- content/x.md --
            \(article(title, "2022-03-12T10:00:00Z", category, body: "Body & <script>alert(1)</script> text."))
            """)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let escapedTitle = "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; &#39;single&#39;"
        let escapedCategory = "News &amp; &lt;Views&gt; &quot;Q&quot; &#39;S&#39;"
        let files = site.files().filter { $0.hasSuffix(".html") }
        let articlePath = try #require(files.first { $0.hasPrefix("2022/03/12/") && $0.split(separator: "/").count == 5 })
        let page = try #require(site.file("public/" + articlePath))
        #expect(page.contains("<h1>\(escapedTitle)</h1>"))
        #expect(page.contains(">\(escapedCategory)</a>"))
        #expect(page.contains("<title>\(escapedTitle) · Q &amp; A &lt;Digest&gt;</title>"))
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<b>bold"))
        for path in files {
            let html = try #require(site.file("public/" + path))
            #expect(!html.contains("<b>bold</b>"), "\(path) shows raw markup")
        }
        for feed in ["public/feed.xml", "public/category/news-views-q-s/feed.xml"] {
            let xml = try #require(site.file(feed))
            let parser = XMLParser(data: Data(xml.utf8))
            #expect(parser.parse(), "\(feed): \(String(describing: parser.parserError))")
            #expect(xml.contains("<title>\(escapedTitle)</title>"))
        }
    }
}

@Suite struct BasePathTests {
    /// Every relative href and src on every page points at a file that exists in the output,
    /// so the site works under /digest/ and from the file system alike.
    @Test func linksWorkUnderASubPath() throws {
        var spec = "-- site.yml --\nbase_url: https://example.org/digest/\nper_page: 2\n"
        for i in 0..<5 {
            spec += "-- content/a\(i).md --\n" + article("Story \(i)", "2022-0\(1 + i % 2)-1\(i)T10:00:00Z", ["One", "Two"][i % 2])
        }
        let site = try TestSite(spec)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let public_ = site.root.appendingPathComponent("public")
        let pattern = try NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        var checked = 0
        for path in site.files() where path.hasSuffix(".html") && path != "404.html" {
            let html = try #require(site.file("public/" + path))
            for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let link = String(html[Range(match.range(at: 1), in: html)!])
                if link.contains("://") || link.hasPrefix("#") { continue }
                #expect(!link.hasPrefix("/"), "\(path): root-relative link \(link) breaks under a sub-path")
                let target = public_.appendingPathComponent(path).deletingLastPathComponent().appendingPathComponent(link)
                    .standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: target.path), "\(path): broken link \(link)")
                checked += 1
            }
        }
        #expect(checked > 100)
        let notFound = try #require(site.file("public/404.html"))
        #expect(notFound.contains("href=\"/digest/assets/style.css\""))
        #expect(notFound.contains("href=\"/digest/\""))
        let feed = try #require(site.file("public/feed.xml"))
        #expect(feed.contains("<link>https://example.org/digest/2022/01/14/story-4/</link>"))
        #expect(site.file("public/sitemap-1.xml")?.contains("<loc>https://example.org/digest/category/one/page/2/</loc>") == true)
    }
}

@Suite struct DeterminismTests {
    @Test func sameInputGivesByteIdenticalOutput() throws {
        var spec = "-- site.yml --\ntimezone: Europe/Paris\nper_page: 3\n"
        for i in 0..<12 {
            // Same-minute articles whose order must not depend on the file system.
            spec +=
                "-- content/\(i % 3)/n\(i).md --\n"
                + article(
                    "Story \(i)", "2022-03-1\(i % 4)T10:00:00+01:00", ["A", "B", "C"][i % 3],
                    extra: "tags: [t\(i % 2), x]\n")
        }
        let first = try TestSite(spec)
        let second = try TestSite(spec, reverseOrder: true)
        defer { first.remove(); second.remove() }
        #expect(try first.gazette(["build", "--now", "2030-01-01T00:00:00Z"]).status == 0)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try second.gazette(["build", "--now", "2041-06-15T12:34:56+05:00"]).status == 0)
        let a = first.snapshot(), b = second.snapshot()
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.count > 30)
        for (path, value) in a {
            #expect(b[path]?.0 == value.0, "\(path) differs between builds")
        }
    }
}
