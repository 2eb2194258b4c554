/// The cache key of a page, a feed or the sitemap: a hash of everything its rendering reads, so
/// that equal keys mean equal bytes. What every page shows (the site's settings, the templates,
/// the list of categories and years) goes into all keys; each page adds the articles it shows.
/// A list shows every field of an article but its body, and so takes its `listingHash`: an edit
/// to an article's body re-renders its own page and the feeds, not every list it appears in.
struct CacheKeys {
    let index: SiteIndex
    let config: SiteConfig
    let global: UInt64

    init(index: SiteIndex, config: SiteConfig, theme: Theme) {
        self.index = index
        self.config = config
        var h = StableHasher()
        h.combine(GazetteInfo.version)
        h.combine(config.baseURL)
        h.combine(config.timeZoneName)
        h.combine(config.fileLinks ? 1 : 0)
        // Every key of site.yml as written: all of it reaches the templates.
        h.combine(String(describing: config.values))
        for source in theme.sources {
            h.combine(source.name)
            h.combine(source.text)
        }
        for category in index.categories {
            h.combine(category.name)
            h.combine(category.slug)
        }
        for year in index.years { h.combine(year.period.year) }
        global = h.value
    }

    private func start(_ route: Route) -> StableHasher {
        var h = StableHasher()
        h.combine(global)
        h.combine(route.outputPath)
        return h
    }

    private func add(_ articles: some Sequence<Int>, to h: inout StableHasher) {
        var count = 0
        for i in articles {
            h.combine(index.articles[i].listingHash)
            count += 1
        }
        h.combine(count)
    }

    func key(for page: Page) -> UInt64 {
        var h = start(page.route)
        switch page.kind {
        case .home(let n):
            let pagination = Pagination(totalItems: index.articles.count, perPage: config.perPage)
            h.combine(n)
            h.combine(pagination.pageCount)
            add(pagination.range(ofPage: n), to: &h)
        case .article(let i):
            let (older, newer) = index.neighbours(ofArticle: i)
            // The whole of the article; of its neighbours, their links.
            h.combine(index.articles[i].sourceHash)
            add([i, older, newer].compactMap { $0 }, to: &h)
            h.combine(older == nil ? 0 : 1)
            h.combine(newer == nil ? 0 : 1)
        case .category(let c, let n):
            let category = index.categories[c]
            let pagination = Pagination(totalItems: category.articles.count, perPage: config.perPage)
            h.combine(n)
            h.combine(pagination.pageCount)
            h.combine(category.articles.count)
            add(pagination.range(ofPage: n).map { category.articles[$0] }, to: &h)
        case .archive(let granularity, let i):
            let list = index.archives(granularity)
            add(list[i].articles, to: &h)
            h.combine(i > 0 ? list[i - 1].period.title : "")
            h.combine(i + 1 < list.count ? list[i + 1].period.title : "")
        case .notFound:
            break
        }
        return h.value
    }

    /// The sitemap lists every page's address with the newest date among the articles it shows:
    /// the pages, and the dates and categories of the articles in order, decide it.
    func key(forSitemap pages: [Page]) -> UInt64 {
        var h = start(.sitemap)
        for page in pages { h.combine(page.route.path) }
        h.combine(pages.count)
        add(index.articles.indices, to: &h)
        return h.value
    }

    /// A feed carries its articles whole, bodies included.
    func key(for feed: Feed) -> UInt64 {
        var h = start(feed.route)
        h.combine(feed.title)
        for i in feed.articles { h.combine(index.articles[i].sourceHash) }
        h.combine(feed.articles.count)
        return h.value
    }
}
