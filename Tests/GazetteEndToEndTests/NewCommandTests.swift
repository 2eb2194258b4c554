import Foundation
import Testing

/// `gazette new`: a dated article with its front matter, never over another file.
@Suite struct NewCommandTests {
    @Test func writesADatedArticleAndPrintsItsPath() throws {
        let site = try TestSite("-- site.yml --\ntimezone: Asia/Tokyo\nbase_url: https://example.org/\n")
        defer { site.remove() }
        let run = try site.gazette([
            "new", "Japan may label Russia as ‘challenge’", "--category", "Japan", "--source", "Mainichi",
            "--date", "2022-03-12T05:02:00+08:00", "--tag", "Russia",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let path = "content/2022/03/12/japan-may-label-russia-as-challenge.md"
        #expect(run.stdout == path + "\n")
        let text = try #require(site.file(path))
        // The import's writer: quoted values, the date in the site's zone, the slug kept.
        #expect(text.hasPrefix("---\ntitle: \"Japan may label Russia as ‘challenge’\"\ndate: 2022-03-12T06:02:00+09:00\n"))
        #expect(text.contains("category: \"Japan\"\n") && text.contains("source: \"Mainichi\"\n"))
        #expect(text.contains("tags: [\"Russia\"]\n") && text.contains("slug: \"japan-may-label-russia-as-challenge\"\n"))
        // Started by hand: no import stamp, so an import never takes it for its own.
        #expect(!text.contains("import_id") && !text.contains("import_hash"))

        let build = try site.build()
        #expect(build.status == 0, "\(build.stderr)")
        #expect(site.file("public/2022/03/12/japan-may-label-russia-as-challenge/index.html")?.contains("Mainichi") == true)
    }

    @Test func neverOverwritesAFile() throws {
        let site = try TestSite(
            """
            -- content/2022/03/12/quake-hits-tokyo.md --
            the editor's own file
            """)
        defer { site.remove() }
        let first = try site.gazette(["new", "Quake hits Tokyo", "--category", "Japan", "--date", "2022-03-12T10:00:00Z"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "content/2022/03/12/quake-hits-tokyo-2.md\n")
        let second = try site.gazette(["new", "Quake hits Tokyo", "--category", "Japan", "--date", "2022-03-12T11:00:00Z", "--draft"])
        #expect(second.stdout == "content/2022/03/12/quake-hits-tokyo-3.md\n")
        #expect(site.file("content/2022/03/12/quake-hits-tokyo.md") == "the editor's own file\n")
        #expect(site.file("content/2022/03/12/quake-hits-tokyo-2.md")?.contains("date: 2022-03-12T10:00:00+00:00") == true)
        #expect(site.file("content/2022/03/12/quake-hits-tokyo-3.md")?.contains("draft: true\n") == true)
    }

    @Test func aSiteFolderPrefixesThePathAndMistakesFail() throws {
        let site = try TestSite("")
        defer { site.remove() }
        try site.write("digest/site.yml", "title: Digest\n")
        let run = try site.gazette(["new", "Budget passes", "--category", "Economy", "--site", "digest", "--date", "2024-05-01"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "digest/content/2024/05/01/budget-passes.md\n")
        #expect(site.file("digest/content/2024/05/01/budget-passes.md")?.contains("date: 2024-05-01T00:00:00+00:00") == true)

        // Not a site: nothing is written.
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        let nowhere = try site.gazette(["new", "Budget passes", "--category", "Economy", "--site", "elsewhere"])
        #expect(nowhere.status != 0)
        #expect(nowhere.stderr.contains("elsewhere/site.yml:1:1: error: no site.yml"), "\(nowhere.stderr)")
        #expect(!site.exists("elsewhere/content"))
        #expect(try site.gazette(["new", "Budget passes", "--category", " ", "--site", "digest"]).status != 0)
        let date = try site.gazette(["new", "Budget passes", "--category", "Economy", "--site", "digest", "--date", "May 1"])
        #expect(date.status != 0 && date.stderr.contains("--date"))
    }

    /// A title typed in decomposed form (as some keyboards and file systems give it) has the
    /// slug of the composed one.
    @Test func decomposedTitlesGiveTheComposedSlug() throws {
        let site = try TestSite("-- site.yml --\ntimezone: Asia/Tokyo\n")
        defer { site.remove() }
        let composed = "가나다 뉴스"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let first = try site.gazette(["new", composed, "--category", "한국", "--date", "2024-05-01T09:00:00+09:00"])
        let second = try site.gazette(["new", decomposed, "--category", "한국", "--date", "2024-05-01T09:00:00+09:00"])
        // Compared byte for byte: Swift's == would take the two forms as equal.
        let expected = "content/2024/05/01/" + composed.replacingOccurrences(of: " ", with: "-")
        #expect(Array(first.stdout.utf8) == Array((expected + ".md\n").utf8), "\(first.stdout) \(first.stderr)")
        #expect(Array(second.stdout.utf8) == Array((expected + "-2.md\n").utf8))
    }
}
