import GazetteTemplates
import Testing

/// The theme (`Fixtures/theme`, where `layout` is the parent the pages inherit from) over
/// realistic contexts: GazetteTemplates and swift-mustache 2.1.1 must write the same bytes.
@Suite struct ThemeDifferentialTests {
    let theme: [String: String]
    let library: TemplateLibrary

    init() throws {
        theme = try Fixtures.theme()
        library = try TemplateLibrary(templates: theme)
    }

    /// Renders a fragment (`site-nav`, `site-footer`) with both engines, records any
    /// difference, and gives it as the HTML the pages embed.
    func fragment(_ context: TemplateValue, _ name: String) -> String {
        let ours = library.render(context, template: name) ?? "<missing \(name)>"
        let theirs = Upstream.render(theme, main: name, context)
        #expect(theirs == .success(ours), "fragment \(name)")
        return ours
    }

    @Test func themeHasNoMissingPartials() {
        #expect(library.missingPartials() == [])
        #expect(library.names.contains("layout"))
    }

    @Test func pagesRenderAsSwiftMustacheDoes() throws {
        let pages = ThemeContexts.pages(navigation: fragment)
        #expect(pages.count == 10)
        for (name, template, context) in pages {
            let ours = try #require(library.render(context, template: template), "\(name)")
            let theirs = Upstream.render(theme, main: template, context)
            guard case .success(let expected) = theirs else {
                Issue.record("\(name): swift-mustache failed: \(theirs)")
                continue
            }
            if ours != expected {
                Issue.record(
                    Comment(
                        rawValue:
                            "\(name) differs at \(firstDifference(ours, expected))\n--- GazetteTemplates:\n\(ours)\n--- swift-mustache:\n\(expected)"
                    ))
            }
            // The page went through the layout and its content block.
            #expect(ours.hasPrefix("<!DOCTYPE html>"), "\(name)")
            #expect(ours.contains("<main id=\"main\" class=\"wrap\">"), "\(name)")
            #expect(ours.contains("The Daily &lt;Gazette&gt; &amp; Co"), "\(name)")
        }
    }

    @Test func homePageShowsArticlesEscaped() throws {
        let pages = ThemeContexts.pages(navigation: fragment)
        let home = try #require(library.render(pages[0].2, template: "home"))
        #expect(home.contains("Ministers agree on &quot;clean air&quot; plan"))
        #expect(home.contains("日本の市場が上昇"))
        #expect(home.contains("<li><a href=\"category/science-tech/index.html\">Science &amp; Tech</a></li>"))
        #expect(home.contains(" · <a href=\"source/reuters/index.html\">Reuters</a> via Reuters &amp; Co"))
        // An empty summary is a string, so its section renders (as in swift-mustache).
        #expect(home.contains("<p class=\"summary\"></p>"))
        #expect(!home.contains("No articles yet."))
        let empty = try #require(library.render(pages[1].2, template: "home"))
        #expect(empty.contains("<p>No articles yet.</p>"))
    }

    @Test func articlePageUsesRawContentAndTransforms() throws {
        let pages = ThemeContexts.pages(navigation: fragment)
        let article = try #require(library.render(pages[2].2, template: "article"))
        #expect(article.contains("<p>Body with <em>markup</em>.</p>"))
        #expect(article.contains("<ul class=\"tags\" aria-label=\"Tags\">"))
        #expect(article.contains("rel=\"tag\">policy &amp; law</a></li>"))
        let untagged = try #require(library.render(pages[3].2, template: "article"))
        #expect(!untagged.contains("class=\"tags\""))
    }

    private func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a.utf8), y = Array(b.utf8)
        var i = 0
        while i < min(x.count, y.count), x[i] == y[i] { i += 1 }
        let line = x[..<min(i, x.count)].filter { $0 == 10 }.count + 1
        return "byte \(i), line \(line)"
    }
}
