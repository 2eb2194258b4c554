import GazetteTemplates

/// Renders pages through the theme. One renderer works through a run of pages on one thread,
/// into one buffer that stops growing after the largest page.
///
/// The site-wide fragments (the `site-nav` and `site-footer` partials) look the same on every
/// page with the same links and category, so each is rendered once per distinct look and
/// handed to the layout as HTML (`{{{site_nav}}}`, `{{{site_footer}}}`).
struct PageRenderer: ~Copyable {
    let context: PageContext
    let library: TemplateLibrary
    /// The HTML of article `i`'s body, for its page.
    let body: @Sendable (Int) -> String
    /// Rendered fragments by partial name, links root and current category: made beforehand for
    /// the pages to render (`fragments(for:context:library:)`) and shared by all renderers,
    /// with any other met added here.
    private var fragments: [String: String]
    private var memo = PageContext.Memo()
    private var buffer: [UInt8] = []

    static let memoizedPartials = [("site-nav", "site_nav"), ("site-footer", "site_footer")]

    init(context: PageContext, library: TemplateLibrary, body: @escaping @Sendable (Int) -> String, fragments: [String: String] = [:]) {
        self.context = context
        self.library = library
        self.body = body
        self.fragments = fragments
        buffer.reserveCapacity(1 << 16)
    }

    static func fragmentKey(_ partial: String, root: String, current: String) -> String {
        partial + "\u{0}" + root + "\u{0}" + current
    }

    /// The fragments that `pages` show, each rendered once, to hand to every renderer.
    static func fragments(for pages: [Page], context: PageContext, library: TemplateLibrary) -> [String: String] {
        var fragments: [String: String] = [:]
        for page in pages {
            let links = Links(from: page.route, config: context.config)
            let current = context.currentCategory(of: page)
            for (partial, _) in memoizedPartials where library.template(named: partial) != nil {
                let key = fragmentKey(partial, root: links.root, current: current ?? "")
                if fragments[key] == nil {
                    fragments[key] = library.render(context.fragmentContext(links, current: current), template: partial) ?? ""
                }
            }
        }
        return fragments
    }

    mutating func render(_ page: Page) -> OutputFile {
        var values = context.context(for: page, memo: &memo, body: body)
        let links = Links(from: page.route, config: context.config)
        let current = context.currentCategory(of: page)
        for (partial, key) in Self.memoizedPartials where library.template(named: partial) != nil {
            let memoKey = Self.fragmentKey(partial, root: links.root, current: current ?? "")
            let html = fragments[memoKey] ?? library.render(context.fragmentContext(links, current: current), template: partial) ?? ""
            fragments[memoKey] = html
            values[key] = .string(html)
        }
        buffer.removeAll(keepingCapacity: true)
        library.render(.object(values), template: page.template, into: &buffer)
        return OutputFile(path: page.outputPath, bytes: buffer)
    }
}
