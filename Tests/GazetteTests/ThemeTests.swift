import Foundation
import Testing

@testable import Gazette

@Suite struct ThemeTests {
    /// The binary carries Templates/; the copy must match the folder byte for byte.
    @Test func embeddedThemeMatchesTemplatesFolder() throws {
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates")
        let onDisk = Theme.files(under: templates.path)
        #expect(onDisk == DefaultTheme.files.map(\.path).sorted(), "run `make theme`")
        for file in DefaultTheme.files {
            let data = try Data(contentsOf: templates.appendingPathComponent(file.path))
            #expect(data.base64EncodedString() == file.base64, "\(file.path) differs: run `make theme`")
        }
    }

    @Test func defaultThemeHasEveryPageTemplate() throws {
        let theme = try Theme.defaultTheme()
        for name in Theme.pageTemplates { #expect(theme.library.template(named: name) != nil) }
        #expect(theme.assets.contains { $0.path == "assets/style.css" })
    }

    func site(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-theme-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func syntaxErrorsPointAtTheTemplateLine() throws {
        let root = try site(["Templates/article.mustache": "<h1>{{title}}</h1>\n{{#article}}\n<p>{{name}</p>\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect {
            try Theme.load(siteDirectory: root)
        } throws: { error in
            let d = (error as? BuildFailure)?.diagnostics.first
            return d?.path == "Templates/article.mustache" && d?.line == 3 && d?.message.hasPrefix("template syntax") == true
        }
    }

    @Test func aMissingPartialIsAnError() throws {
        let root = try site(["Templates/home.mustache": "{{<layout}}{{$content}}\n\n  {{> nowhere }}\n{{/content}}{{/layout}}"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect {
            try Theme.load(siteDirectory: root)
        } throws: { error in
            let d = (error as? BuildFailure)?.diagnostics.first
            return d?.path == "Templates/home.mustache" && d?.line == 3 && d?.column == 3
                && d?.message.contains("'nowhere'") == true
        }
    }

    @Test func aSiteTemplateReplacesTheDefault() throws {
        let root = try site(["Templates/404.mustache": "custom 404", "Templates/assets/extra.js": "//"])
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = try Theme.load(siteDirectory: root)
        #expect(theme.library.render([:], template: "404") == "custom 404")
        #expect(theme.assets.contains { $0.path == "assets/extra.js" })
        #expect(theme.assets.contains { $0.path == "assets/style.css" })
    }
}

@Suite struct SiteConfigTests {
    @Test func defaultsAndOverrides() throws {
        let empty = try SiteConfig.parse("")
        #expect(empty.perPage == 20 && empty.feedItems == 50 && empty.timeZone.secondsFromGMT() == 0 && empty.timeZoneName == "UTC")
        let c = try SiteConfig.parse("base_url: https://example.org/digest\nper_page: 5\ntimezone: Asia/Tokyo\nextra: x\n")
        #expect(c.baseURL == "https://example.org/digest/" && c.basePath == "/digest/")
        #expect(c.perPage == 5 && c.timeZoneName == "Asia/Tokyo")
        #expect(c.values["extra"] == .string("x"))
    }

    @Test func badValuesAreReportedWithTheirLine() {
        #expect {
            try SiteConfig.parse("title: T\nper_page: -3\ntimezone: Mars/Olympus\nbase_url: ftp:/x\n")
        } throws: { error in
            let d = (error as? BuildFailure)?.diagnostics ?? []
            return d.map(\.line) == [2, 3, 4] && d.allSatisfy { $0.path == "site.yml" }
        }
    }
}
