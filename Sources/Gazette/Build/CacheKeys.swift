/// The cache key of a page or a feed: a hash of everything its rendering reads, so that equal
/// keys mean equal bytes. What every page shows (the site's settings, the templates, the list of
/// categories and years) goes into all keys; each page adds the articles it shows. A listing
/// shows every field of an article but its body, and so takes its `listingHash`: an edit to an
/// article's text re-renders its own page and the feeds, not every list it appears in.
struct CacheKeys {
    let index: SiteIndex
    let config: SiteConfig
    let global: UInt64

    init(index: SiteIndex, config: SiteConfig, theme: Theme, baseURLOverride: String?) {
        self.index = index
        self.config = config
        var h = StableHasher()
        h.combine(GazetteInfo.version)
        h.combine(config.baseURL)
        h.combine(config.timeZoneName)
        h.combine(baseURLOverride ?? "")
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

    private func start(_ tag: String) -> StableHasher {
        var h = StableHasher()
        h.combine(global)
        h.combine(tag)
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
        var h = start(page.outputPath)
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
            add([i, older ?? -1, newer ?? -1].filter { $0 >= 0 }, to: &h)
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
        var h = start(Builder.sitemapPath)
        for page in pages { h.combine(page.route) }
        h.combine(pages.count)
        add(index.articles.indices, to: &h)
        return h.value
    }

    func key(forFeed feed: Builder.Feed) -> UInt64 {
        var h = start(feed.path)
        h.combine(feed.feed.title)
        for article in feed.feed.articles { h.combine(article.sourceHash) }
        h.combine(feed.feed.articles.count)
        return h.value
    }
}
