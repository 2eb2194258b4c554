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
    /// Rendered fragments by partial, links root and current category: made beforehand for
    /// the pages to render (`fragments(for:context:library:)`) and shared by all renderers,
    /// with any other met added here.
    private var fragments: [FragmentKey: String]
    private var memo = PageContext.Memo()
    /// List items (an article listed on its category's, tags' and source's pages) rendered
    /// once for all the pages of a depth.
    private var items = PartialMemo()
    private var buffer: [UInt8] = []
    /// Those of `memoizedPartials` the theme has, by their place there.
    private let partials: [Int]

    static let memoizedPartials = [("site-nav", "site_nav"), ("site-footer", "site_footer")]

    struct FragmentKey: Hashable {
        /// The partial's place in `memoizedPartials`.
        var partial: Int
        var root: String
        var current: String?
    }

    init(
        context: PageContext, library: TemplateLibrary, body: @escaping @Sendable (Int) -> String, fragments: [FragmentKey: String] = [:]
    ) {
        self.context = context
        self.library = library
        self.body = body
        self.fragments = fragments
        self.partials = Self.memoizedPartials.indices.filter { library.template(named: Self.memoizedPartials[$0].0) != nil }
        buffer.reserveCapacity(1 << 16)
    }

    /// The fragments that `pages` show, each rendered once, to hand to every renderer.
    static func fragments(for pages: [Page], context: PageContext, library: TemplateLibrary) -> [FragmentKey: String] {
        var fragments: [FragmentKey: String] = [:]
        let partials = memoizedPartials.indices.filter { library.template(named: memoizedPartials[$0].0) != nil }
        guard !partials.isEmpty else { return [:] }
        for page in pages {
            let links = Links(from: page.route, config: context.config)
            let current = context.currentCategory(of: page)
            for p in partials {
                let key = FragmentKey(partial: p, root: links.root, current: current)
                if fragments[key] == nil {
                    fragments[key] = library.render(context.fragmentContext(links, current: current), template: memoizedPartials[p].0) ?? ""
                }
            }
        }
        return fragments
    }

    mutating func render(_ page: Page) -> OutputFile {
        var values = context.context(for: page, memo: &memo, body: body)
        let links = Links(from: page.route, config: context.config)
        let current = context.currentCategory(of: page)
        for p in partials {
            let key = FragmentKey(partial: p, root: links.root, current: current)
            let html: String
            if let known = fragments[key] {
                html = known
            } else {
                html = library.render(context.fragmentContext(links, current: current), template: Self.memoizedPartials[p].0) ?? ""
                fragments[key] = html
            }
            values[Self.memoizedPartials[p].1] = .string(html)
        }
        buffer.removeAll(keepingCapacity: true)
        library.render(.object(values), template: page.template, into: &buffer, memo: &items)
        return OutputFile(path: page.outputPath, bytes: buffer)
    }
}
