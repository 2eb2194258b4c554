import Foundation
import Testing

/// Wire updates share headlines ("Nikkei closes higher"): two articles with one title on one day
/// are not an error, and where each is published depends on what it is, not on reading order.
@Suite struct SameTitleSameDayTests {
    static func spec(_ files: [(String, String?)]) -> String {
        files.map { name, source in
            "-- content/\(name).md --\n"
                + article(
                    "Nikkei closes higher", "2024-03-12T15:30:00+09:00", "Markets", body: "From \(name).",
                    extra: source.map { "source: \($0)\n" } ?? "")
        }.joined()
    }

    @Test func eachGetsAnAddressWithAWarning() throws {
        let site = try TestSite(Self.spec([("a", "Yonhap"), ("b", "Kyodo"), ("c", "Kyodo")]))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        // Kyodo sorts first and keeps the address; Yonhap gets its name; the second Kyodo one,
        // whose source is taken, its file's.
        #expect(site.file("public/2024/03/12/nikkei-closes-higher/index.html")?.contains("From b.") == true)
        #expect(site.file("public/2024/03/12/nikkei-closes-higher-yonhap/index.html")?.contains("From a.") == true)
        #expect(site.file("public/2024/03/12/nikkei-closes-higher-kyodo/index.html")?.contains("From c.") == true)
        #expect(
            run.stderr.contains(
                "content/a.md:1:1: warning: content/b.md is published at /2024/03/12/nikkei-closes-higher/ too; this article is at /2024/03/12/nikkei-closes-higher-yonhap/"
            ), "\(run.stderr)")
        // Every address in the feed and sitemap is one of them.
        let feed = site.file("public/feed.xml") ?? ""
        #expect(feed.contains("/2024/03/12/nikkei-closes-higher-yonhap/") && feed.contains("/2024/03/12/nikkei-closes-higher-kyodo/"))
    }

    /// The same files under other names, read in another order: each article keeps its address.
    @Test func theAddressesDoNotFollowTheReadingOrder() throws {
        let one = try TestSite(Self.spec([("x1", "Yonhap"), ("x2", "Kyodo")]))
        let two = try TestSite(Self.spec([("x2", "Yonhap"), ("x1", "Kyodo")]))
        defer {
            one.remove()
            two.remove()
        }
        #expect(try one.build().status == 0)
        #expect(try two.build().status == 0)
        for site in [one, two] {
            #expect(site.file("public/2024/03/12/nikkei-closes-higher/index.html")?.contains("Kyodo") == true)
            #expect(site.file("public/2024/03/12/nikkei-closes-higher-yonhap/index.html")?.contains("Yonhap") == true)
        }
    }
}

/// Stories as an editor meets them: feeds from several outlets imported (in separate runs),
/// then the site built.
@Suite struct StoryImportTests {
    struct Entry {
        var title: String
        var link: String
        var date: String
        var body: String
    }

    /// An Atom feed of `outlet`'s entries (bodies as paragraphs of HTML).
    static func atom(_ outlet: String, _ entries: [Entry]) -> String {
        func x(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
                of: ">", with: "&gt;"
            )
            .replacingOccurrences(of: "\"", with: "&quot;")
        }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>\(x(outlet))</title>"
        xml += "<id>urn:\(x(outlet))</id><updated>2024-03-20T00:00:00Z</updated>\n"
        for e in entries {
            let html = e.body.components(separatedBy: "\n\n").map { "<p>\(x($0))</p>" }.joined()
            xml += "<entry><title>\(x(e.title))</title><id>\(x(e.link))</id><link rel=\"alternate\" href=\"\(x(e.link))\"/>"
            xml += "<published>\(e.date)</published><updated>\(e.date)</updated><content type=\"html\">\(x(html))</content></entry>\n"
        }
        return xml + "</feed>\n"
    }

    static let kyodo = [
        Entry(
            title: "Magnitude 6.4 quake shakes Fukushima, 3 injured", link: "https://kyodo.example/2024/03/12/quake",
            date: "2024-03-12T09:10:00+09:00",
            body:
                "A magnitude 6.4 earthquake struck off Fukushima Prefecture at 8:42 a.m., injuring three people, the Japan Meteorological Agency said.\n\nThe quake's epicentre was 47 kilometres below the sea off Iwaki. Tohoku Electric said 12,400 households lost power.\n\nNo tsunami warning was issued."
        ),
        Entry(
            title: "Magnitude 5.2 tremor hits Fukushima coast", link: "https://kyodo.example/2024/03/19/tremor",
            date: "2024-03-19T15:00:00+09:00",
            body:
                "A magnitude 5.2 earthquake shook the Fukushima coast on Tuesday afternoon, the Japan Meteorological Agency said.\n\nThe epicentre was 31.5 kilometres deep off Soma. No injuries or damage were reported, and 230 households briefly lost power."
        ),
    ]

    static let yonhap = [
        Entry(
            title: "Strong earthquake off northeast Japan cuts power to thousands",
            link: "https://yonhap.example/en/quake-japan?utm_source=rss#top", date: "2024-03-12T11:30:00+09:00",
            body:
                "Tohoku Electric Power said 12,400 homes were without electricity after a 6.4-magnitude earthquake hit off Fukushima on Tuesday morning.\n\nThree people suffered minor injuries, according to local officials. Japan's weather agency said the quake struck at a depth of 47 km near Iwaki.\n\nThe agency did not issue a tsunami warning."
        ),
        Entry(
            title: "Seoul unveils 2.4 trillion won chip subsidy", link: "https://yonhap.example/en/chips",
            date: "2024-03-12T14:00:00+09:00",
            body: "South Korea will spend 2.4 trillion won on chip subsidies, the industry ministry said.\n\nThe package runs to 2027."
        ),
    ]

    @Test func oneEventFromTwoOutletsIsOneStory() throws {
        let site = try TestSite("-- site.yml --\ntitle: Digest\nbase_url: https://digest.example/\ntimezone: Asia/Tokyo\n")
        defer { site.remove() }
        try site.write("inbox/kyodo.xml", Self.atom("Kyodo", Self.kyodo))
        try site.write("inbox/yonhap.xml", Self.atom("Yonhap", Self.yonhap))
        #expect(try site.gazette(["import", "inbox/kyodo.xml"]).status == 0)
        let second = try site.gazette(["import", "inbox/yonhap.xml"])
        #expect(second.status == 0, "\(second.stderr)")

        // Compared with what the site already has: the Yonhap version joins Kyodo's story; the
        // quake a week later and the chip subsidy are stories of their own.
        let versions = site.files(in: "content").filter { $0.hasSuffix(".md") }
        func text(_ fragment: String) -> String {
            versions.compactMap { site.file("content/" + $0) }.first { $0.contains(fragment) } ?? ""
        }
        let key = "2024/03/12/magnitude-6-4-quake-shakes-fukushima-3-injured"
        #expect(text("Strong earthquake off northeast Japan").contains("story: \"\(key)\""), "\(text("Strong earthquake"))")
        #expect(!text("Magnitude 6.4 quake").contains("story:"))
        #expect(!text("Magnitude 5.2 tremor").contains("story:"))
        #expect(!text("chip subsidy").contains("story:"))
        // The tracking parameters and the fragment are not part of the article's identity.
        #expect(text("Strong earthquake").contains("import_id: \"https://yonhap.example/en/quake-japan\""))

        let build = try site.build()
        #expect(build.status == 0, "\(build.stderr)")
        let kyodoPage = site.file("public/\(key)/index.html") ?? ""
        // Links are relative, as everywhere in the output.
        #expect(
            kyodoPage.contains(
                "Also reported by: <a href=\"../../../../2024/03/12/strong-earthquake-off-northeast-japan-cuts-power-to-thousands/\">Yonhap</a> <time datetime=\"2024-03-12T11:30:00+09:00\">12 March 2024, 11:30</time>"
            ), "\(kyodoPage)")
        let yonhapPage = site.file("public/2024/03/12/strong-earthquake-off-northeast-japan-cuts-power-to-thousands/index.html") ?? ""
        #expect(yonhapPage.contains("Also reported by: <a href=\"../../../../\(key)/\">Kyodo</a>"))
        #expect(!(site.file("public/2024/03/19/magnitude-5-2-tremor-hits-fukushima-coast/index.html") ?? "").contains("Also reported by"))
        // Related: none share tags here, so none are listed.
        #expect(!kyodoPage.contains("id=\"related-heading\""))

        // The home page and the day page show the story once, under its first version, with
        // the other outlet named; every article still has its feed entries.
        for page in ["public/index.html", "public/2024/03/12/index.html"] {
            let html = site.file(page) ?? ""
            #expect(html.components(separatedBy: "Strong earthquake off northeast Japan").count == 1, "\(page)")
            #expect(html.contains("Magnitude 6.4 quake shakes Fukushima"))
            #expect(html.contains("class=\"also\">Also: <a href=\""), "\(page)")
            #expect(html.contains("2024/03/12/strong-earthquake-off-northeast-japan-cuts-power-to-thousands/\">Yonhap</a>"), "\(page)")
        }
        #expect(site.file("public/source/yonhap/feed.xml")?.contains("Strong earthquake off northeast Japan") == true)
        #expect(site.file("public/feed.xml")?.contains("Strong earthquake off northeast Japan") == true)
        let editions = site.file("public/editions/feed.xml") ?? ""
        #expect(!editions.contains("Strong earthquake off northeast Japan") && editions.contains("(Also: Yonhap)"), "\(editions)")

        // The editor splits the story by hand: a later import never puts it back.
        let path = versions.first { site.file("content/" + $0)?.contains("Strong earthquake") == true }!
        let edited = site.file("content/" + path)!.replacingOccurrences(of: "story: \"\(key)\"\n", with: "")
        try site.write("content/" + path, edited)
        let again = try site.gazette(["import", "inbox/yonhap.xml"])
        #expect(again.stderr.contains("edited since it was imported"))
        #expect(site.file("content/" + path) == edited)
    }

    /// The import index serves what the files said when they last changed: an article edited
    /// since is read again, and judged as it now reads.
    @Test func anArticleEditedSinceTheLastImportIsReadAgain() throws {
        let site = try TestSite("-- site.yml --\ntitle: Digest\ntimezone: Asia/Tokyo\n")
        defer { site.remove() }
        try site.write("inbox/kyodo.xml", Self.atom("Kyodo", Self.kyodo))
        try site.write("inbox/yonhap.xml", Self.atom("Yonhap", Self.yonhap))
        try site.write("inbox/none.xml", Self.atom("Nobody", []))
        #expect(try site.gazette(["import", "inbox/kyodo.xml"]).status == 0)
        // Stamps under two seconds old are not kept (an edit within the clock's grain could
        // keep them): wait, and let a second run save the index with Kyodo's articles in it.
        Thread.sleep(forTimeInterval: 2.2)
        #expect(try site.gazette(["import", "inbox/none.xml"]).status == 0)
        #expect(site.exists(".gazette/import/index"))
        // The editor rewrites the quake report into another story altogether.
        let path = "content/2024/03/12/magnitude-6-4-quake-shakes-fukushima-3-injured.md"
        let original = try #require(site.file(path))
        try site.write(
            path,
            original.replacingOccurrences(of: "Magnitude 6.4 quake shakes Fukushima, 3 injured", with: "Osaka opens a new library")
                .components(separatedBy: "\n---\n")[0] + "\n---\nThe city library opened its doors to 800 visitors on its first morning.\n")
        #expect(try site.gazette(["import", "inbox/yonhap.xml"]).status == 0)
        let yonhap = site.files(in: "content").compactMap { site.file("content/" + $0) }.first { $0.contains("Strong earthquake") } ?? ""
        #expect(!yonhap.contains("story:"), "\(yonhap)")
    }

    @Test func theSameArticleFromAnotherFeedIsImportedOnce() throws {
        let site = try TestSite("-- site.yml --\ntitle: Digest\ntimezone: UTC\n")
        defer { site.remove() }
        let entry = Entry(
            title: "Port strike ends", link: "https://wire.example/port-strike/?utm_medium=feed&id=7",
            date: "2024-03-12T09:10:00Z", body: "Dockers returned to work.")
        var syndicated = entry
        syndicated.link = "HTTPS://Wire.Example:443/port-strike?id=7&fbclid=x"
        try site.write("a.xml", Self.atom("Wire", [entry]))
        try site.write("b.xml", Self.atom("Aggregator", [syndicated]))
        let run = try site.gazette(["import", "a.xml", "b.xml"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("'Port strike ends': already imported as content/2024/03/12/port-strike-ends.md"), "\(run.stdout)")
        #expect(run.stdout.contains("Imported 1, unchanged 0, failed 0, already imported 1"), "\(run.stdout)")
        #expect(site.files(in: "content").count == 1)
    }

    /// The labelled sets, imported with the real binary, one feed per outlet in one run: the
    /// pairwise precision and recall of the `story:` keys it writes.
    @Test(arguments: ["stories-a.json", "stories-b.json", "stories-c.json"])
    func labelledSetsThroughImport(_ name: String) throws {
        struct Set: Decodable {
            struct Item: Decodable {
                var id, outlet, url, title, date, body, story: String
            }
            var articles: [Item]
        }
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GazetteTests/Fixtures/\(name)")
        guard let data = try? Data(contentsOf: fixture) else { return }
        let set = try JSONDecoder().decode(Set.self, from: data)
        let site = try TestSite("-- site.yml --\ntitle: Digest\ntimezone: UTC\n")
        defer { site.remove() }
        var feeds: [String] = []
        for outlet in Swift.Set(set.articles.map(\.outlet)).sorted() {
            let entries = set.articles.filter { $0.outlet == outlet }.map {
                Entry(title: $0.title, link: $0.url, date: $0.date, body: $0.body)
            }
            let file = "inbox/feed-\(feeds.count).xml"
            try site.write(file, Self.atom(outlet, entries))
            feeds.append(file)
        }
        let run = try site.gazette(["import"] + feeds)
        #expect(run.status == 0, "\(run.stderr)")
        // Each file's story: its `story:`, else its own address.
        var predicted: [String: String] = [:]
        for path in site.files(in: "content") where path.hasSuffix(".md") {
            let text = site.file("content/" + path) ?? ""
            func value(_ key: String) -> String? {
                text.split(separator: "\n").first { $0.hasPrefix("\(key): ") }.map {
                    String($0.dropFirst(key.count + 2)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                }
            }
            guard let url = value("original_url"), let slug = value("slug") else { continue }
            let own = (path as NSString).deletingLastPathComponent + "/" + slug
            predicted[url] = value("story") ?? own
        }
        var truePairs = 0, guessedPairs = 0, both = 0
        let items = set.articles
        for i in items.indices {
            for j in items.indices where j > i {
                let same = items[i].story == items[j].story
                let guessed = predicted[items[i].url] != nil && predicted[items[i].url] == predicted[items[j].url]
                if same { truePairs += 1 }
                if guessed { guessedPairs += 1 }
                if same && guessed { both += 1 }
            }
        }
        let precision = guessedPairs == 0 ? 1 : Double(both) / Double(guessedPairs)
        let recall = truePairs == 0 ? 1 : Double(both) / Double(truePairs)
        print("\(name) through gazette import: \(items.count) articles, \(predicted.count) files, precision \(precision), recall \(recall)")
        #expect(predicted.count == items.count)
        #expect(precision >= 0.95 && recall >= 0.80, "\(name): precision \(precision), recall \(recall)")
    }
}
