import Mustache

/// Renders pages through the theme. Site-wide fragments (the `site-nav` and `site-footer`
/// partials) look the same on every page of the same depth and category, so each is rendered
/// once per distinct look and handed to the layout as HTML (`{{{site_nav}}}`,
/// `{{{site_footer}}}`): on a large site that halves the time spent in the layout.
struct PageRenderer {
    let context: PageContext
    let library: MustacheLibrary
    /// Rendered fragments by partial name, page root and current category. One renderer works
    /// on one chunk of pages, so the memos are never shared between threads.
    private var fragments: [String: String] = [:]
    private var memo = PageContext.Memo()
    /// What swift-mustache learnt of the context's types, kept from page to page. A renderer
    /// works on one chunk of pages on one thread.
    private let kinds = MustacheTypeKinds()

    static let memoizedPartials = [("site-nav", "site_nav"), ("site-footer", "site_footer")]

    init(context: PageContext, library: MustacheLibrary) {
        self.context = context
        self.library = library
    }

    mutating func render(_ page: Page) -> OutputFile {
        var values = context.context(for: page, memo: &memo)
        let root = context.root(of: page)
        let current = context.currentCategory(of: page) ?? ""
        for (partial, key) in Self.memoizedPartials where library.getTemplate(named: partial) != nil {
            let memoKey = partial + "\u{0}" + root + "\u{0}" + current
            if let html = fragments[memoKey] {
                values[key] = html
            } else {
                let html = library.render(context.fragmentContext(root: root, current: current), withTemplate: partial, kinds: kinds) ?? ""
                fragments[memoKey] = html
                values[key] = html
            }
        }
        let html = library.render(values, withTemplate: page.template, kinds: kinds) ?? ""
        return OutputFile(path: page.outputPath, text: html)
    }
}
