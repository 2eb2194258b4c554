import Foundation
import Testing

/// `-D`, `-F` and the summary line that says what they left out.
@Suite struct DraftAndFutureFlagTests {
    static let spec = """
        -- content/a.md --
        \(article("Published story", "2022-03-12T10:00:00Z", "World"))
        -- content/b.md --
        \(article("Draft story", "2022-03-12T11:00:00Z", "World", extra: "draft: true\n"))
        -- content/c.md --
        \(article("Future story", "2031-01-01T00:00:00Z", "World"))
        -- content/d.md --
        \(article("Another future story", "2031-02-01T00:00:00Z", "World"))
        """

    @Test(arguments: [
        ([String](), 1, " (1 draft and 2 future articles left out)"),
        (["-D"], 2, " (2 future articles left out)"),
        (["--drafts"], 2, " (2 future articles left out)"),
        (["-F"], 3, " (1 draft left out)"),
        (["-D", "-F"], 4, ""),
        (["-DF"], 4, ""),
    ])
    func shortFlagsAndTheSummaryLine(flags: [String], articles: Int, leftOut: String) throws {
        let site = try TestSite(Self.spec)
        defer { site.remove() }
        let run = try site.build(flags)
        #expect(run.status == 0, "\(run.stderr)")
        let line = run.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("Built \(articles) article\(articles == 1 ? "" : "s"): "), "\(line)")
        #expect(line.hasSuffix(" s" + leftOut), "\(line)")
        #expect(site.exists("public/2022/03/12/draft-story/index.html") == flags.contains { $0.contains("D") || $0 == "--drafts" })
        #expect(site.exists("public/2031/01/01/future-story/index.html") == flags.contains { $0.contains("F") })
        // A build with nothing to do says the same.
        #expect(try site.build(flags).stdout.trimmingCharacters(in: .newlines).hasSuffix(" s" + leftOut))
    }
}
