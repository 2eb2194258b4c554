/// One page of the site to render: where it goes and what it shows.
public struct Page: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case home(page: Int)
        case article(Int)
        case category(Int, page: Int)
        case archive(Period.Granularity, Int)
        case notFound
    }

    /// Site-relative folder of the page (`2022/03/12/slug/`); the file is `route + "index.html"`,
    /// except for the 404 page.
    public let route: String
    public let kind: Kind
    /// Output-relative path of the file. Made once: a rebuild looks it up for every page, twice.
    public let outputPath: String

    public init(route: String, kind: Kind) {
        self.route = route
        self.kind = kind
        if case .notFound = kind { outputPath = "404.html" } else { outputPath = FileSystem.concatenate(route, "index.html") }
    }

    public var template: String {
        switch kind {
        case .home: return "home"
        case .article: return "article"
        case .category: return "category"
        case .archive: return "archive"
        case .notFound: return "404"
        }
    }
}

/// The plan: every page the site has, in a fixed order.
public enum PagePlanner {
    public static func plan(_ index: SiteIndex, config: SiteConfig) -> [Page] {
        var pages: [Page] = []
        let home = Pagination(totalItems: index.articles.count, perPage: config.perPage)
        for p in 1...home.pageCount { pages.append(Page(route: Route.home(page: p), kind: .home(page: p))) }
        for i in index.articles.indices {
            // From the two fields: `Route.article` of an article in the array copied it first.
            pages.append(Page(route: Article.routePath(date: index.articles[i].date, slug: index.articles[i].slug), kind: .article(i)))
        }
        for (c, category) in index.categories.enumerated() {
            let pagination = Pagination(totalItems: category.articles.count, perPage: config.perPage)
            for p in 1...pagination.pageCount {
                pages.append(Page(route: Route.category(category.slug, page: p), kind: .category(c, page: p)))
            }
        }
        for granularity in [Period.Granularity.year, .month, .day] {
            for (i, archive) in index.archives(granularity).enumerated() {
                pages.append(Page(route: Route.period(archive.period), kind: .archive(granularity, i)))
            }
        }
        // The 404 page is served from any depth, so its links are absolute from the base path.
        pages.append(Page(route: "", kind: .notFound))
        return pages
    }
}
