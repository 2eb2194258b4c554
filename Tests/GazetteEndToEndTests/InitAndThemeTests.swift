import Foundation
import Testing

/// `gazette init` and the theme: the built-in theme, overridden file by file from `Templates/`.
@Suite struct InitAndThemeTests {
    /// The repository's own theme, which the binary carries.
    static let themeFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates")

    @Test func initWritesAGitignoreAndNoTheme() throws {
        let site = try TestSite("")
        defer { site.remove() }
        let run = try site.gazette(["init", "newsite"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site.file("newsite/.gitignore")?.split(separator: "\n").contains("public/") == true)
        #expect(site.file("newsite/.gitignore")?.split(separator: "\n").contains(".gazette/") == true)
        #expect(!site.exists("newsite/Templates"))
        #expect(run.stdout.contains("created newsite/.gitignore"))

        // In a folder that has its own .gitignore (a repository's), that one is kept.
        try site.write("repo/.gitignore", "*.log\n")
        let inRepo = try site.gazette(["init", "repo"])
        #expect(inRepo.status == 0, "\(inRepo.stderr)")
        #expect(site.file("repo/.gitignore") == "*.log\n")
        #expect(inRepo.stdout.contains("kept repo/.gitignore: it was there already"))
        #expect(site.exists("repo/site.yml"))
    }

    @Test func aSiteOverridesOneTemplateAndKeepsTheRest() throws {
        let site = try TestSite("")
        defer { site.remove() }
        #expect(try site.gazette(["init", "newsite"]).status == 0)
        try site.write("newsite/Templates/site-footer.mustache", "<p class=\"own-footer\">Our own footer</p>\n")
        try site.write("newsite/Templates/assets/extra.css", "p { color: teal; }\n")
        let build = try TestSite.run(try TestSite.binary(), ["build", "--site", "newsite"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        let home = try #require(site.file("newsite/public/index.html"))
        #expect(home.contains("<p class=\"own-footer\">Our own footer</p>"))
        // Everything else is the built-in theme's.
        let builtInCSS = try String(contentsOf: Self.themeFolder.appendingPathComponent("assets/style.css"), encoding: .utf8)
        #expect(site.file("newsite/public/assets/style.css") == builtInCSS)
        #expect(site.file("newsite/public/assets/extra.css") == "p { color: teal; }\n")
        #expect(home.contains("class=\"site-footer\""))
    }

    @Test func themeCopyCopiesTheThemeAndSkipsFilesThatAreThere() throws {
        let site = try TestSite("")
        defer { site.remove() }
        #expect(try site.gazette(["init", "newsite"]).status == 0)
        let own = "<p>Our own footer</p>\n"
        try site.write("newsite/Templates/site-footer.mustache", own)
        let copy = try site.gazette(["theme", "copy", "--site", "newsite"])
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("copied newsite/Templates/layout.mustache\n"))
        #expect(copy.stdout.contains("skipped newsite/Templates/site-footer.mustache: already there"))
        #expect(site.file("newsite/Templates/site-footer.mustache") == own)
        let layout = try String(contentsOf: Self.themeFolder.appendingPathComponent("layout.mustache"), encoding: .utf8)
        #expect(site.file("newsite/Templates/layout.mustache") == layout)
        #expect(site.exists("newsite/Templates/assets/style.css"))
        // Again: everything is there, nothing is written.
        let before = site.snapshot("newsite/Templates")
        let again = try site.gazette(["theme", "copy", "--site", "newsite"])
        #expect(again.status == 0)
        #expect(!again.stdout.contains("copied "))
        #expect(again.stdout.contains("Copied 0 files of the theme into newsite/Templates/; skipped"))
        let after = site.snapshot("newsite/Templates")
        #expect(before.keys.sorted() == after.keys.sorted())
        for (path, (data, date)) in before { #expect(after[path]?.0 == data && after[path]?.1 == date, "\(path)") }
        let build = try TestSite.run(try TestSite.binary(), ["build", "--site", "newsite"], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(site.file("newsite/public/index.html")?.contains("Our own footer") == true)
        // Not a site: refused, nothing made.
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        let nowhere = try site.gazette(["theme", "copy", "--site", "elsewhere"])
        #expect(nowhere.status != 0 && nowhere.stderr.contains("elsewhere/site.yml:1:1: error: no site.yml"), "\(nowhere.stderr)")
        #expect(!site.exists("elsewhere/Templates"))
    }
}
