import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The binary on small real sites, checked the way a reader meets the output.
@Suite struct BuildTests {
    static let threeArticles = """
        -- site.yml --
        title: Test Digest
        base_url: https://example.org/
        timezone: Asia/Singapore
        -- content/a.md --
        \(article("Alpha story", "2022-03-12T05:02:00+08:00", "Japan", extra: "source: Mainichi\npublisher: Intellasia\noriginal_url: https://example.net/alpha\nregion: Kanto\n"))
        -- content/sub/folder/b.md --
        \(article("Beta story", "2022-03-12T09:00:00+08:00", "Japan"))
        -- content/c.md --
        \(article("Gamma story", "2022-04-01T10:00:00+08:00", "Economy"))
        """

    @Test func urlMap() throws {
        let site = try TestSite(Self.threeArticles)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Built 3 articles: 16 pages, 15 feeds in "))
        // Each feed in RSS, Atom and JSON Feed: the site's, the editions', each category's and
        // each source's (no article has tags, so there is no tag page, only the empty index).
        func feeds(_ folder: String) -> [String] { ["atom.xml", "feed.json", "feed.xml"].map { folder + $0 } }
        let expected =
            [
                "2022/03/12/alpha-story/index.html", "2022/03/12/beta-story/index.html", "2022/03/12/index.html",
                "2022/03/index.html", "2022/04/01/gamma-story/index.html", "2022/04/01/index.html", "2022/04/index.html",
                "2022/index.html", "404.html", "archive/index.html", "assets/favicon.svg", "assets/style.css", "atom.xml",
            ] + feeds("category/economy/") + ["category/economy/index.html"] + feeds("category/japan/")
            + ["category/japan/index.html"] + feeds("editions/")
            + ["feed.json", "feed.xml", "index.html", "news-sitemap.xml", "robots.txt", "sitemap-1.xml", "sitemap.xml"]
            + feeds("source/mainichi/") + ["source/mainichi/index.html", "sources/index.html", "tags/index.html"]
        #expect(site.files() == expected)
    }

    @Test func articlePageShowsWhatAnEditorExpects() throws {
        let site = try TestSite(Self.threeArticles)
        defer { site.remove() }
        try site.build()
        let page = try #require(site.file("public/2022/03/12/alpha-story/index.html"))
        #expect(page.contains("<h1>Alpha story</h1>"))
        #expect(page.contains("<time datetime=\"2022-03-12T05:02:00+08:00\">"))
        #expect(page.contains("12 March 2022</a>, 05:02"))
        #expect(page.contains("href=\"../../../../category/japan/\">Japan</a>"))
        #expect(page.contains("Mainichi") && page.contains("via Intellasia"))
        // The canonical link is the page's own address unless the site or article asks otherwise.
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/2022/03/12/alpha-story/\">"))
        #expect(page.contains("href=\"https://example.net/alpha\" rel=\"noopener\">Read the original at Mainichi"))
        // Newer article in the same category is "next"; nothing older.
        #expect(page.contains("rel=\"next\" href=\"../../../../2022/03/12/beta-story/\""))
        #expect(!page.contains("rel=\"prev\""))
        #expect(
            page.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Test Digest (RSS)\" href=\"../../../../feed.xml\">")
        )
        #expect(
            page.contains(
                "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Test Digest (JSON Feed)\" href=\"../../../../feed.json\">"))
        #expect(page.contains("href=\"../../../../category/japan/atom.xml\""))
        #expect(page.contains("<a href=\"../../../../source/mainichi/\">Mainichi</a>"))
    }

    @Test func homeGroupsByDayThenCategoryAndArchivesLinkNeighbours() throws {
        let site = try TestSite(Self.threeArticles)
        defer { site.remove() }
        try site.build()
        let home = try #require(site.file("public/index.html"))
        let april = try #require(home.range(of: "1 April 2022"))
        let march = try #require(home.range(of: "12 March 2022"))
        #expect(april.lowerBound < march.lowerBound)
        let beta = try #require(home.range(of: "Beta story"))
        let alpha = try #require(home.range(of: "Alpha story"))
        #expect(beta.lowerBound < alpha.lowerBound)
        let day = try #require(site.file("public/2022/03/12/index.html"))
        #expect(day.contains("Alpha story") && day.contains("Beta story") && !day.contains("Gamma story"))
        #expect(day.contains("rel=\"next\" href=\"../../../2022/04/01/\""))
        let month = try #require(site.file("public/2022/04/index.html"))
        #expect(month.contains("rel=\"prev\" href=\"../../2022/03/\""))
        #expect(!month.contains("rel=\"next\""))
        #expect(site.file("public/2022/index.html")?.contains("Gamma story") == true)
    }

    @Test func templatesSeeUnknownFrontMatterKeys() throws {
        let site = try TestSite(
            Self.threeArticles + """

                -- Templates/article.mustache --
                {{#article}}<p>{{title}} in {{region}} / {{params.region}}</p>{{/article}}
                """)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site.file("public/2022/03/12/alpha-story/index.html") == "<p>Alpha story in Kanto / Kanto</p>\n")
    }

    @Test func aSiteWithOnlyContentBuildsWithDefaults() throws {
        let site = try TestSite(
            """
            -- content/only.md --
            \(article("Only", "2022-03-12", "News"))
            """)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site.file("public/feed.xml")?.contains("<link>http://localhost:8000/2022/03/12/only/</link>") == true)
    }

    @Test func feedsAreCompleteAndWellFormed() throws {
        let site = try TestSite(
            Self.threeArticles + "\n-- site.yml --\nbase_url: https://example.org/\nfeed_items: 2\ntimezone: Asia/Singapore\n")
        defer { site.remove() }
        try site.build()
        let feed = try #require(site.file("public/feed.xml"))
        #expect(feed.components(separatedBy: "<item>").count - 1 == 2)
        #expect(feed.contains("<lastBuildDate>Fri, 01 Apr 2022 10:00:00 +0800</lastBuildDate>"))
        let gamma = try #require(feed.range(of: "Gamma story"))
        let beta = try #require(feed.range(of: "Beta story"))
        #expect(gamma.lowerBound < beta.lowerBound)
        #expect(!feed.contains("Alpha story"))
        #expect(XMLParser(data: Data(feed.utf8)).parse())
        let japan = try #require(site.file("public/category/japan/feed.xml"))
        #expect(japan.contains("<atom:link href=\"https://example.org/category/japan/feed.xml\" rel=\"self\""))
        // The same items in Atom and JSON Feed.
        let atom = try #require(site.file("public/atom.xml"))
        #expect(atom.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(atom.contains("<id>https://example.org/2022/04/01/gamma-story/</id>"))
        #expect(XMLParser(data: Data(atom.utf8)).parse())
        let json = try #require(site.file("public/feed.json"))
        let items = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        #expect(
            items.map { $0["id"] as? String } == [
                "https://example.org/2022/04/01/gamma-story/", "https://example.org/2022/03/12/beta-story/",
            ])
        let index = try #require(site.file("public/sitemap.xml"))
        #expect(
            index.contains("<sitemap><loc>https://example.org/sitemap-1.xml</loc><lastmod>2022-04-01T10:00:00+08:00</lastmod></sitemap>"))
        let sitemap = try #require(site.file("public/sitemap-1.xml"))
        #expect(
            sitemap.contains(
                "<url><loc>https://example.org/2022/03/12/alpha-story/</loc><lastmod>2022-03-12T05:02:00+08:00</lastmod></url>"))
        #expect(!sitemap.contains("404"))
        #expect(
            site.file("public/robots.txt")?.contains(
                "Sitemap: https://example.org/sitemap.xml\nSitemap: https://example.org/news-sitemap.xml\n")
                == true)
    }

    @Test func draftsAndFutureArticlesNeedAFlag() throws {
        let site = try TestSite(
            """
            -- content/draft.md --
            \(article("Draft", "2022-03-12", "News", extra: "draft: true\n"))
            -- content/future.md --
            \(article("Future", "2031-01-01", "News"))
            -- content/now.md --
            \(article("Now", "2022-03-12", "News"))
            """)
        defer { site.remove() }
        #expect(try site.build().stdout.hasPrefix("Built 1 article:"))
        #expect(!site.exists("public/2022/03/12/draft/index.html"))
        #expect(try site.build(["--drafts"]).stdout.hasPrefix("Built 2 articles:"))
        #expect(site.exists("public/2022/03/12/draft/index.html"))
        #expect(try site.build(["--future"]).stdout.hasPrefix("Built 2 articles:"))
        #expect(site.exists("public/2031/01/01/future/index.html"))
        #expect(!site.exists("public/2022/03/12/draft/index.html"))
        // --now pins the clock: before the article's date, it is a future one.
        #expect(try site.gazette(["build", "--now", "2022-03-11T00:00:00Z"]).stdout.hasPrefix("Built 0 articles:"))
    }

    @Test func outputBaseURLQuietAndVerbose() throws {
        let site = try TestSite(Self.threeArticles)
        defer { site.remove() }
        let run = try site.build(["--output", "elsewhere", "--base-url", "https://staging.example.org/x/", "--quiet"])
        #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty)
        #expect(site.file("elsewhere/feed.xml")?.contains("https://staging.example.org/x/2022/04/01/gamma-story/") == true)
        #expect(!site.exists("public/index.html"))
        let verbose = try site.build(["--output", "elsewhere", "--base-url", "https://staging.example.org/x/", "--verbose"])
        #expect(verbose.stdout.contains("(0 written, 37 unchanged, 0 removed)"))
        let conflicting = try site.build(["--quiet", "--verbose"])
        #expect(conflicting.status != 0)
    }

    @Test func refusesAnOutputFolderThatHoldsTheSite() throws {
        let site = try TestSite(Self.threeArticles)
        defer { site.remove() }
        let run = try site.build(["--output", "."])
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: the output folder must not be the site folder"))
        #expect(site.exists("content/a.md") && site.exists("site.yml"))
    }

    @Test func staleFilesAreRemovedAndUnchangedOnesNotRewritten() throws {
        let site = try TestSite(
            Self.threeArticles + "\n-- content/d.md --\n" + article("Delta story", "2022-03-01T10:00:00+08:00", "Economy"))
        defer { site.remove() }
        try site.build()
        try site.write("public/.gitkeep", "")
        let before = site.snapshot()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/c.md"))
        let run = try site.build(["--verbose"])
        #expect(run.stdout.contains("removed 2022/04/01/gamma-story/index.html"))
        #expect(!site.exists("public/2022/04"))
        #expect(site.exists("public/category/economy/index.html"))
        #expect(site.exists("public/.gitkeep"))
        let after = site.snapshot()
        // The article pages of the untouched articles keep their bytes and their time stamps.
        for path in ["2022/03/12/alpha-story/index.html", "assets/style.css"] {
            #expect(before[path]?.0 == after[path]?.0)
            #expect(before[path]?.1 == after[path]?.1)
        }
    }

    @Test func initMakesASiteThatBuilds() throws {
        let site = try TestSite("")
        defer { site.remove() }
        let run = try site.gazette(["init", "newsite", "--title", "Morning Brief"])
        #expect(run.status == 0, "\(run.stderr)")
        // The theme is the one the binary carries: no copy of it in the new site.
        #expect(site.exists("newsite/site.yml") && !site.exists("newsite/Templates"))
        // static/ is there for files published as they are.
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("newsite/static").path, isDirectory: &isFolder))
        #expect(isFolder.boolValue)
        try site.write("newsite/static/ads.txt", "ads\n")
        let build = try TestSite.run(try TestSite.binary(), ["build", "--site", "newsite"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.hasPrefix("Built 1 article:"))
        #expect(site.file("newsite/public/index.html")?.contains("Morning Brief") == true)
        #expect(site.file("newsite/public/ads.txt") == "ads\n")
        #expect(site.exists("newsite/public/tag/gazette/index.html"))
        #expect(try site.gazette(["init", "newsite"]).status == 1)
        // sources.yml is an example, all commented out: fetch says there is nothing to fetch.
        #expect(site.file("newsite/sources.yml")?.contains("# - name: Example Wire") == true)
        let fetch = try site.gazette(["fetch", "--site", "newsite"])
        #expect(fetch.status == 1)
        #expect(fetch.stderr.contains("newsite/sources.yml: error: no sources to fetch"), "\(fetch.stderr)")
    }

    @Test func warningsDoNotFailTheBuild() throws {
        let site = try TestSite(
            """
            -- content/a.md --
            \(article("A", "2022-03-12", "Économie"))
            -- content/b.md --
            \(article("B", "2022-03-13", "economie", body: ""))
            -- content/c.md --
            \(article("C", "2022-03-14", "Économie"))
            """)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0)
        #expect(run.stderr.contains("content/b.md:6:1: warning: article has an empty body"))
        #expect(run.stderr.contains("content/b.md:1:1: warning: category 'economie' shares the URL /category/economie/ with 'Économie'"))
        #expect(site.exists("public/category/economie/index.html"))
    }
}

/// Links between pages: folder URLs by default, `index.html` ones with `file_links`.
@Suite struct LinkStyleTests {
    @Test(arguments: [("", [String]()), ("file_links: true\n", []), ("", ["--file-links"])])
    func pagesLinkAsFoldersOrFiles(setting: String, flags: [String]) throws {
        let site = try TestSite(
            BuildTests.threeArticles.replacingOccurrences(
                of: "timezone: Asia/Singapore\n",
                with: "timezone: Asia/Singapore\n" + setting))
        defer { site.remove() }
        #expect(try site.build(flags).status == 0)
        let fileLinks = !setting.isEmpty || !flags.isEmpty
        let suffix = fileLinks ? "index.html" : ""
        let page = try #require(site.file("public/2022/03/12/alpha-story/index.html"))
        #expect(page.contains("href=\"../../../../category/japan/\(suffix)\">Japan</a>"), "\(page)")
        #expect(page.contains("<a href=\"../../../../\(suffix)\">Test Digest</a>"))
        let home = try #require(site.file("public/index.html"))
        #expect(home.contains("<a href=\"\(fileLinks ? "index.html" : "./")\">Test Digest</a>"))
        #expect(home.contains("href=\"2022/03/12/alpha-story/\(suffix)\""))
        // Whatever the links, canonical URLs, feeds and the sitemap name folders.
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/2022/03/12/alpha-story/\">"))
        #expect(site.file("public/sitemap-1.xml")?.contains("<loc>https://example.org/2022/03/12/alpha-story/</loc>") == true)
        #expect(site.file("public/feed.xml")?.contains("<link>https://example.org/2022/03/12/alpha-story/</link>") == true)
    }
}
