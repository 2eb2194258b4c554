/// One page of the site to render: where it goes and what it shows.
public struct Page: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case home(page: Int)
        case article(Int)
        /// A category, tag or source: its place in `index.sections(taxonomy)`, and the page.
        case section(SiteIndex.Taxonomy, Int, page: Int)
        /// Every tag, or every source, with its count.
        case sectionIndex(SiteIndex.Taxonomy)
        case archive(Period.Granularity, Int)
        /// Every year and month, with its count.
        case archiveIndex
        case notFound
    }

    public let route: Route
    public let kind: Kind
    /// `route.outputPath`, made once: the plan and the writer look it up for every page.
    public let outputPath: String

    public init(route: Route, kind: Kind) {
        self.route = route
        self.kind = kind
        self.outputPath = route.outputPath
    }

    public var template: String {
        switch kind {
        case .home: return "home"
        case .article: return "article"
        case .section(.category, _, _): return "category"
        case .section: return "section"
        case .sectionIndex: return "sections"
        case .archive, .archiveIndex: return "archive"
        case .notFound: return "404"
        }
    }

    /// Every page the site has, in a fixed order.
    static func all(_ index: SiteIndex, config: SiteConfig) -> [Page] {
        var pages: [Page] = []
        let home = index.homePagination
        for p in 1...home.pageCount { pages.append(Page(route: .home(page: p), kind: .home(page: p))) }
        for i in index.articles.indices {
            // From the two fields: passing the whole head would copy its strings.
            pages.append(Page(route: .article(date: index.articles[i].date, slug: index.articles[i].slug), kind: .article(i)))
        }
        for taxonomy in SiteIndex.Taxonomy.allCases {
            for (c, section) in index.sections(taxonomy).enumerated() {
                let pagination = Pagination(totalItems: section.articles.count, perPage: config.perPage)
                for p in 1...pagination.pageCount {
                    pages.append(Page(route: .section(taxonomy, section.slug, page: p), kind: .section(taxonomy, c, page: p)))
                }
            }
            if taxonomy != .category {
                pages.append(Page(route: .sectionIndex(taxonomy), kind: .sectionIndex(taxonomy)))
            }
        }
        for granularity in [Period.Granularity.year, .month, .day] {
            for (i, archive) in index.archives(granularity).enumerated() {
                pages.append(Page(route: .period(archive.period), kind: .archive(granularity, i)))
            }
        }
        pages.append(Page(route: .archiveIndex, kind: .archiveIndex))
        pages.append(Page(route: .notFound, kind: .notFound))
        return pages
    }
}
