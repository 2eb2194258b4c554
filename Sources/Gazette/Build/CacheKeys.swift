/// The cache key of a page or a feed (`SitemapPlan` keys the sitemaps from `global`): a hash of everything its rendering reads, so
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
        h.combine(config.editionCutoff)
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
            // A list names the other versions of a story with it.
            for other in index.otherVersions(of: i) { h.combine(index.articles[other].listingHash) }
            count += 1
        }
        h.combine(count)
    }

    private func combine(_ period: Period, into h: inout StableHasher) {
        h.combine(period.granularity.rawValue)
        h.combine(period.year)
        h.combine(period.month)
        h.combine(period.day)
    }

    func key(for page: Page) -> UInt64 {
        var h = start(page.route)
        switch page.kind {
        case .home(let n):
            let pagination = index.homePagination
            h.combine(n)
            h.combine(pagination.pageCount)
            add(pagination.range(ofPage: n).map { index.homeItems[$0] }, to: &h)
            // The first page: its lead story (which its day then lists no more) and when the
            // site last changed, which any article's `updated:` can move.
            if n == 1 {
                if let lead = index.lead { add([lead], to: &h) }
                h.combine(index.lastUpdated.map { Int($0.seconds) } ?? -1)
                h.combine(index.lastUpdated.map { Int($0.offset) } ?? 0)
            }
        case .article(let i):
            let (older, newer) = index.neighbours(ofArticle: i)
            // The whole of the article; of its neighbours, their links.
            h.combine(index.articles[i].sourceHash)
            add([i, older, newer].compactMap { $0 }, to: &h)
            // Its related articles, by their links (their own versions come with them).
            add(index.related(to: i), to: &h)
            h.combine(older == nil ? 0 : 1)
            h.combine(newer == nil ? 0 : 1)
        case .section(let taxonomy, let s, let n):
            let section = index.sections(taxonomy)[s]
            let pagination = Pagination(totalItems: section.articles.count, perPage: config.perPage)
            h.combine(n)
            h.combine(pagination.pageCount)
            h.combine(section.articles.count)
            add(pagination.range(ofPage: n).map { section.articles[$0] }, to: &h)
        case .sectionIndex(let taxonomy):
            // Names, slugs and counts.
            for section in index.sections(taxonomy) {
                h.combine(section.name)
                h.combine(section.slug)
                h.combine(section.articles.count)
            }
        case .archive(let granularity, let i):
            let list = index.archives(granularity)
            if granularity == .day {
                add(list[i].articles, to: &h)
            } else {
                // Its months or days: each one's period, count and leading stories.
                let part: Period.Granularity = granularity == .year ? .month : .day
                for a in index.archives(part, within: list[i].period) {
                    let archive = index.archives(part)[a]
                    combine(archive.period, into: &h)
                    h.combine(archive.articles.count)
                    add(index.leading(archive.articles, limit: PageContext.leadingPerPeriod), to: &h)
                }
                h.combine(list[i].articles.count)
            }
            if i > 0 { combine(list[i - 1].period, into: &h) }
            h.combine(i > 0 ? 1 : 0)
            if i + 1 < list.count { combine(list[i + 1].period, into: &h) }
            h.combine(i + 1 < list.count ? 1 : 0)
        case .archiveIndex:
            for granularity in [Period.Granularity.year, .month] {
                for archive in index.archives(granularity) {
                    combine(archive.period, into: &h)
                    h.combine(archive.articles.count)
                }
            }
        case .notFound:
            add(index.homeItems.prefix(PageContext.notFoundHeadlines), to: &h)
        }
        return h.value
    }

    /// A full feed carries its articles whole, bodies included; the others what a list shows
    /// of them (an editions feed, of every article of its days, and the days).
    func key(for feed: Feed) -> UInt64 {
        var h = start(feed.route)
        h.combine(feed.title)
        switch feed.content {
        case .articles(let list, let full):
            h.combine(full ? 1 : 0)
            for i in list { h.combine(full ? index.articles[i].sourceHash : index.articles[i].listingHash) }
            h.combine(list.count)
        case .editions(let days):
            for d in days {
                combine(index.days[d].period, into: &h)
                add(index.days[d].articles, to: &h)
            }
            h.combine(days.count)
        }
        return h.value
    }
}
