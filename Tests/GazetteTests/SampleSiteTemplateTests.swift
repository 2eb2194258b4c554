import Foundation
import GazetteTemplates
import Mustache
import Testing

@testable import Gazette

/// The default theme over the sample digest (the repository's own `content/` and `site.yml`),
/// every page rendered by Gazette's engine and by swift-mustache 2.1.1 from the same values:
/// the same bytes, and the same bytes as the build writes.
@Suite struct SampleSiteTemplateTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func everyPageRendersAsSwiftMustacheRendersIt() async throws {
        var options = Builder.Options(siteDirectory: Self.repository)
        options.now = Date(timeIntervalSince1970: 4_000_000_000)
        let config = try SiteInputs.config(options)
        let loader = ContentLoader(siteDirectory: Self.repository, config: config)
        var site = try await SiteInputs.load(config: config, paths: loader.articlePaths(), known: nil, stamps: nil, options: options)
        let articles = site.takeArticles()
        let index = SiteIndex(heads: articles.heads, texts: articles.texts, options: SiteIndex.Options(config))
        let pages = Page.all(index, config: config)
        #expect(pages.count > 20)
        let context = PageContext(index: index, config: config)
        let theme = try Theme.load(siteDirectory: Self.repository)
        var upstream = MustacheLibrary()
        for (name, text) in theme.sources { try upstream.register(text, named: name) }
        let built = Dictionary(uniqueKeysWithValues: try await Builder(options: options).render().files.map { ($0.path, $0.text) })

        func body(_ i: Int) -> String {
            if case .parsed(_, let html) = index.texts[i] { return html }
            return ""
        }
        var memo = PageContext.Memo()
        for page in pages {
            var values = context.context(for: page, memo: &memo, body: body)
            let links = Links(from: page.route, config: config)
            let fragments = context.fragmentContext(links, current: context.currentCategory(of: page))
            for (partial, key) in PageRenderer.memoizedPartials {
                let ours = theme.library.render(fragments, template: partial)
                let theirs = upstream.render(Self.anyValue(fragments), withTemplate: partial)
                #expect(ours == theirs, "\(partial) for \(page.outputPath)")
                values[key] = .string(ours ?? "")
            }
            let ours = theme.library.render(.object(values), template: page.template)
            let theirs = upstream.render(Self.anyValue(.object(values)), withTemplate: page.template)
            #expect(ours == theirs, "\(page.outputPath) differs from swift-mustache's rendering")
            #expect(ours == built[page.outputPath], "\(page.outputPath) differs from the build's")
        }
    }

    /// The value swift-mustache renders as Gazette renders `value`.
    static func anyValue(_ value: TemplateValue) -> Any {
        switch value {
        case .string(let string): return string
        case .bool(let flag): return flag
        case .int(let int): return int
        case .list(let elements): return elements.map(anyValue)
        case .object(let object): return object.mapValues(anyValue)
        case .view(let view): return ViewParent(view: view)
        case .null: return NSNull()
        }
    }

    /// A lazy view (an article) as swift-mustache sees one: its fields through `MustacheParent`.
    struct ViewParent: MustacheParent, CustomStringConvertible {
        let view: any TemplateObject
        func child(named name: String) -> Any? { view.value(forKey: name).map(SampleSiteTemplateTests.anyValue) }
        var description: String { "" }
    }
}
