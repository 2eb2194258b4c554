import Foundation
import Testing

@testable import Gazette

/// The build cache is only an optimisation: whatever happens to the input or to the cache, an
/// incremental build gives exactly the bytes of a clean build of the same input.
@Suite struct IncrementalBuildTests {
    /// SplitMix64: a small seeded generator, so that a failing sequence can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let categories = ["Japan", "Economy", "Technology", "Économie"]

    static func articleText(_ n: Int, _ r: inout Random) -> String {
        let day = 1 + r.below(4)
        let hour = 10 + r.below(10)
        // Now and then a headline without its number: two on one day share an address, and one
        // of them is moved (the clash rule), which pages linking it must follow.
        let title = r.pick(["Talks resume", "Markets rally", "Storm nears", "Chip plan", "Rates hold"]) + (r.below(4) == 0 ? "" : " \(n)")
        let tags = r.below(2) == 0 ? "tags: [t\(r.below(3))]\n" : ""
        let draft = r.below(8) == 0 ? "draft: true\n" : ""
        // Without a summary, lists show the body's first paragraph.
        let summary = r.below(3) == 0 ? "summary: \"Summary \(r.below(4))\"\n" : ""
        // Versions of a few stories (an edit moves an article between them): lists show each
        // story once and name the other outlets, article pages link the other versions.
        // Keys that name no article, and keys that name an article's address (which may be the
        // one a clash moved).
        let key = r.pick(["s0", "s1", "2022/03/01/talks-resume", "2022/03/02/markets-rally", "2022/03/03/storm-nears"])
        let story = r.below(2) == 0 ? "story: \(key)\nsource: \(r.pick(["Kyodo", "Yonhap", "Nikkei"]))\n" : ""
        // The home page's lead (a featured article of the newest edition) and its "last
        // updated" time follow edits to any article.
        let featured = r.below(6) == 0 ? "featured: true\n" : ""
        let updated = r.below(6) == 0 ? "updated: 2022-03-0\(4 + r.below(3))T09:00:00+09:00\n" : ""
        // A body led by an image: its summary is the first paragraph with text.
        let image = r.below(5) == 0 ? "![](https://example.org/p\(n).jpg)\n\n" : ""
        return article(
            title, "2022-03-0\(day)T\(hour):00:00+09:00", r.pick(categories),
            body: image + "Paragraph \(r.next() % 1000) about item \(n).\n\nMore *text* \(r.below(100)).",
            extra: tags + draft + summary + story + featured + updated)
    }

    /// Every file below `folder` with its bytes.
    static func tree(_ site: TestSite, _ folder: String) -> [String: Data] {
        site.snapshot(folder).mapValues(\.0)
    }

    /// Sets a file's modification time `secondsAgo` in the past: stamps that old are trusted,
    /// so that the manifest's unchanged check takes part (files written just now are not).
    static func settle(_ site: TestSite, _ path: String, secondsAgo: Int) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -Double(secondsAgo))],
            ofItemAtPath: site.root.appendingPathComponent(path).path)
    }

    /// With `settled`, every file written gets a modification time in the past that no earlier
    /// step used, as files edited a while ago have: incremental builds then also go through the
    /// manifest's unchanged check.
    @Test(arguments: [(1, false), (2, false), (3, false), (4, true), (5, true), (6, true)] as [(UInt64, Bool)])
    func randomEditsMatchACleanBuild(seed: UInt64, settled: Bool) throws {
        var r = Random(state: seed)
        var spec = "-- site.yml --\ntitle: Digest\nper_page: 2\ntimezone: Asia/Tokyo\n"
        for n in 0..<6 { spec += "-- content/a\(n).md --\n" + Self.articleText(n, &r) }
        let site = try TestSite(spec)
        defer { site.remove() }
        var next = 6
        var existing = Array(0..<6)
        let cache = site.root.appendingPathComponent(".gazette/cache/build-cache")
        if settled {
            try Self.settle(site, "site.yml", secondsAgo: 7200)
            for n in existing { try Self.settle(site, "content/a\(n).md", secondsAgo: 7200) }
        }
        #expect(try site.build().status == 0)
        var unchangedChecks = 0
        // Files put into the output by hand: never the site's, never removed by a build.
        var strays: Set<String> = []
        for step in 0..<24 {
            var action = ""
            var written: String?
            switch r.below(settled ? 11 : 10) {
            case 0, 1:
                let n = r.pick(existing)
                if r.below(2) == 0 {
                    try site.write("content/a\(n).md", Self.articleText(n, &r))
                    action = "edit a\(n)"
                } else {
                    // The body past its first paragraph only: lists show none of it.
                    let url = site.root.appendingPathComponent("content/a\(n).md")
                    let text = try String(contentsOf: url, encoding: .utf8)
                    try site.write(
                        "content/a\(n).md",
                        text.replacingOccurrences(
                            of: "More *text*", with: "More *text* \(r.below(100))"))
                    action = "edit the body of a\(n)"
                }
                written = "content/a\(n).md"
            case 2:
                try site.write("content/a\(next).md", Self.articleText(next, &r))
                written = "content/a\(next).md"
                existing.append(next)
                action = "add a\(next)"
                next += 1
            case 3:
                if existing.count > 2 {
                    let n = existing.remove(at: r.below(existing.count))
                    try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/a\(n).md"))
                    action = "delete a\(n)"
                }
            case 4:
                try site.write(
                    "Templates/article.mustache",
                    "{{<layout}}{{$content}}{{#article}}<h1>{{title}}</h1><p>v\(r.below(5))</p>{{{content}}}{{/article}}{{/content}}{{/layout}}\n"
                )
                action = "edit a template"
                written = "Templates/article.mustache"
            case 5:
                try site.write("site.yml", "title: Digest \(r.below(3))\nper_page: \(1 + r.below(3))\ntimezone: Asia/Tokyo\n")
                action = "edit site.yml"
                written = "site.yml"
            case 6:
                let n = r.pick(existing)
                let url = site.root.appendingPathComponent("content/a\(n).md")
                let text = try Data(contentsOf: url)
                try text.write(to: url)
                action = "rewrite a\(n) unchanged"
                written = "content/a\(n).md"
            case 7:
                if var bytes = try? Data(contentsOf: cache), bytes.count > 40 {
                    bytes[bytes.count / 2] ^= 0xFF
                    try bytes.write(to: cache)
                    action = "corrupt the cache"
                }
            case 8:
                try? FileManager.default.removeItem(at: site.root.appendingPathComponent("public/index.html"))
                action = "delete an output file"
            case 9:
                // A file or a folder that is not part of the site and that Gazette did not write:
                // a build leaves it alone, though the cache remembers what each output folder held.
                let stray = r.below(2) == 0 ? "2022/03/stray.html" : "2022/03/stray/deep/page.html"
                try site.write("public/" + stray, "stray")
                strays.insert(stray)
                action = "add a stray output file"
            default:
                action = "change nothing"
            }
            if settled, let written { try Self.settle(site, written, secondsAgo: 3600 - step) }
            let incremental = try site.build(["--verbose"])
            #expect(incremental.status == 0, "seed \(seed) step \(step) (\(action)): \(incremental.stderr)")
            if incremental.stdout.contains("nothing changed") { unchangedChecks += 1 }
            let clean = try site.build(["--no-cache", "--output", "clean"])
            #expect(clean.status == 0)
            var a = Self.tree(site, "public")
            let b = Self.tree(site, "clean")
            for stray in strays {
                #expect(
                    a.removeValue(forKey: stray) == Data("stray".utf8), "seed \(seed) step \(step) (\(action)): \(stray) was not left alone"
                )
            }
            #expect(a.keys.sorted() == b.keys.sorted(), "seed \(seed) step \(step) (\(action)): different files")
            for (path, bytes) in b where a[path] != bytes {
                Issue.record("seed \(seed) step \(step) (\(action)): \(path) differs from a clean build")
            }
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("clean"))
        }
        // Settled stamps let some builds stop at the unchanged check. (Fresh ones settle too once
        // two seconds pass without an edit, which a slow machine reaches: not asserted.)
        if settled { #expect(unchangedChecks > 0, "\(unchangedChecks) unchanged checks") }
    }

    static let site = """
        -- site.yml --
        base_url: https://example.org/
        -- content/a.md --
        \(article("Alpha", "2022-03-12T10:00:00Z", "News"))
        -- content/b.md --
        \(article("Beta", "2022-03-13T10:00:00Z", "News"))
        """

    /// Every folder of the output given a modification time an hour ago: stamps that old are
    /// trusted, so the next listing takes the names of unchanged folders from its record.
    static func settleOutputFolders(_ site: TestSite) throws {
        let output = site.root.appendingPathComponent("public")
        var folders = [output.path]
        if let e = FileManager.default.enumerator(atPath: output.path) {
            while let rel = e.nextObject() as? String {
                if FileSystem.kind(output.path + "/" + rel) == .directory { folders.append(output.path + "/" + rel) }
            }
        }
        for folder in folders {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: folder)
        }
    }

    /// With the output's folders recorded as settled, a stray file, a page changed in place and
    /// a page removed are each still noticed: the output is a clean build's.
    @Test func outputFoldersKnownByTheirStampsStillCatchEveryChange() throws {
        let site = try TestSite(
            Self.site + "\n-- content/c.md --\n" + article("Gamma", "2022-03-14T10:00:00Z", "Sport")
                + "\n-- content/d.md --\n" + article("Delta", "2022-03-15T10:00:00Z", "Sport"))
        defer { site.remove() }
        #expect(try site.build().status == 0)
        try Self.settleOutputFolders(site)
        try site.write("content/d.md", article("Delta", "2022-03-15T10:00:00Z", "Sport", body: "Edited."))
        #expect(try site.build().status == 0)
        #expect(site.exists(".gazette/cache/output-folders"))
        try site.write("public/2022/03/12/alpha/stray.html", "stray")
        let page = site.root.appendingPathComponent("public/2022/03/13/beta/index.html")
        let handle = try FileHandle(forWritingTo: page)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("tampered".utf8))
        try handle.close()
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("public/2022/03/14/gamma/index.html"))
        try site.write("content/d.md", article("Delta", "2022-03-15T10:00:00Z", "Sport", body: "Edited again."))
        #expect(try site.build().status == 0)
        #expect(try site.build(["--no-cache", "--output", "clean"]).status == 0)
        var built = Self.tree(site, "public")
        // Put there by hand: not the site's, and left alone.
        #expect(built.removeValue(forKey: "2022/03/12/alpha/stray.html") == Data("stray".utf8))
        #expect(built == Self.tree(site, "clean"))
    }

    /// A change the cache file would be wrong about in only a few entries leaves the file as it
    /// is (the next build reads those few again); more changes write it. Output is a clean
    /// build's throughout.
    @Test func aSmallChangeLeavesTheCacheFileAsItIs() throws {
        var spec = "-- site.yml --\ntitle: Digest\nper_page: 10\n"
        for n in 0..<300 {
            spec +=
                "-- content/a\(n).md --\n"
                + article("Item \(n)", "2022-03-\(10 + n % 9)T10:00:00Z", "News", body: "First \(n).\n\nSecond.") + "\n"
        }
        let site = try TestSite(spec)
        defer { site.remove() }
        let cache = site.root.appendingPathComponent(".gazette/cache/build-cache")
        // Articles written a while ago, as a site's are: their stamps are trusted.
        try Self.settle(site, "site.yml", secondsAgo: 7200)
        for n in 0..<300 { try Self.settle(site, "content/a\(n).md", secondsAgo: 7200) }
        #expect(try site.build().status == 0)
        let written = try Data(contentsOf: cache)
        var kept = 0
        for n in 0..<6 {
            // Past the first paragraph: only the article's page changes.
            try site.write(
                "content/a\(n).md",
                article(
                    "Item \(n)", "2022-03-\(10 + n % 9)T10:00:00Z", "News",
                    body: "First \(n).\n\nSecond, edited."))
            let run = try site.build(["--verbose"])
            #expect(run.status == 0 && run.stdout.contains("parsed \(n + 1) article(s)"), "\(run.stdout)")
            if try Data(contentsOf: cache) == written { kept += 1 } else { break }
            #expect(try site.build(["--no-cache", "--output", "clean"]).status == 0)
            #expect(Self.tree(site, "public") == Self.tree(site, "clean"))
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("clean"))
        }
        // Two entries per edit (the article's and its page's), each counted once as the file
        // has it and once as the build does: wrong about 4, 8, 12… of some 760 entries, which
        // is written once that is more than one in 64.
        #expect(kept >= 1 && kept < 6)
        #expect(try Data(contentsOf: cache) != written)
        let after = try site.build(["--verbose"])
        #expect(after.stdout.contains("parsed 0 article(s)"), "\(after.stdout)")
    }

    @Test func aNoChangeRebuildParsesAndRendersNothing() throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let run = try site.build(["--verbose"])
        #expect(run.stdout.contains("parsed 0 article(s), rendered 0 of 12 pages"), "\(run.stdout)")
        #expect(run.stdout.contains("(0 written,"))
        try site.write("content/a.md", article("Alpha", "2022-03-12T10:00:00Z", "News", body: "New text."))
        let edit = try site.build(["--verbose"])
        #expect(edit.stdout.contains("parsed 1 article(s)"), "\(edit.stdout)")
        #expect(site.file("public/2022/03/12/alpha/index.html")?.contains("New text.") == true)
        #expect(!edit.stdout.contains("rendered 12 of 12"))
    }

    /// Lists show an article's front matter and summary, not its body: an edit to the body
    /// alone re-renders the article's page, while an edit to the paragraph a list shows as the
    /// summary re-renders the lists too.
    @Test func aBodyEditReRendersTheArticlePageNotTheLists() throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        try site.write("content/a.md", article("Alpha", "2022-03-12T10:00:00Z", "News", body: "First.\n\nSecond."))
        #expect(try site.build().status == 0)
        try site.write("content/a.md", article("Alpha", "2022-03-12T10:00:00Z", "News", body: "First.\n\nSecond, edited."))
        let bodyEdit = try site.build(["--verbose"])
        #expect(bodyEdit.stdout.contains("parsed 1 article(s), rendered 1 of 12 pages"), "\(bodyEdit.stdout)")
        #expect(site.file("public/2022/03/12/alpha/index.html")?.contains("Second, edited.") == true)
        try site.write("content/a.md", article("Alpha", "2022-03-12T10:00:00Z", "News", body: "First, edited.\n\nSecond, edited."))
        let summaryEdit = try site.build(["--verbose"])
        #expect(!summaryEdit.stdout.contains("rendered 1 of 12 pages"), "\(summaryEdit.stdout)")
        #expect(site.file("public/index.html")?.contains("First, edited.") == true)
        #expect(site.file("public/2022/03/12/index.html")?.contains("Alpha") == true)
    }

    @Test func theUnchangedCheckHeedsTheClockOptionsAndOutput() throws {
        let site = try TestSite(Self.site + "\n-- content/later.md --\n" + article("Later", "2030-06-01T09:00:00Z", "News"))
        defer { site.remove() }
        for path in ["site.yml", "content/a.md", "content/b.md", "content/later.md"] {
            try Self.settle(site, path, secondsAgo: 7200)
        }
        let before = ["--now", "2030-05-31T00:00:00Z", "--verbose"]
        #expect(try site.build(before).stdout.contains("Built 2 articles"))
        let again = try site.build(before)
        #expect(again.stdout.contains("nothing changed") && again.stdout.contains("Built 2 articles"), "\(again.stdout)")
        #expect(again.stdout.contains("(0 written, "))
        // The future article comes due: the output is no longer current.
        let due = try site.build(["--now", "2030-06-01T09:00:00Z", "--verbose"])
        #expect(!due.stdout.contains("nothing changed") && due.stdout.contains("Built 3 articles"), "\(due.stdout)")
        #expect(site.exists("public/2030/06/01/later/index.html"))
        let after = ["--now", "2030-07-01T00:00:00Z", "--verbose"]
        // Its 48 hours in the news sitemap are over: that build is not "unchanged" either.
        #expect(site.file("public/news-sitemap.xml")?.contains("2030/06/01/later/") == true)
        #expect(!(try site.build(after).stdout.contains("nothing changed")))
        #expect(site.file("public/news-sitemap.xml")?.contains("2030/06/01/later/") == false)
        #expect(try site.build(after).stdout.contains("nothing changed"))
        // Another option, another output folder, or an output file changed behind its back.
        #expect(!(try site.build(after + ["--base-url", "https://example.org/x/"]).stdout.contains("nothing changed")))
        #expect(!(try site.build(after).stdout.contains("nothing changed")))
        #expect(!(try site.build(after + ["--output", "elsewhere"]).stdout.contains("nothing changed")))
        #expect(!(try site.build(after).stdout.contains("nothing changed")))
        #expect(try site.build(after).stdout.contains("nothing changed"))
        try site.write("public/2022/03/12/alpha/index.html", "changed")
        let repaired = try site.build(after)
        #expect(!repaired.stdout.contains("nothing changed"))
        #expect(site.file("public/2022/03/12/alpha/index.html")?.contains("<!DOCTYPE html>") == true)
        // A template added to the site.
        try site.write("Templates/article.mustache", "{{<layout}}{{$content}}<p>own</p>{{/content}}{{/layout}}\n")
        try Self.settle(site, "Templates/article.mustache", secondsAgo: 100)
        #expect(!(try site.build(after).stdout.contains("nothing changed")))
        #expect(site.file("public/2022/03/12/alpha/index.html")?.contains("<p>own</p>") == true)
    }

    /// `gazette serve` keeps the cache in memory and writes it after the reload: builds from
    /// that memory give a clean build's bytes, and the deferred write leaves a usable cache.
    @Test func buildsFromMemoryWithDeferredWritesMatchACleanBuild() async throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        var options = Builder.Options(siteDirectory: site.root)
        options.now = Date(timeIntervalSince1970: 1_893_456_000)  // 2030-01-01, as site.build() has it
        let builder = Builder(options: options)
        let cacheFile = site.root.appendingPathComponent(".gazette/cache/build-cache").path
        var (first, memory) = try await builder.build(memory: nil, deferringWrites: true)
        #expect(first.articleCount == 2 && memory != nil)
        #expect(!FileManager.default.fileExists(atPath: cacheFile))
        _ = await builder.writeDeferred(&memory!)
        #expect(FileManager.default.fileExists(atPath: cacheFile))
        for body in ["Edited once.", "Edited twice."] {
            try site.write("content/a.md", article("Alpha", "2022-03-12T10:00:00Z", "News", body: body))
            var (result, next) = try await builder.build(memory: memory, deferringWrites: true)
            #expect(result.articlesParsed == 1 && result.pagesRendered < result.pageCount)
            _ = await builder.writeDeferred(&next!)
            memory = next
            #expect(site.file("public/2022/03/12/alpha/index.html")?.contains(body) == true)
            let clean = try site.build(["--no-cache", "--output", "clean"])
            #expect(clean.status == 0)
            #expect(site.snapshot("public").mapValues(\.0) == site.snapshot("clean").mapValues(\.0))
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("clean"))
        }
        // The cache written last is one a separate build can use.
        let run = try site.build(["--verbose"])
        #expect(run.stderr.isEmpty && run.stdout.contains("parsed 0 article(s)"), "\(run.stdout)")
    }

    /// The bytes `save` streams to disk (a part at a time, checksummed as it goes).
    static func saved(_ cache: BuildCache) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-saved-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try cache.save(to: folder)
        return try [UInt8](Data(contentsOf: folder.appendingPathComponent(BuildCache.folder).appendingPathComponent(BuildCache.fileName)))
    }

    /// The cache file reads back into the same bytes, encoded in memory or streamed to disk,
    /// with many articles as with few; damaged entries are refused when the file is read.
    @Test func theCacheFileReadsBackIntoTheSameBytes() async throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        try site.write("content/a.md", article("Alpha", "2022-03-12T10:00:00Z", "News", body: "Edited."))
        #expect(try site.build().status == 0)
        let bytes = try [UInt8](Data(contentsOf: site.root.appendingPathComponent(".gazette/cache/build-cache")))
        var cache = try BuildCache.decode(bytes)
        #expect(cache.encode() == bytes)
        #expect(try await Self.saved(cache) == bytes)
        // The output entries are left encoded until asked for: the same table once decoded.
        #expect(cache.outputs.isEmpty && cache.outputCount > 10)
        var decodedHere = cache
        decodedHere.decodeOutputs()
        cache.decodeOutputs(cache.encodedOutputs?.decoded())
        #expect(decodedHere.outputs.count == cache.outputs.count && cache.outputCount == cache.outputs.count)
        for (path, entry) in decodedHere.outputs {
            #expect(cache.outputs[path]?.key == entry.key && cache.outputs[path]?.stamp == entry.stamp, "\(path)")
        }
        #expect(cache.encode() == bytes)
        var truncatedEntry = Array(bytes[..<(bytes.count - 8 - 3)])
        SealedFile.seal(&truncatedEntry, magic: BuildCache.magic)
        #expect(throws: BuildCache.Invalid.self) { try BuildCache.decode(truncatedEntry) }
        // Thousands of articles, some read from the file and some encoded afresh.
        let entry = cache.articles.values.first!
        var article = entry.article.article
        for i in 0..<3000 {
            article.path = "content/copy-\(i).md"
            article.title = "Copy \(i)"
            var copy = entry
            copy.article = CachedArticle(encoding: article)
            cache.articles[article.path] = copy
        }
        let many = cache.encode()
        #expect(try await Self.saved(cache) == many)
        let read = try BuildCache.decode(many)
        #expect(read.articles.count == cache.articles.count)
        #expect(read.articles["content/copy-2999.md"]?.article.article.title == "Copy 2999")
    }

    /// A first build writes each article as it was encoded while it was read, with the listing
    /// hash of those bytes; a rebuild takes every article from it. Recent stamps are written
    /// distrusted.
    @Test func aFirstBuildWritesTheArticlesItEncodedWhileReading() async throws {
        var spec = Self.site
        for n in 0..<40 {
            spec +=
                "\n-- content/extra/e\(n).md --\n"
                + article(
                    "Extra \(n) é", "2022-03-1\(n % 9)T10:00:00+02:00", "Tech",
                    body: "Body \(n).", extra: "tags: [x\(n)]\n")
        }
        let site = try TestSite(spec)
        defer { site.remove() }
        var paths = ["site.yml", "content/a.md", "content/b.md"]
        paths += (0..<40).map { "content/extra/e\($0).md" }
        for path in paths.dropLast(5) { try Self.settle(site, path, secondsAgo: 7200) }
        #expect(try site.build().status == 0)
        let bytes = try [UInt8](Data(contentsOf: site.root.appendingPathComponent(".gazette/cache/build-cache")))
        let cache = try BuildCache.decode(bytes)
        #expect(cache.articles.count == 42)
        // The five articles just written are distrusted (no size), the others are as read.
        #expect(cache.articles.values.filter { $0.stamp.size == -1 }.count == 5)
        for (path, entry) in cache.articles {
            let whole = entry.article.article
            #expect(whole.path == path && whole.head == entry.article.head)
            #expect(entry.article.head.listingHash == ArticleCoding.listingHash(of: whole), "\(path)")
        }
        #expect(cache.encode() == bytes)
        // Read back, every entry serves: the distrusted ones are read again but match by bytes.
        let run = try site.build(["--verbose", "--output", "other"])
        #expect(run.status == 0 && run.stdout.contains("parsed 0 article(s)"), "\(run.stdout)")
    }

    @Test func aJustEditedFileIsNotTrustedByItsStamp() throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        // Files written a moment ago: their stamps could change again without changing.
        #expect(try site.build().status == 0)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".gazette/cache/manifest").path))
        #expect(!(try site.build(["--verbose"]).stdout.contains("nothing changed")))
    }

    @Test(arguments: ["damaged", "truncated", "foreign", "deleted", "garbage"])
    func aBadCacheIsIgnoredWithANote(_ kind: String) throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let cache = site.root.appendingPathComponent(".gazette/cache/build-cache")
        var bytes = try Data(contentsOf: cache)
        switch kind {
        case "damaged": bytes[bytes.count / 2] ^= 0x55
        case "truncated": bytes = bytes.prefix(bytes.count / 2)
        case "foreign":
            // Another version of Gazette: a well-formed cache, checksum and all, with another version.
            var body = Array(bytes.dropFirst(BuildCache.magic.count).dropLast(8))
            let version = Array(GazetteInfo.version.utf8)
            let at = try #require((0..<body.count).first { Array(body[$0..<min(body.count, $0 + version.count)]) == version })
            body.replaceSubrange(at..<(at + version.count), with: Array(String(repeating: "9", count: version.count).utf8))
            var sum = SealChecksum.of(body[...])
            var trailer: [UInt8] = []
            for _ in 0..<8 { trailer.append(UInt8(sum & 0xff)); sum >>= 8 }
            bytes = Data(BuildCache.magic + body + trailer)
        case "deleted": try FileManager.default.removeItem(at: cache)
        default: bytes = Data("not a cache at all".utf8)
        }
        if kind != "deleted" { try bytes.write(to: cache) }
        // The input changed meanwhile: the right output needs a real rebuild, not the cache.
        try site.write("content/b.md", article("Beta", "2022-03-13T10:00:00Z", "News", body: "Changed."))
        let run = try site.build()
        #expect(run.status == 0)
        if kind != "deleted" { #expect(run.stderr.contains("note: "), "\(run.stderr)") }
        if kind == "foreign" { #expect(run.stderr.contains("another version of Gazette")) }
        let clean = try site.build(["--no-cache", "--output", "clean"])
        #expect(clean.status == 0)
        let a = site.snapshot("public").mapValues(\.0), b = site.snapshot("clean").mapValues(\.0)
        #expect(a == b)
        #expect(site.file("public/2022/03/13/beta/index.html")?.contains("Changed.") == true)
        // And the cache is whole again afterwards.
        #expect(try site.build().stderr.isEmpty)
    }

    @Test func twoBuildsAtOnceLeaveAUsableCache() throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        let binary = try TestSite.binary()
        let runs = (0..<4).map { _ in
            let p = Process()
            p.executableURL = binary
            p.arguments = ["build", "--now", "2030-01-01T00:00:00Z", "--quiet"]
            p.currentDirectoryURL = site.root
            return p
        }
        for p in runs { try p.run() }
        for p in runs { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let run = try site.build(["--verbose"])
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("parsed 0 article(s)"))
    }
}
