import Mustache

/// Renders pages through the theme. Site-wide fragments (the `site-nav` and `site-footer`
/// partials) look the same on every page of the same depth and category, so each is rendered
/// once per distinct look and handed to the layout as HTML (`{{{site_nav}}}`,
/// `{{{site_footer}}}`): on a large site that halves the time spent in the layout.
struct PageRenderer: ~Copyable {
    let context: PageContext
    let library: MustacheLibrary
    /// Rendered fragments by partial name, page root and current category: made beforehand for
    /// every page to render (`fragments(for:context:library:)`) and shared by all renderers,
    /// with any other met added here. One renderer works on one chunk of pages, on one thread.
    private var fragments: [String: String]
    private var memo = PageContext.Memo()
    /// What swift-mustache learnt of the context's types, kept from page to page.
    private let kinds = MustacheTypeKinds()
    /// Each page is rendered here, then copied out at its size: the buffer grows to the largest
    /// page once, instead of every page growing its own by doubling.
    private var output = MustacheOutput(capacity: 1 << 16)

    static let memoizedPartials = [("site-nav", "site_nav"), ("site-footer", "site_footer")]

    init(context: PageContext, library: MustacheLibrary, fragments: [String: String] = [:]) {
        self.context = context
        self.library = library
        self.fragments = fragments
    }

    static func fragmentKey(_ partial: String, root: String, current: String) -> String {
        partial + "\u{0}" + root + "\u{0}" + current
    }

    /// The fragments that `pages` show, each rendered once, to hand to every renderer: made in
    /// each renderer instead, they were made again for every chunk of pages.
    static func fragments(for pages: [Page], context: PageContext, library: MustacheLibrary) -> [String: String] {
        var looks = Set<[String]>()
        for page in pages {
            looks.insert([context.root(of: page), context.currentCategory(of: page) ?? ""])
        }
        let kinds = MustacheTypeKinds()
        var fragments: [String: String] = [:]
        for look in looks {
            for (partial, _) in memoizedPartials where library.getTemplate(named: partial) != nil {
                fragments[fragmentKey(partial, root: look[0], current: look[1])] =
                    library.render(context.fragmentContext(root: look[0], current: look[1]), withTemplate: partial, kinds: kinds) ?? ""
            }
        }
        return fragments
    }

    mutating func render(_ page: Page) -> OutputFile {
        var values = context.context(for: page, memo: &memo)
        let root = context.root(of: page)
        let current = context.currentCategory(of: page) ?? ""
        for (partial, key) in Self.memoizedPartials where library.getTemplate(named: partial) != nil {
            let memoKey = Self.fragmentKey(partial, root: root, current: current)
            if let html = fragments[memoKey] {
                values[key] = html
            } else {
                let html = library.render(context.fragmentContext(root: root, current: current), withTemplate: partial, kinds: kinds) ?? ""
                fragments[memoKey] = html
                values[key] = html
            }
        }
        output.removeAll()
        _ = library.render(values, withTemplate: page.template, kinds: kinds, into: &output)
        return OutputFile(path: page.outputPath, bytes: output.bytes)
    }
}
