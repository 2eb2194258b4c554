import Foundation
import Testing

/// The catalogue of broken inputs: each gives `path:line:col: error:` naming the problem,
/// exit code 1, every other problem still reported, and the previous `public/` untouched.
@Suite struct BrokenInputTests {
    static let good = """
        -- site.yml --
        base_url: https://example.org/
        -- content/good.md --
        \(article("Good", "2022-03-12T10:00:00Z", "News"))
        -- content/other.md --
        \(article("Other", "2022-03-13T10:00:00Z", "News"))
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var bytes: [UInt8]
        var expected: String
        var testDescription: String { name }
        init(_ name: String, _ path: String, _ text: String, _ expected: String) {
            self.init(name, path, Array(text.utf8), expected)
        }
        init(_ name: String, _ path: String, _ bytes: [UInt8], _ expected: String) {
            self.name = name
            self.path = path
            self.bytes = bytes
            self.expected = expected
        }
    }

    static let cases: [Case] = [
        Case("no front matter", "content/bad.md", "Just a paragraph.\n", "content/bad.md:1:1: error: missing front matter"),
        Case(
            "unterminated front matter", "content/bad.md", "---\ntitle: T\ndate: 2022-03-12\ncategory: N\n\nBody\n",
            "content/bad.md:1:1: error: unterminated front matter"),
        Case("invalid YAML", "content/bad.md", "---\ntitle: T\ndate: 2022-03-12\ncategory: : : [\n---\n", "content/bad.md:4:"),
        Case(
            "missing title", "content/bad.md", "---\ndate: 2022-03-12\ncategory: N\n---\n",
            "content/bad.md:1:1: error: missing required key 'title'"),
        Case(
            "missing date", "content/bad.md", "---\ntitle: T\ncategory: N\n---\n", "content/bad.md:1:1: error: missing required key 'date'"),
        Case(
            "missing category", "content/bad.md", "---\ntitle: T\ndate: 2022-03-12\n---\n",
            "content/bad.md:1:1: error: missing required key 'category'"),
        Case(
            "a date that is not a date", "content/bad.md", "---\ntitle: T\ndate: next Tuesday\ncategory: N\n---\n",
            "content/bad.md:3:7: error: date: 'next Tuesday' is not a date"),
        Case(
            "invalid UTF-8", "content/bad.md",
            Array("---\ntitle: T".utf8) + [0xFF, 0xFE] + Array("\ndate: 2022-03-12\ncategory: N\n---\n".utf8),
            "content/bad.md:2:9: error: invalid UTF-8"),
        Case("an empty file", "content/bad.md", "", "content/bad.md:1:1: error: file is empty"),
        Case(
            "a template syntax error", "Templates/article.mustache", "<h1>{{title}}</h1>\n{{#article}}\n<p>{{/section}}</p>\n",
            "Templates/article.mustache:3:"),
        Case(
            "a missing partial", "Templates/category.mustache", "{{<layout}}{{$content}}\n{{>does-not-exist}}\n{{/content}}{{/layout}}\n",
            "Templates/category.mustache:2:1: error: template names the partial 'does-not-exist', which does not exist"),
        Case(
            "a broken site.yml", "site.yml", "base_url: https://example.org/\ntimezone: Nowhere/Atlantis\n",
            "site.yml:2:11: error: timezone: unknown time zone 'Nowhere/Atlantis'"),
    ]

    @Test(arguments: cases)
    func reportsAndKeepsThePreviousOutput(_ broken: Case) throws {
        let site = try TestSite(Self.good)
        defer { site.remove() }
        let first = try site.build()
        #expect(first.status == 0, "\(first.stderr)")
        let before = site.snapshot()
        #expect(!before.isEmpty)
        try site.write(broken.path, bytes: Data(broken.bytes))
        Thread.sleep(forTimeInterval: 0.01)
        let run = try site.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains(broken.expected), "stderr was: \(run.stderr)")
        #expect(run.stderr.contains("Build failed"))
        #expect(!run.stdout.contains("Built"))
        let after = site.snapshot()
        #expect(after.keys.sorted() == before.keys.sorted())
        for (path, value) in before {
            #expect(after[path]?.0 == value.0 && after[path]?.1 == value.1, "\(path) changed")
        }
    }

    @Test func everyBrokenArticleIsReportedInOneRun() throws {
        let site = try TestSite(
            Self.good + """

                -- content/x1.md --
                ---
                title: X
                ---
                -- content/x2.md --
                no front matter
                -- content/x3.md --
                ---
                title: Y
                date: someday
                category: N
                ---
                """)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 4, "\(run.stderr)")
        #expect(run.stderr.contains("content/x1.md:1:1: error: missing required key 'category'"))
        #expect(run.stderr.contains("content/x1.md:1:1: error: missing required key 'date'"))
        #expect(run.stderr.contains("content/x2.md:1:1: error: missing front matter"))
        #expect(run.stderr.contains("content/x3.md:3:7: error: date: 'someday' is not a date"))
        #expect(run.stderr.contains("Build failed with 4 errors"))
    }

    @Test func aFailedFirstBuildCreatesNoOutputFolder() throws {
        let site = try TestSite("-- content/bad.md --\nno front matter\n")
        defer { site.remove() }
        #expect(try site.build().status == 1)
        #expect(!site.exists("public"))
    }

    @Test func pathsAreShownFromWhereTheCommandRuns() throws {
        let site = try TestSite("-- mysite/site.yml --\n-- mysite/content/bad.md --\nnothing\n")
        defer { site.remove() }
        let run = try site.gazette(["build", "--site", "mysite"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("mysite/content/bad.md:1:1: error: missing front matter"))
    }
}
