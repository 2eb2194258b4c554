import Foundation
import Testing

/// An editor's slips in front matter and site.yml, caught by `gazette build` at their place:
/// mistyped keys, an unlisted category, tags as one string, and YAML errors shown where the
/// mistake starts rather than where libyaml gave up.
@Suite struct EditorMistakeTests {
    @Test func aMistypedKeyIsAWarningThatNamesTheKeyItMisses() throws {
        let site = try TestSite(
            """
            -- content/a.md --
            ---
            title: A
            date: 2022-03-12T10:00:00Z
            category: News
            sumary: The short version.
            Image_alt: A harbour
            region: Kansai
            kicker: Exclusive
            ---
            Body text.
            """)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("content/a.md:5:1: warning: unknown key 'sumary'; did you mean 'summary'?"), "\(run.stderr)")
        #expect(run.stderr.contains("content/a.md:6:1: warning: unknown key 'Image_alt'; did you mean 'image_alt'?"), "\(run.stderr)")
        // Keys far from every key Gazette knows are the site's own metadata.
        #expect(!run.stderr.contains("'region'") && !run.stderr.contains("'kicker'"), "\(run.stderr)")
        // A build that takes the article from its cache says so again.
        let again = try site.build()
        #expect(again.stderr.contains("content/a.md:5:1: warning: unknown key 'sumary'"), "\(again.stderr)")
        // Fixed, the warning goes.
        try site.write(
            "content/a.md", article("A", "2022-03-12T10:00:00Z", "News", extra: "summary: The short version.\nregion: Kansai\n"))
        let fixed = try site.build()
        #expect(fixed.status == 0 && !fixed.stderr.contains("warning"), "\(fixed.stderr)")
    }

    @Test func aMissingRequiredKeyNamesItsNearMiss() throws {
        let site = try TestSite(
            """
            -- content/a.md --
            ---
            tittle: A
            date: 2022-03-12T10:00:00Z
            catgory: News
            ---
            Body text.
            -- content/b.md --
            ---
            title: B
            category: News
            ---
            Body text.
            """)
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("content/a.md:2:1: error: missing required key 'title' (found 'tittle' on line 2; did you mean 'title'?)"),
            "\(run.stderr)")
        #expect(run.stderr.contains("content/a.md:4:1: error: missing required key 'category' (found 'catgory' on line 4"), "\(run.stderr)")
        // Said once, as the error, not again as an unknown key.
        #expect(!run.stderr.contains("unknown key"), "\(run.stderr)")
        // Without a near miss, the message is as before.
        #expect(run.stderr.contains("content/b.md:1:1: error: missing required key 'date'"), "\(run.stderr)")
    }

    @Test func aCategoryNotInSiteYmlIsAWarningWithTheClosestName() throws {
        let site = try TestSite(
            "-- site.yml --\ncategories:\n  - World\n  - Technology: [Tech]\n"
                + "-- content/a.md --\n" + article("A", "2024-03-10T10:00:00Z", "Tecnology", extra: "tags: [chips]\n")
                + "-- content/b.md --\n" + article("B", "2024-03-11T10:00:00Z", "Tech")
                + "-- content/c.md --\n" + article("C", "2024-03-11T11:00:00Z", "Sport")
                + "-- content/d.md --\n" + article("D", "2024-03-11T12:00:00Z", "world"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "content/a.md:4:11: warning: category 'Tecnology' is not in site.yml's categories; did you mean 'Technology'?"),
            "\(run.stderr)")
        #expect(
            run.stderr.contains("content/c.md:4:11: warning: category 'Sport' is not in site.yml's categories ('World', 'Technology')"),
            "\(run.stderr)")
        // An alias and a name in other case are listed.
        #expect(!run.stderr.contains("content/b.md") && !run.stderr.contains("content/d.md"), "\(run.stderr)")
        // The article is still built, under its own category.
        #expect(site.exists("public/category/tecnology/index.html"))
        // Without `categories:`, any category is the editor's to choose.
        try site.write("site.yml", "")
        let open = try site.build()
        #expect(!open.stderr.contains("not in site.yml"), "\(open.stderr)")
    }

    @Test func tagsWrittenAsOneStringAreSplitWithAWarning() throws {
        let site = try TestSite(
            "-- content/a.md --\n" + article("A", "2022-03-12T10:00:00Z", "News", extra: "tags: Russia, security\n")
                + "-- content/b.md --\n" + article("B", "2022-03-12T11:00:00Z", "News", extra: "tags: Ukraine\n"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "content/a.md:5:7: warning: tags: 'Russia, security' is one piece of text, read as 2 tags; write a list: tags: [Russia, security]"
            ),
            "\(run.stderr)")
        #expect(site.exists("public/tag/russia/index.html") && site.exists("public/tag/security/index.html"))
        #expect(!site.exists("public/tag/russia-security/index.html"))
        // One tag without a comma is a list of one, as YAML has it.
        #expect(!run.stderr.contains("content/b.md"), "\(run.stderr)")
        #expect(site.exists("public/tag/ukraine/index.html"))
    }

    struct YAMLCase: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        /// `line:column: error: invalid YAML: ` and the start of the message, in the YAML's own lines.
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    static let yamlCases = [
        YAMLCase(
            name: "an unclosed double quote", yaml: "title: \"Talks resume\nper_page: 5\nlanguage: en\n", line: 1, column: 8,
            message: "this quoted text is never closed"),
        YAMLCase(
            name: "an unclosed single quote", yaml: "language: en\ntitle: 'Talks resume\nper_page: 5\n", line: 2, column: 8,
            message: "this quoted text is never closed"),
        YAMLCase(
            name: "an unclosed bracket", yaml: "language: en\ntags: [a, b\nper_page: 5\nfeed_items: 3\n", line: 2, column: 7,
            message: "this '[' is never closed"),
        YAMLCase(
            name: "a key indented under a value", yaml: "language: en\n  per_page: 5\nfeed_items: 3\n", line: 2, column: 3,
            message: "this line is indented under a value"),
        YAMLCase(
            name: "a list item out of line", yaml: "language: en\ntags:\n  - a\n - b\nfeed_items: 3\n", line: 4, column: 2,
            message: "expected a key at this line's indentation"),
    ]

    @Test(arguments: yamlCases)
    func aYAMLErrorPointsWhereTheMistakeStarts(_ yamlCase: YAMLCase) throws {
        // In front matter, whose YAML starts on the file's second line.
        let front = try TestSite(
            "-- content/a.md --\n---\ntitle: A\ndate: 2022-03-12\ncategory: News\n---\nBody.\n"
                + "-- content/b.md --\n---\n\(yamlCase.yaml)---\nBody.\n")
        defer { front.remove() }
        let run = try front.build()
        #expect(run.status == 1)
        let article = "content/b.md:\(yamlCase.line + 1):\(yamlCase.column): error: invalid YAML: \(yamlCase.message)"
        #expect(run.stderr.contains(article), "expected \(article); stderr was: \(run.stderr)")
        // In site.yml, line for line.
        let config = try TestSite("-- site.yml --\n\(yamlCase.yaml)")
        defer { config.remove() }
        let bad = try config.build()
        #expect(bad.status == 1)
        let siteYML = "site.yml:\(yamlCase.line):\(yamlCase.column): error: invalid YAML: \(yamlCase.message)"
        #expect(bad.stderr.contains(siteYML), "expected \(siteYML); stderr was: \(bad.stderr)")
    }
}
