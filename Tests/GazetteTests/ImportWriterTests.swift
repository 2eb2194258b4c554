import Foundation
import Testing

@testable import Gazette

@Suite("Writing imported articles")
struct ImportWriterTests {
    let singapore = TimeZone(identifier: "Asia/Singapore")!

    func article(title: String, body: String = "Body.") -> ImportedArticle {
        ImportedArticle(
            title: title, date: Timestamp(seconds: 1_647_032_520, offset: 0), category: "Japan",
            source: "Mainichi", publisher: "Intellasia", body: body)
    }

    static let awkwardTitles = [
        "Plain", "Colon: and # hash", "\"Quoted\" and 'single'", "Back\\slash", "- leading dash", "[flow] {map}",
        "yes", "null", "123", "Tab\there", "Line\nbreak", "Control \u{7}", "日本語のタイトル", "Emoji 🗾", "  spaced  ",
        "Ends with colon:", "%percent", "@at", "`tick`", "*star*", "&anchor", "!tag", "|pipe", ">fold", "'", "\"",
    ]

    @Test(arguments: awkwardTitles)
    func anyTitleIsValidYAML(_ title: String) throws {
        let writer = ArticleWriter(timeZone: singapore)
        let text = writer.render(article(title: title), category: "Japan: \"news\"", tags: ["a, b", "[c]"], stem: "x")
        let parsed = try FrontMatter.parseArticle(bytes: Array(text.utf8), path: "x.md", timeZone: singapore).get().article
        // One line, as a page shows it: a line break is a space, a control character goes.
        let shown = title.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\u{7}", with: "")
        #expect(parsed.title == shown.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(parsed.category == "Japan: \"news\"")
        #expect(parsed.tags == ["a, b", "[c]"])
        #expect(parsed.date.iso8601 == "2022-03-12T05:02:00+08:00")
    }

    @Test func dateIsWrittenWithItsOffset() {
        let text = ArticleWriter(timeZone: singapore).render(article(title: "T"), category: "Japan", tags: [], stem: "t")
        #expect(text.contains("\ndate: 2022-03-12T05:02:00+08:00\n"))
        let utc = ArticleWriter(timeZone: TimeZone(identifier: "UTC")!).render(article(title: "T"), category: "Japan", tags: [], stem: "t")
        #expect(utc.contains("\ndate: 2022-03-11T21:02:00+00:00\n"))
        #expect(ArticleWriter(timeZone: TimeZone(identifier: "UTC")!).folder(for: article(title: "T")) == "content/2022/03/11/")
        #expect(ArticleWriter(timeZone: singapore).folder(for: article(title: "T")) == "content/2022/03/12/")
    }

    @Test func stampTellsEditedFiles() throws {
        let text = ArticleWriter(timeZone: singapore).render(article(title: "T"), category: "Japan", tags: [], stem: "t")
        let stamp = try #require(ArticleWriter.stamp(of: text))
        #expect(stamp.untouched)
        #expect(stamp.id == article(title: "T").identity)
        #expect(ArticleWriter.stamp(of: text.replacingOccurrences(of: "Body.", with: "Body!"))?.untouched == false)
        #expect(ArticleWriter.stamp(of: text.replacingOccurrences(of: "Mainichi", with: "Asahi"))?.untouched == false)
        #expect(ArticleWriter.stamp(of: "---\ntitle: x\n---\nBody\n") == nil)
    }

    @Test func identity() {
        var a = article(title: "T")
        #expect(a.identity.hasPrefix("text:"))
        #expect(a.identity == article(title: "T").identity)
        #expect(a.identity != article(title: "U").identity)
        a.originalURL = "https://example.org/a"
        #expect(a.identity == "https://example.org/a")
    }

    @Test func differentArticlesWithOneNameBothSurvive() async throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-clash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: site) }
        try Data("timezone: Asia/Singapore\n".utf8).write(to: site.appendingPathComponent("site.yml"))
        let one = "Same title\n\n12-Mar-2022 Intellasia | Mainichi | 5:02 AM\n\nFirst story.\n\nCategory: Japan\n"
        let two = "Same title\n\n12-Mar-2022 Intellasia | Kyodo | 9:00 AM\n\nSecond story.\n\nCategory: Japan\n"
        for (name, text) in [("one.txt", one), ("two.txt", two)] {
            try Data(text.utf8).write(to: site.appendingPathComponent(name))
        }
        let report = try await Importer(options: .init(siteDirectory: site))
            .run([site.appendingPathComponent("one.txt").path, site.appendingPathComponent("two.txt").path])
        #expect(report.written == ["content/2022/03/12/same-title.md", "content/2022/03/12/same-title-2.md"])
        var options = Builder.Options(siteDirectory: site)
        options.now = Date(timeIntervalSince1970: 4_000_000_000)
        let files = try await Builder(options: options).render().files.map(\.path)
        #expect(files.contains("2022/03/12/same-title/index.html"))
        #expect(files.contains("2022/03/12/same-title-2/index.html"))
        let again = try await Importer(options: .init(siteDirectory: site))
            .run([site.appendingPathComponent("one.txt").path, site.appendingPathComponent("two.txt").path])
        #expect(again.written.isEmpty && again.unchangedCount == 2)
    }
}
