import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a clumsy user or an attacker does to a site, and what Gazette must never do in return:
/// delete a file it did not write, hang, or guess.
@Suite struct SafetyTests {
    static let twoArticles = """
        -- site.yml --
        title: Safe Digest
        base_url: https://example.org/
        -- content/a.md --
        \(article("Alpha story", "2022-03-12T05:02:00Z", "Japan"))
        -- content/b.md --
        \(article("Beta story", "2022-03-13T05:02:00Z", "Economy"))
        """

    // MARK: The output folder

    @Test func aFolderOfSomeoneElsesIsRefusedAndItsFilesKept() throws {
        let site = try TestSite(Self.twoArticles + "\n-- docs/thesis.tex --\nmy thesis\n")
        defer { site.remove() }
        let refused = try site.build(["--output", "docs"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("holds files that Gazette did not write ('thesis.tex')"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("docs").path) == ["thesis.tex"])

        // With --force the site is built beside the thesis, which no later build removes.
        let forced = try site.build(["--output", "docs", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(site.exists("docs/index.html"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/b.md"))
        let rebuilt = try site.build(["--output", "docs", "--verbose"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("removed 2022/03/13/beta-story/index.html"))
        #expect(rebuilt.stdout.contains("left alone thesis.tex"))
        #expect(site.file("docs/thesis.tex")?.hasPrefix("my thesis\n") == true)
        #expect(!site.exists("docs/2022/03/13/beta-story/index.html"))
    }

    /// The site's own folders, the site itself, `/` and the home folder are never an output,
    /// with or without --force, and nothing in them changes.
    @Test(arguments: ["content", "Templates", "static", ".gazette/out", "content/sub", ".", "/", "HOME", "HOME/"])
    func foldersThatAreNeverAnOutput(_ output: String) throws {
        let site = try TestSite(
            Self.twoArticles + "\n-- Templates/article.mustache --\n{{<layout}}{{$content}}{{/content}}{{/layout}}\n"
                + "-- static/ads.txt --\nads\n-- .gazette/out/keep.txt --\nkeep\n")
        defer { site.remove() }
        let home = site.root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: home.appendingPathComponent("notes.txt"))
        let folder = output.hasPrefix("HOME") ? home.path + output.dropFirst(4) : output
        let before = site.snapshot(".")
        for extra in [[], ["--force"]] {
            let run = try site.gazette(
                ["build", "--now", "2030-01-01T00:00:00Z", "--output", folder] + extra,
                environment: ["HOME": home.path])
            #expect(run.status == 1, "\(output) \(extra): \(run.stdout)")
            #expect(run.stderr.contains("error:"), "\(run.stderr)")
        }
        let after = site.snapshot(".")
        #expect(before.mapValues(\.0) == after.mapValues(\.0), "\(output): files changed")
        #expect(site.file("home/notes.txt") == "precious")
    }

    /// `public/` as a gh-pages worktree: its `.git` is allowed, and left exactly as it was.
    @Test func aGitWorktreeOutputKeepsItsGitFolder() throws {
        let site = try TestSite(
            Self.twoArticles + "\n-- public/.git/HEAD --\nref: refs/heads/gh-pages\n-- public/.git/objects/ab/cdef --\nobject\n"
                + "-- public/.nojekyll --\n")
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/b.md"))
        #expect(try site.build().status == 0)
        #expect(site.file("public/.git/HEAD") == "ref: refs/heads/gh-pages\n")
        #expect(site.file("public/.git/objects/ab/cdef") == "object\n")
        #expect(site.exists("public/.nojekyll"))
        #expect(site.exists("public/index.html"))
    }

    /// A file dropped into Gazette's own output folder is not the site's: left alone, and said so.
    @Test func aFileDroppedIntoTheOutputIsLeftAlone() throws {
        let site = try TestSite(Self.twoArticles)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        try site.write("public/2022/03/13/beta-story/notes.txt", "mine")
        try site.write("public/google1234.html", "verification")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/b.md"))
        let run = try site.build(["--verbose"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("left alone google1234.html"), "\(run.stdout)")
        #expect(run.stdout.contains("left alone 2022/03/13/beta-story/notes.txt"))
        #expect(site.file("public/2022/03/13/beta-story/notes.txt") == "mine")
        #expect(site.file("public/google1234.html") == "verification")
        #expect(!site.exists("public/2022/03/13/beta-story/index.html"))
    }

    /// A page the site now makes at a path where a file of the user's stands: refused, the file kept.
    @Test func aUsersFileIsNeverOverwritten() throws {
        let site = try TestSite(Self.twoArticles)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        try site.write("public/2022/03/14/gamma-story/index.html", "my own page")
        try site.write("content/c.md", article("Gamma story", "2022-03-14T05:02:00Z", "Japan"))
        let run = try site.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("was not written by Gazette"), "\(run.stderr)")
        #expect(site.file("public/2022/03/14/gamma-story/index.html") == "my own page")
    }

    /// `static/` is how files are published as they are; removed from it, they leave the output.
    @Test func staticFilesArePublishedAndWithdrawn() throws {
        let site = try TestSite(
            Self.twoArticles
                + "\n-- static/ads.txt --\nexample.com, pub-1, DIRECT\n-- static/.well-known/security.txt --\nContact: mailto:x@example.org\n"
        )
        defer { site.remove() }
        #expect(try site.build().status == 0)
        #expect(site.file("public/ads.txt") == site.file("static/ads.txt"))
        #expect(site.file("public/.well-known/security.txt") == site.file("static/.well-known/security.txt"))
        #expect(site.file("public/.well-known/security.txt")?.hasPrefix("Contact: mailto:x@example.org\n") == true)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("static/ads.txt"))
        #expect(try site.build().status == 0)
        #expect(!site.exists("public/ads.txt"))
        try site.write("static/index.html", "clash")
        let clash = try site.build()
        #expect(clash.status == 1)
        #expect(clash.stderr.contains("static/index.html:1:1: error: would replace /index.html"), "\(clash.stderr)")
    }

    /// A build killed before its commit leaves `public.gazette-new-<pid>`; the next one removes it.
    /// A folder of that name that Gazette did not make stays.
    @Test func leftoversOfKilledBuildsAreRemoved() throws {
        let site = try TestSite(
            Self.twoArticles + "\n-- public.gazette-new-999999/.gazette-output --\n-- public.gazette-new-999999/index.html --\nold\n"
                + "-- public.gazette-new-999998/mine.txt --\nnot Gazette's\n")
        defer { site.remove() }
        #expect(try site.build().status == 0)
        #expect(!site.exists("public.gazette-new-999999"))
        #expect(site.file("public.gazette-new-999998/mine.txt")?.hasPrefix("not Gazette's\n") == true)
        // A temporary file a killed build left inside the output goes too.
        try site.write("public/index.html.gazette-tmp-999999", "half")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/b.md"))
        #expect(try site.build().status == 0)
        #expect(!site.exists("public/index.html.gazette-tmp-999999"))
    }

    /// A page edited by hand to the same size, its time stamp set back, is still repaired.
    @Test func anOutputFileEditedWithItsStampRestoredIsRepaired() throws {
        let site = try TestSite(Self.twoArticles)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let page = site.root.appendingPathComponent("public/2022/03/12/alpha-story/index.html").path
        let good = try #require(site.file("public/2022/03/12/alpha-story/index.html"))
        var info = stat()
        #expect(lstat(page, &info) == 0)
        // Let the stamps settle, as they would have by the time someone edits a page.
        Thread.sleep(forTimeInterval: 2.2)
        #expect(try site.build().status == 0)
        let tampered = good.replacingOccurrences(of: "Alpha story", with: "Alpha STORY")
        try Data(tampered.utf8).write(to: URL(fileURLWithPath: page))
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, page, &times, 0) == 0)
        #expect(try site.build().status == 0)
        #expect(site.file("public/2022/03/12/alpha-story/index.html") == good)
    }

    // MARK: Publishing

    @Test(arguments: ["./content/pub", "./.gazette/pub", "./Templates/pub", "./static/pub"])
    func publishingInsideTheSitesOwnFoldersIsRefused(_ target: String) throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        try fixture.site.write("Templates/.keep", "")
        try fixture.site.write("static/.keep", "")
        let run = try fixture.publish([target])
        #expect(run.status == 1)
        #expect(run.stderr.contains("inside the site's"), "\(run.stderr)")
        #expect(!fixture.site.exists(String(target.dropFirst(2))))
    }

    /// Replacing the published folder is one step: a reader polling it never finds it missing,
    /// and nothing is left beside it. Copies that killed publishes left are removed.
    @Test func theFolderSwapIsAtomicAndLeavesNothingBehind() async throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        #expect(try fixture.publish(["./live"]).status == 0)
        try fixture.site.write(".live.gazette-new-999999/.gazette-published", "")
        try fixture.site.write(".live.gazette-old-999998/.gazette-published", "")
        try fixture.site.write(".live.gazette-old-999998/2022/03/12/alpha-story/index.html", "retracted")
        let index = fixture.site.root.appendingPathComponent("live/index.html").path
        let watching = Task.detached { () -> Int in
            var missing = 0
            let deadline = Date().addingTimeInterval(60)
            while !Task.isCancelled && Date() < deadline {
                var info = stat()
                if stat(index, &info) != 0 { missing += 1 }
            }
            return missing
        }
        for n in 0..<6 {
            try fixture.changeOneArticle("Version \(n) of the beta story.")
            let run = try fixture.publish(["./live"])
            #expect(run.status == 0, "\(run.stderr)")
        }
        watching.cancel()
        #expect(await watching.value == 0)
        let beside = try FileManager.default.contentsOfDirectory(atPath: fixture.site.root.path).filter { $0.contains("gazette-") }
        #expect(beside.isEmpty, "\(beside)")
    }

    // MARK: Addresses that move

    /// An imported article's address is its file's: editing the headline keeps it.
    @Test func anImportedArticleKeepsItsAddressWhenItsTitleIsEdited() throws {
        let site = try TestSite("-- site.yml --\ntitle: T\n-- inbox/feed.xml --\n" + Self.feed(title: "Port strike ends", year: "2022"))
        defer { site.remove() }
        let imported = try site.gazette(["import", "inbox/feed.xml"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let path = "content/2022/03/12/port-strike-ends.md"
        let text = try #require(site.file(path))
        #expect(text.contains("\nslug: \"port-strike-ends\"\n"))
        try site.write(path, text.replacingOccurrences(of: "title: \"Port strike ends\"", with: "title: \"Port strike ends after talks\""))
        #expect(try site.build().status == 0)
        #expect(site.file("public/2022/03/12/port-strike-ends/index.html")?.contains("Port strike ends after talks") == true)
    }

    /// A hand-written article whose address changes since the last build: a warning that says
    /// how to keep it.
    @Test func aChangedAddressIsWarnedAbout() throws {
        let site = try TestSite(Self.twoArticles)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        try site.write("content/a.md", article("Alpha story, updated", "2022-03-12T05:02:00Z", "Japan"))
        let run = try site.build()
        #expect(run.status == 0)
        #expect(
            run.stderr.contains(
                "content/a.md:1:1: warning: its address changed from /2022/03/12/alpha-story/ to /2022/03/12/alpha-story-updated/"),
            "\(run.stderr)")
        #expect(run.stderr.contains("slug: alpha-story"))
    }

    /// A folder without site.yml is not a site: nothing is built or created there, and the
    /// preview server refuses to start (a server that started would be stopped after 20 s, and
    /// the test would fail on its status).
    @Test(arguments: [["build"], ["import", "inbox/feed.xml"], ["fetch"], ["publish", "./out"], ["serve", "--port", "0"]])
    func aFolderWithoutSiteYmlIsRefused(_ command: [String]) throws {
        let site = try TestSite("-- inbox/feed.xml --\n" + Self.feed(title: "Port strike ends", year: "2022"))
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("site.yml"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content"))
        let run = try TestSite.run(TestSite.binary(), command, in: site.root, timeout: 20)
        #expect(run.status == 1)
        #expect(run.stderr.contains("site.yml:1:1: error: no site.yml"), "\(run.stderr)")
        #expect(run.stderr.contains("gazette init"))
        for made in ["content", "public", "out", ".gazette"] { #expect(!site.exists(made), "\(made)") }
    }

    // MARK: Hostile input

    /// "Billion laughs": anchors and aliases are refused before they expand, in front matter
    /// and in site.yml, with the place they are at.
    @Test func yamlAliasesAreRefusedBeforeTheyExpand() throws {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1..<9 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            bomb += "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let site = try TestSite(
            Self.twoArticles + "\n-- content/bomb.md --\n---\ntitle: Bomb\ndate: 2022-03-12\ncategory: X\n" + bomb + "---\nBody\n")
        defer { site.remove() }
        let run = try site.build(timeout: 60)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/bomb.md:5:4: error: YAML anchors (&a) are not allowed here"), "\(run.stderr)")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/bomb.md"))
        try site.write("site.yml", "title: T\n" + bomb)
        let config = try site.build(timeout: 60)
        #expect(config.status == 1)
        #expect(config.stderr.contains("site.yml:2:4: error: YAML anchors (&a) are not allowed here"), "\(config.stderr)")
        // A key made of an alias, and an alias alone.
        try site.write("site.yml", "title: T\n? *x\n: 1\n")
        #expect(try site.build(timeout: 60).stderr.contains("site.yml:2:3: error: YAML aliases (*x) are not allowed here"))
    }

    /// A pipe named like an article would block any reader; it is named and skipped, and the
    /// build finishes. So is a link to a file outside the site.
    @Test func pipesAndLinksOutOfTheSiteAreSkipped() throws {
        let site = try TestSite(Self.twoArticles)
        defer { site.remove() }
        #expect(mkfifo(site.root.appendingPathComponent("content/pipe.md").path, 0o644) == 0)
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-secret-\(UUID().uuidString).md")
        try Data(article("Secret", "2022-03-12T05:02:00Z", "Japan").utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("content/secret.md").path,
            withDestinationPath: secret.path)
        try site.write("elsewhere/inside.md", article("Inside story", "2022-03-12T05:02:00Z", "Japan"))
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("content/inside.md").path,
            withDestinationPath: "../elsewhere/inside.md")
        let run = try site.build(timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("content/pipe.md:1:1: warning: is not a regular file"), "\(run.stderr)")
        #expect(run.stderr.contains("content/secret.md:1:1: warning: is a link to"), "\(run.stderr)")
        #expect(!site.exists("public/2022/03/12/secret/index.html"))
        #expect(site.exists("public/2022/03/12/inside-story/index.html"))
    }

    /// The theme's folder is read by the same rules: a link in `Templates/assets/` to a file
    /// outside the site publishes nothing, a pipe named like a template is skipped, and a link to
    /// a file inside the site is followed.
    @Test func pipesAndLinksOutOfTheSiteAreSkippedInTemplates() throws {
        let site = try TestSite(Self.twoArticles)
        defer { site.remove() }
        try site.write("Templates/assets/site.css", "body { color: teal }\n")
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-secret-\(UUID().uuidString).txt")
        try Data("secret\n".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("Templates/assets/leak.txt").path, withDestinationPath: secret.path)
        try site.write("brand/logo.txt", "logo\n")
        try FileManager.default.createSymbolicLink(
            atPath: site.root.appendingPathComponent("Templates/assets/logo.txt").path, withDestinationPath: "../../brand/logo.txt")
        #expect(mkfifo(site.root.appendingPathComponent("Templates/home.mustache").path, 0o644) == 0)
        let run = try site.build(timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Templates/assets/leak.txt:1:1: warning: is a link to"), "\(run.stderr)")
        #expect(run.stderr.contains("Templates/home.mustache:1:1: warning: is not a regular file"), "\(run.stderr)")
        #expect(!site.exists("public/assets/leak.txt"))
        #expect(site.file("public/assets/logo.txt") == "logo\n")
        #expect(site.file("public/assets/site.css") == "body { color: teal }\n")
        // The default home template stands in for the pipe.
        #expect(site.exists("public/index.html"))
    }

    // MARK: Dates and values

    @Test func aTimeInTheSpringForwardGapIsAnError() throws {
        let site = try TestSite(
            "-- site.yml --\ntimezone: America/New_York\n-- content/gap.md --\n"
                + article("Gap", "2023-03-12T02:30:00", "US")
                + "-- content/twice.md --\n" + article("Twice", "2023-11-05T01:30:00", "US"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("02:30 does not exist in America/New_York on 2023-03-12: clocks went forward"), "\(run.stderr)")
        // The repeated hour is no error: the earlier instant, still in daylight time.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/gap.md"))
        #expect(try site.build().status == 0)
        #expect(site.file("public/2023/11/05/twice/index.html")?.contains("datetime=\"2023-11-05T01:30:00-04:00\"") == true)
    }

    @Test(arguments: [("9999-12-31T23:59:59Z", "Pacific/Kiritimati", "year 10000"), ("0000-06-01", "UTC", "year 0000")])
    func yearsOutsideFourDigitsAreErrors(date: String, zone: String, message: String) throws {
        let site = try TestSite("-- site.yml --\ntimezone: \(zone)\n-- content/x.md --\n" + article("X", date, "Y"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!site.exists("public/10000"))
    }

    /// Singapore's local mean time in 1900 was +06:55:25: `datetime` cannot say that, so it
    /// says the instant in UTC rather than drop the seconds.
    @Test func anOffsetWithSecondsIsWrittenInUTC() throws {
        let site = try TestSite(
            "-- site.yml --\ntimezone: Asia/Singapore\n-- content/x.md --\n" + article("Old", "1900-06-01T12:00:00", "History"))
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let page = try #require(site.file("public/1900/06/01/old/index.html"))
        #expect(page.contains("datetime=\"1900-06-01T05:04:35Z\""), "\(page)")
        #expect(!page.contains("+06:55\""))
    }

    /// A four-digit year in `pubDate` is that year, however small.
    @Test func aFourDigitPubDateYearIsNotATwoDigitOne() throws {
        let site = try TestSite("-- site.yml --\ntitle: T\n-- inbox/feed.xml --\n" + Self.feed(title: "Ancient", year: "0022"))
        defer { site.remove() }
        let run = try site.gazette(["import", "inbox/feed.xml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site.exists("content/0022/03/12/ancient.md"))
        #expect(!site.exists("content/2022"))
    }

    @Test func aCaptureTimeNoClockShowsIsRefused() throws {
        let capture = "Port strike ends\n12-Mar-2022 Intellasia | Mainichi |\n13:99 PM\n\nThe strike ended.\n\nCategory: Japan\n"
        let site = try TestSite("-- site.yml --\ntitle: T\n-- inbox/capture.txt --\n" + capture)
        defer { site.remove() }
        let run = try site.gazette(["import", "inbox/capture.txt"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("inbox/capture.txt:3:1: error: dateline: '13:99 PM' is not a time of day"), "\(run.stderr)")
        #expect(!site.exists("content/2022"))
    }

    @Test(arguments: ["\\x07", "\\e", "\\x1b[31m", "\\u0085"])
    func controlCharactersInTitlesAreRefused(_ escape: String) throws {
        let site = try TestSite("-- content/x.md --\n---\ntitle: \"Bell\(escape)\"\ndate: 2022-03-12\ncategory: X\n---\nBody\n")
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/x.md:2:8: error: title: holds the control character U+00"), "\(run.stderr)")
    }

    @Test(arguments: [
        "https://example.org/my digest/", "https://example.org/\"x\"/", "https://example.org/<b>/",
        "https://example.org/a/../b/", "ftp://example.org/", "https:///nohost/", "https://example.org/?q=1",
    ])
    func aBaseURLThatNeedsEscapingIsRefused(_ url: String) throws {
        let site = try TestSite("-- site.yml --\nbase_url: '\(url)'\n-- content/a.md --\n" + article("A", "2022-03-12", "X"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("site.yml:1:11: error: base_url: "), "\(run.stderr)")
        // The same rule for the command line's override.
        try site.write("site.yml", "title: T\n")
        let flag = try site.build(["--base-url", url])
        #expect(flag.status == 1)
        #expect(flag.stderr.contains("--base-url: "), "\(flag.stderr)")
        #expect(!site.exists("public/robots.txt"))
    }

    @Test func anEmptySlugIsAnError() throws {
        let site = try TestSite("-- content/x.md --\n" + article("A", "2022-03-12", "X", extra: "slug: \"\"\n"))
        defer { site.remove() }
        let run = try site.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/x.md:5:7: error: slug: must not be empty"), "\(run.stderr)")
    }

    static func feed(title: String, year: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><description>d</description>
        <item><title>\(title)</title><link>https://wire.example/\(UUID().uuidString)</link>
        <pubDate>Sat, 12 Mar \(year) 05:02:00 +0000</pubDate><description>The strike ended.</description><category>Japan</category></item>
        </channel></rss>
        """
    }
}
