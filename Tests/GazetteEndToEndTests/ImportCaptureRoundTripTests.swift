import Foundation
import Testing

@testable import Gazette

/// One shape a capture comes in, and what must come out of it.
struct CaptureCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var title: String
    /// As written in front matter, with the site's UTC offset (Asia/Singapore: +08:00).
    var date: String
    var source: String?
    var publisher: String?
    var category: String
    /// The body as a reader should see it, one entry per paragraph (line breaks inside count as spaces).
    var paragraphs: [String]

    var testDescription: String { name }

    static let seedURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GazetteTests/Fixtures/seed-capture.txt")

    static var seed: CaptureCase {
        let text = (try? String(contentsOf: seedURL, encoding: .utf8)) ?? ""
        // The paragraphs, found independently of the importer: between the comment remnant and `Category:`.
        let lines = text.components(separatedBy: "\n")
        let start = (lines.firstIndex(of: "<!– –>") ?? 0) + 1
        let end = lines.firstIndex(where: { $0.hasPrefix("Category:") }) ?? lines.count
        return CaptureCase(
            name: "the seed: title twice, dateline over three lines, furniture, trailer",
            text: text, title: "Japan may label Russia as ‘challenge’ in security strategy revision",
            date: "2022-03-12T05:02:00+08:00", source: "Mainichi", publisher: "Intellasia", category: "Japan",
            paragraphs: lines[start..<end].filter { !$0.isEmpty })
    }

    static let all: [CaptureCase] = [
        seed,
        CaptureCase(
            name: "one-line dateline",
            text: """
                Floods close schools in Jakarta

                12-Mar-2022 Intellasia | Jakarta Post | 9:45 AM

                Print This Post

                Heavy rain flooded parts of the capital.

                Schools will reopen on Monday.

                Category: Indonesia

                Print This Post

                This is not a CAPTIS article. Originally, it was published here.
                """,
            title: "Floods close schools in Jakarta", date: "2022-03-12T09:45:00+08:00", source: "Jakarta Post",
            publisher: "Intellasia", category: "Indonesia",
            paragraphs: ["Heavy rain flooded parts of the capital.", "Schools will reopen on Monday."]),
        CaptureCase(
            name: "no time: midnight local",
            text: """
                Seoul raises rates

                12-Mar-2022 Intellasia | Yonhap

                The central bank raised its rate.

                Category: Korea
                """,
            title: "Seoul raises rates", date: "2022-03-12T00:00:00+08:00", source: "Yonhap", publisher: "Intellasia",
            category: "Korea", paragraphs: ["The central bank raised its rate."]),
        CaptureCase(
            name: "no outlet, PM time, title twice",
            text: """
                Typhoon nears Okinawa

                Typhoon nears Okinawa

                12-Mar-2022 Intellasia |
                5:02 PM

                Print This Post

                <!– –>

                Residents were told to stay indoors.

                Category: Japan
                """,
            title: "Typhoon nears Okinawa", date: "2022-03-12T17:02:00+08:00", source: nil, publisher: "Intellasia",
            category: "Japan", paragraphs: ["Residents were told to stay indoors."]),
        CaptureCase(
            name: "noon",
            text: "Noon story\n\n3-Jan-2023 Intellasia | Kyodo | 12:15 PM\n\nA quarter past noon.\n\nCategory: Japan\n",
            title: "Noon story", date: "2023-01-03T12:15:00+08:00", source: "Kyodo", publisher: "Intellasia",
            category: "Japan", paragraphs: ["A quarter past noon."]),
        CaptureCase(
            name: "midnight",
            text: "Midnight story\n\n3-Jan-2023 Intellasia | Kyodo | 12:00 AM\n\nAt midnight.\n\nCategory: Japan\n",
            title: "Midnight story", date: "2023-01-03T00:00:00+08:00", source: "Kyodo", publisher: "Intellasia",
            category: "Japan", paragraphs: ["At midnight."]),
        CaptureCase(
            name: "date alone on its line",
            text: "Split dateline\n\n1-Apr-2022\nIntellasia |\nMainichi |\n11:59 PM\n\nLate news.\n\nCategory: Japan\n",
            title: "Split dateline", date: "2022-04-01T23:59:00+08:00", source: "Mainichi", publisher: "Intellasia",
            category: "Japan", paragraphs: ["Late news."]),
        CaptureCase(
            name: "Markdown and HTML look-alikes",
            text: #"""
                *Breaking*: <b>AT&T</b> [sic] _under_ `review` #1 -- "quotes" & 'more'...

                12-Mar-2022 Intellasia | Nikkei <Asia> & *Co* | 5:02 AM

                # Not a heading

                1. Not a list, 2) nor this

                - not a bullet

                + nor this

                > not a quote

                <script>alert("x")</script> & &amp; &copy; <em>not emphasis</em> <!-- not a comment -->

                Quotes "straight" and 'single' -- dashes --- and dots... end

                Back\slash \*star\* and [link](http://example.com) ![img](x.png) <http://example.com>

                ***

                ---

                - - -

                =====

                ~~~ not a fence

                ``` not a fence either

                2022. A year that looks like a list

                Under_scores_inside and *asterisks* and **bold** and __bold__ and ~~strike~~

                Setext attempt
                ===

                Another attempt
                ---

                Trailing backslash \

                Two trailing spaces  
                then a line

                    Four spaces of indent

                Category: Tech & <Science>
                """#,
            title: #"*Breaking*: <b>AT&T</b> [sic] _under_ `review` #1 -- "quotes" & 'more'..."#,
            date: "2022-03-12T05:02:00+08:00", source: "Nikkei <Asia> & *Co*", publisher: "Intellasia",
            category: "Tech & <Science>",
            paragraphs: [
                "# Not a heading", "1. Not a list, 2) nor this", "- not a bullet", "+ nor this", "> not a quote",
                #"<script>alert("x")</script> & &amp; &copy; <em>not emphasis</em> <!-- not a comment -->"#,
                #"Quotes "straight" and 'single' -- dashes --- and dots... end"#,
                #"Back\slash \*star\* and [link](http://example.com) ![img](x.png) <http://example.com>"#,
                "***", "---", "- - -", "=====", "~~~ not a fence", "``` not a fence either",
                "2022. A year that looks like a list",
                "Under_scores_inside and *asterisks* and **bold** and __bold__ and ~~strike~~",
                "Setext attempt ===", "Another attempt ---", #"Trailing backslash \"#,
                "Two trailing spaces then a line", "Four spaces of indent",
            ]),
        CaptureCase(
            name: "CRLF line endings and a UTF-8 BOM",
            text:
                "\u{FEFF}Windows story\r\n\r\nWindows story\r\n\r\n12-Mar-2022 Intellasia |\r\nMainichi |\r\n5:02 AM\r\n\r\nPrint This Post\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n\r\nCategory: Japan\r\n\r\nPrint This Post\r\n",
            title: "Windows story", date: "2022-03-12T05:02:00+08:00", source: "Mainichi", publisher: "Intellasia",
            category: "Japan", paragraphs: ["First paragraph.", "Second paragraph."]),
        CaptureCase(
            name: "non-Latin scripts",
            text: """
                日本、ロシアを「挑戦」と位置付けへ

                12-Mar-2022 Intellasia | 毎日新聞 | 5:02 AM

                政府は国家安全保障戦略を改定する。

                Россия вторглась в Украину — «вызов».

                اليابان تراجع استراتيجيتها الأمنية.

                한국어 문장도 있습니다.

                Category: 日本
                """,
            title: "日本、ロシアを「挑戦」と位置付けへ", date: "2022-03-12T05:02:00+08:00", source: "毎日新聞",
            publisher: "Intellasia", category: "日本",
            paragraphs: [
                "政府は国家安全保障戦略を改定する。", "Россия вторглась в Украину — «вызов».",
                "اليابان تراجع استراتيجيتها الأمنية.", "한국어 문장도 있습니다.",
            ]),
        CaptureCase(
            name: "no trailer and no category",
            text: "Bare story\n\n12-Mar-2022 Intellasia | Mainichi | 5:02 AM\n\nOnly a body.\n\nAnd nothing after it.",
            title: "Bare story", date: "2022-03-12T05:02:00+08:00", source: "Mainichi", publisher: "Intellasia",
            category: Importer.defaultCategory, paragraphs: ["Only a body.", "And nothing after it."]),
        CaptureCase(
            name: "furniture anywhere, and site.yml's own drop_lines",
            text: """
                Print This Post
                Markets rally

                12-Mar-2022 Intellasia | Reuters | 10:30 AM

                Stocks rose.
                Print This Post

                Advertisement

                Bonds fell.

                Read more: elsewhere

                Category: Markets

                Advertisement
                """,
            title: "Markets rally", date: "2022-03-12T10:30:00+08:00", source: "Reuters", publisher: "Intellasia",
            category: "Markets", paragraphs: ["Stocks rose.", "Bonds fell."]),
    ]
}

@Suite("Importing captures, then building")
struct ImportCaptureRoundTripTests {
    static let siteYML = """
        title: Test
        base_url: https://example.org/digest/
        timezone: Asia/Singapore
        import:
          drop_lines: ["Advertisement", "Read more:.*"]

        """

    @Test("front matter and page text", arguments: CaptureCase.all)
    func roundTrip(_ capture: CaptureCase) async throws {
        let site = try TemporarySite(siteYML: Self.siteYML)
        defer { site.remove() }
        let input = try site.write(capture.text, to: "inbox/capture.txt")
        let report = try await site.importing([input])
        #expect(report.failedCount == 0, "\(report.events)")
        let path = try #require(report.written.first)
        #expect(path.hasPrefix("content/" + capture.date.prefix(10).replacingOccurrences(of: "-", with: "/") + "/"))

        let text = try #require(site.read(path))
        #expect(text.contains("\ndate: \(capture.date)\n"))
        let article = try FrontMatter.parseArticle(
            bytes: Array(text.utf8), path: path,
            timeZone: TimeZone(identifier: "Asia/Singapore")!
        ).get().article
        #expect(article.title == capture.title)
        #expect(article.date.iso8601 == capture.date)
        #expect(article.source == capture.source)
        #expect(article.publisher == capture.publisher)
        #expect(article.category == capture.category)

        let files = try await site.build()
        let route = Route.article(article.head)
        let page = try #require(files[route.outputPath], "no page at \(route.path)")
        #expect(PageText.bodyParagraphs(page) == capture.paragraphs.map(PageText.fold))
        // The title shows literally too.
        #expect(page.contains("<h1>" + HTML.escape(capture.title) + "</h1>"))
    }

    @Test("a second import writes nothing")
    func idempotent() async throws {
        let site = try TemporarySite(siteYML: Self.siteYML)
        defer { site.remove() }
        var inputs: [String] = []
        for (i, capture) in CaptureCase.all.enumerated() {
            inputs.append(try site.write(capture.text, to: "inbox/\(i).txt"))
        }
        let first = try await site.importing(["\(site.url.path)/inbox"])
        #expect(first.written.count == CaptureCase.all.count)
        let before = try snapshot(site)
        let second = try await site.importing(["\(site.url.path)/inbox"])
        #expect(second.written.isEmpty)
        #expect(second.unchangedCount == CaptureCase.all.count)
        #expect(try snapshot(site) == before)
    }

    @Test("an edited file survives a re-import")
    func editedFileSurvives() async throws {
        let site = try TemporarySite(siteYML: Self.siteYML)
        defer { site.remove() }
        let input = try site.write(CaptureCase.seed.text, to: "inbox/seed.txt")
        let path = try #require(try await site.importing([input]).written.first)
        let edited = try #require(site.read(path)).replacingOccurrences(of: "Japan may designate", with: "Japan will designate")
        try site.write(edited, to: path)

        let again = try await site.importing([input])
        #expect(again.events == [.keptEdited(path)])
        #expect(site.read(path) == edited)
    }

    func snapshot(_ site: TemporarySite) throws -> [String: String] {
        let loader = ContentLoader(siteDirectory: site.url, config: SiteConfig())
        return Dictionary(uniqueKeysWithValues: loader.articlePaths().map { ($0, site.read($0) ?? "") })
    }
}

@Suite("The sample site")
struct SampleSiteSeedTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seedArticle = "content/2022/03/12/japan-may-label-russia-as-challenge-in-security-strategy-revision.md"

    @Test("the seed article is what gazette import makes of the seed capture")
    func seedArticleIsImported() async throws {
        let committed = try String(contentsOf: Self.repository.appendingPathComponent(Self.seedArticle), encoding: .utf8)
        let siteYML = try String(contentsOf: Self.repository.appendingPathComponent("site.yml"), encoding: .utf8)
        let site = try TemporarySite(siteYML: siteYML)
        defer { site.remove() }
        let report = try await site.importing([CaptureCase.seedURL.path])
        #expect(report.written == [Self.seedArticle])
        #expect(site.read(Self.seedArticle) == committed)
    }
}
