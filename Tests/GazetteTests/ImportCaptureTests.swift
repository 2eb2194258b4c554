import Foundation
import Testing

@testable import Gazette

@Suite("Reading captures")
struct ImportCaptureTests {
    let singapore = TimeZone(identifier: "Asia/Singapore")!

    static let seed: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/seed-capture.txt")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test func seedCapture() throws {
        let article = try CaptureReader(timeZone: singapore).read(Self.seed)
        #expect(article.title == "Japan may label Russia as ‘challenge’ in security strategy revision")
        #expect(article.date.iso8601 == "2022-03-12T05:02:00+08:00")
        #expect(article.publisher == "Intellasia")
        #expect(article.source == "Mainichi")
        #expect(article.category == "Japan")
        #expect(article.body.hasPrefix("Japan may designate Russia"))
        #expect(article.body.hasSuffix("should not be tolerated in the region."))
        #expect(!article.body.contains("Print This Post"))
        #expect(!article.body.contains("CAPTIS"))
        #expect(!article.body.contains("<!"))
        #expect(article.body.components(separatedBy: "\n\n").count == 15)
    }

    @Test func theSiteTimeZoneGivesTheOffset() throws {
        let utc = try CaptureReader(timeZone: TimeZone(identifier: "UTC")!).read(Self.seed)
        #expect(utc.date.iso8601 == "2022-03-12T05:02:00Z")
        let newYork = try CaptureReader(timeZone: TimeZone(identifier: "America/New_York")!).read(Self.seed)
        #expect(newYork.date.converted(to: TimeZone(identifier: "America/New_York")!).iso8601 == "2022-03-12T05:02:00-05:00")
    }

    @Test(arguments: [
        ("12:00 AM", 0, 0), ("12:15 AM", 0, 15), ("12:00 PM", 12, 0), ("12:15 PM", 12, 15), ("1:05 pm", 13, 5),
        ("11:59 P.M.", 23, 59), ("5:02 AM", 5, 2), ("17:02", 17, 2), ("0:30", 0, 30),
    ])
    func twelveHourClock(_ text: String, _ hour: Int, _ minute: Int) {
        let time = CaptureReader.time(text)
        #expect(time?.0 == hour && time?.1 == minute)
    }

    @Test(arguments: ["13:00 PM", "0:10 AM", "5:60 AM", "24:00", "5 AM", "Mainichi"])
    func notATime(_ text: String) {
        #expect(CaptureReader.time(text) == nil)
    }

    @Test func noDatelineIsAnError() {
        #expect(throws: ImportError.self) {
            try CaptureReader(timeZone: singapore).read("A title\n\nSome text without a dateline.\n")
        }
    }

    @Test func impossibleDateIsAnError() {
        #expect(throws: ImportError.self) {
            try CaptureReader(timeZone: singapore).read("A title\n\n31-Feb-2022 Intellasia | 5:02 AM\n\nBody.\n")
        }
    }

    @Test func extraDropPatterns() throws {
        let text = "Title\n\n12-Mar-2022 Intellasia | 5:02 AM\n\nBody.\n\nSponsored content\n\nMore body.\n"
        let plain = try CaptureReader(timeZone: singapore).read(text)
        #expect(plain.body.contains("Sponsored"))
        let dropping = try CaptureReader(timeZone: singapore, extraDropPatterns: ["sponsored .*"]).read(text)
        #expect(dropping.body == "Body.\n\nMore body.")
    }

    @Test func badDropPatternIsAnError() {
        #expect(throws: ImportError.self) {
            try CaptureReader(timeZone: singapore, extraDropPatterns: ["(unclosed"]).read(Self.seed)
        }
    }

    static let escapes: [EscapeCase] = [
        EscapeCase("*a* _b_ `c` [d](e) <f> & g", #"\*a\* \_b\_ \`c\` \[d\](e) \<f\> \& g"#),
        EscapeCase("# x", ##"\# x"##), EscapeCase("1. x", #"1\. x"#), EscapeCase("12) x", #"12\) x"#), EscapeCase("- x", #"\- x"#),
        EscapeCase("+ x", #"\+ x"#),
        EscapeCase("> x", #"\> x"#), EscapeCase("=== x", #"\=== x"#), EscapeCase("~~~", #"\~~~"#),
        EscapeCase(#"say "hi" it's"#, #"say \"hi\" it\'s"#), EscapeCase("a--b...c", #"a\-\-b\.\.\.c"#), EscapeCase("a-b.c", "a-b.c"),
        EscapeCase("2022 was", "2022 was"), EscapeCase("日本語", "日本語"),
    ]

    @Test(arguments: escapes)
    func escaping(_ c: EscapeCase) {
        #expect(MarkdownEscaper.paragraph(c.text) == c.expected)
    }
}

struct EscapeCase: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: String
    init(_ text: String, _ expected: String) {
        self.text = text
        self.expected = expected
    }
    var testDescription: String { text }
}
