import Foundation
import Testing

@testable import Gazette

@Suite struct FrontMatterTests {
    let zone = TimeZone(identifier: "Asia/Singapore")!

    func parseFile(_ text: String) -> Result<FrontMatter.Parsed, BuildFailure> {
        FrontMatter.parseArticle(bytes: Array(text.utf8), path: "content/x.md", timeZone: zone)
    }

    func parse(_ text: String) -> Result<Article, BuildFailure> {
        parseFile(text).map(\.article)
    }

    func diagnostic(_ text: String) -> Diagnostic? {
        if case .failure(let f) = parse(text) { return f.diagnostics.first }
        return nil
    }

    @Test func readsEveryKnownKeyAndKeepsUnknownOnes() throws {
        let file = try parseFile(
            """
            ---
            title: "Japan may label Russia as ‘challenge’"
            date: 2022-03-12T05:02:00+08:00
            category: Japan
            tags: [Russia, security]
            source: Mainichi
            publisher: Intellasia
            author: A. Writer
            original_url: https://example.org/a
            summary: Short.
            region: East Asia
            ---
            Body *text*.
            """
        ).get()
        let article = file.article
        #expect(article.title == "Japan may label Russia as ‘challenge’")
        #expect(article.date.iso8601 == "2022-03-12T05:02:00+08:00")
        #expect(article.category == "Japan" && article.categorySlug == "japan")
        #expect(article.tags == ["Russia", "security"])
        #expect(article.source == "Mainichi" && article.publisher == "Intellasia" && article.author == "A. Writer")
        #expect(article.originalURL == "https://example.org/a")
        #expect(article.summary == "Short.")
        #expect(article.metadata["region"] == .string("East Asia"))
        #expect(article.slug == "japan-may-label-russia-as-challenge")
        #expect(Route.article(article.head).path == "2022/03/12/japan-may-label-russia-as-challenge/")
        #expect(file.body == "Body *text*.")
        #expect(article.bodyLine == 13)
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let file = try parseFile("\u{FEFF}---\r\ntitle: A\r\ndate: 2022-03-12\r\ncategory: B\r\n---\r\nText\r\n").get()
        let a = file.article
        #expect(a.title == "A" && file.body == "Text\n")
        #expect(a.date.iso8601 == "2022-03-12T00:00:00+08:00")
    }

    @Test func draftAndSlugAreRead() throws {
        let a = try parse("---\ntitle: A\ndate: 2022-03-12\ncategory: B\ndraft: true\nslug: My Own Slug\n---\n").get()
        #expect(a.draft)
        #expect(a.slug == "my-own-slug")
    }

    // The catalogue of broken inputs: each names the problem at its line and column.
    @Test(arguments: [
        ("", 1, 1, "file is empty"),
        ("Just text, no front matter.\n", 1, 1, "missing front matter"),
        ("---\ntitle: A\ndate: 2022-03-12\n", 1, 1, "unterminated front matter"),
        // At the '[' that is never closed, not where libyaml gave up (4:9).
        ("---\ntitle: A\ndate: [2022\ncategory: B\n---\n", 3, 7, "invalid YAML: this '[' is never closed"),
        ("---\ndate: 2022-03-12\ncategory: B\n---\n", 1, 1, "missing required key 'title'"),
        ("---\ntitle: A\ncategory: B\n---\n", 1, 1, "missing required key 'date'"),
        ("---\ntitle: A\ndate: 2022-03-12\n---\n", 1, 1, "missing required key 'category'"),
        ("---\ntitle: A\ndate: 12 March 2022\ncategory: B\n---\n", 3, 9, "date: '12 March 2022' is not a date"),
        ("---\ntitle: A\ndate: 2022-02-30\ncategory: B\n---\n", 3, 15, "day 30 is out of range"),
        ("---\ntitle: \"\"\ndate: 2022-03-12\ncategory: B\n---\n", 2, 8, "title: must not be empty"),
        ("---\ntitle: [A, B]\ndate: 2022-03-12\ncategory: B\n---\n", 2, 8, "title: expected text"),
        ("---\ntitle: A\ndate: 2022-03-12\ncategory: B\ndraft: maybe\n---\n", 5, 8, "draft: expected true or false"),
        ("---\ntitle: A\ndate: 2022-03-12\ncategory: B\noriginal_url: not a url\n---\n", 5, 15, "original_url"),
        ("- a\n- b\n", 1, 1, "missing front matter"),
        ("---\n- a\n- b\n---\n", 2, 1, "expected a mapping"),
    ])
    func brokenInput(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let d = try #require(diagnostic(text))
        #expect(d.path == "content/x.md")
        #expect(d.severity == .error)
        #expect(d.message.contains(message), "\(d)")
        #expect(d.line == line && d.column == column, "\(d)")
        #expect(d.description.hasPrefix("content/x.md:\(line):\(column): error: "))
    }

    /// Yams is vendored with a duplicate-key check that compares the keys' texts for small
    /// mappings of scalars (Vendor/Yams/PATCHES.md): duplicates are still refused, in small and
    /// large mappings alike, and distinct keys still pass, in either.
    @Test func duplicateKeysAreRefusedWhateverTheMappingsSize() throws {
        let base = "title: A\ndate: 2022-03-12\ncategory: B\n"
        let many = (0..<40).map { "extra\($0): \($0)\n" }.joined()
        for extra in ["", many] {
            let fine = try parse("---\n" + base + extra + "---\nText\n").get()
            #expect(fine.title == "A")
            if !extra.isEmpty { #expect(fine.metadata["extra39"] == .string("39")) }
            let duplicates = extra.isEmpty ? ["title", "category"] : ["title", "category", "extra0"]
            for key in duplicates {
                let d = try #require(diagnostic("---\n" + base + extra + key + ": again\n---\n"), "\(key)")
                #expect(d.severity == .error && d.message.contains("invalid YAML"), "\(d)")
                #expect(d.message.contains(key), "\(d)")
            }
        }
        // Same text, one of them quoted: one key, twice.
        #expect(diagnostic("---\n" + base + "\"title\": C\n---\n") != nil)
    }

    /// Scalars are decoded from libYAML's UTF-8 directly (Vendor/Yams/PATCHES.md).
    @Test func scalarsKeepEveryCharacter() throws {
        let title = "Tōkyō “quotes” — 東京 😀 e\u{301} \\ end"
        let a = try parse(
            "---\ntitle: \"\(title.replacingOccurrences(of: "\\", with: "\\\\"))\"\ndate: 2022-03-12\ncategory: Café\ntags: [Ünï, 中文]\n---\n"
        ).get()
        #expect(a.title == title)
        #expect(a.category == "Café" && a.tags == ["Ünï", "中文"])
    }

    @Test func invalidUTF8IsReportedWhereItIs() throws {
        var bytes = Array("---\ntitle: Caf".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\ndate: 2022-03-12\ncategory: B\n---\n".utf8)
        guard case .failure(let f) = FrontMatter.parseArticle(bytes: bytes, path: "content/x.md", timeZone: zone) else {
            Issue.record("invalid UTF-8 was accepted")
            return
        }
        #expect(f.diagnostics.first?.line == 2)
        #expect(f.diagnostics.first?.column == 11)
        #expect(f.diagnostics.first?.message.contains("invalid UTF-8") == true)
    }

    /// Random bytes (long ASCII runs, valid and broken sequences, surrogates, overlongs)
    /// against the standard library's decoder: the same verdict, and the offset where the
    /// first scalar it cannot decode starts.
    @Test func invalidUTF8OffsetMatchesTheStandardLibrary() {
        let pieces: [[UInt8]] = [
            Array("plain ASCII text, longer than eight bytes ".utf8), Array("a".utf8), Array("é東😀".utf8),
            [0xC3], [0xA9], [0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF0, 0x9F, 0x98], [0xFF], [0x0A],
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            var expected: Int?
            var offset = 0
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput: break decoding
                case .error: expected = offset; break decoding
                }
            }
            #expect(firstInvalidUTF8Offset(in: bytes) == expected, "\(bytes)")
        }
    }

    @Test func everyProblemOfAFileIsReported() throws {
        guard case .failure(let f) = parse("---\ntitle: A\ndate: nope\ndraft: perhaps\n---\n") else {
            Issue.record("accepted")
            return
        }
        let messages = f.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("missing required key 'category'") })
        #expect(messages.contains { $0.contains("date:") })
        #expect(messages.contains { $0.contains("draft:") })
    }
}
