/// Builds the data each template sees. Every key is documented in the README's template section.
public struct PageContext: Sendable {
    /// The site, shared by reference: every article a template sees carries this context, and
    /// Mustache copies context values on each look-up, so it must be one reference to copy, not
    /// a dozen arrays and strings.
    final class Site: Sendable {
        let index: SiteIndex
        let config: SiteConfig

        init(index: SiteIndex, config: SiteConfig) {
            self.index = index
            self.config = config
        }
    }

    let shared: Site
    public var index: SiteIndex {
        _read { yield shared.index }
    }
    public var config: SiteConfig {
        _read { yield shared.config }
    }
    /// Generator string for `<meta name="generator">`.
    public var generator: String

    public init(index: SiteIndex, config: SiteConfig, generator: String = "Gazette") {
        self.shared = Site(index: index, config: config)
        self.generator = generator
    }

    /// The relative prefix from a page back to the site root; the 404 page, served at any depth,
    /// uses the base path instead.
    func root(of page: Page) -> String {
        if case .notFound = page.kind { return config.basePath }
        return Route.root(from: page.route)
    }

    /// Values that are the same on many pages, computed once per renderer.
    struct Memo {
        var site: [String: Any]?
        var categoryLists: [String: [[String: Any]]] = [:]
        var yearLists: [String: [[String: Any]]] = [:]
    }

    public func context(for page: Page) -> [String: Any] {
        var memo = Memo()
        return context(for: page, memo: &memo)
    }

    func context(for page: Page, memo: inout Memo) -> [String: Any] {
        let root = root(of: page)
        let current = currentCategory(of: page)
        let siteValues = memo.site ?? site
        memo.site = siteValues
        let categoriesKey = root + "\u{0}" + (current ?? "")
        let categories = memo.categoryLists[categoriesKey] ?? categoryList(root: root, current: current)
        memo.categoryLists[categoriesKey] = categories
        let years = memo.yearLists[root] ?? yearList(root: root)
        memo.yearLists[root] = years
        var context: [String: Any] = [
            "site": siteValues,
            "root": root,
            "generator": generator,
            "stylesheet": root + "assets/style.css",
            "home_url": root + "index.html",
            "categories": categories,
            "years": years,
        ]
        var feeds: [[String: Any]] = [["title": config.title, "url": root + Route.siteFeed]]
        var pageInfo: [String: Any] = [:]
        switch page.kind {
        case .home(let number):
            let pagination = Pagination(totalItems: index.articles.count, perPage: config.perPage)
            let items = Array(pagination.range(ofPage: number))
            pageInfo["title"] = number == 1 ? config.title : "\(config.title), page \(number)"
            pageInfo["kind"] = "home"
            context["is_home"] = true
            context["days"] = groupedByDay(items, root: root)
            context["articles"] = items.map { item(for: $0, root: root) }
            context["pagination"] = paginationContext(pagination, page: number, root: root) { Route.home(page: $0) }
        case .article(let i):
            // Fields read in place, without copying the article.
            let articles = index.articles
            pageInfo["title"] = articles[i].title
            pageInfo["kind"] = "article"
            context["article"] = ArticleView(context: self, index: i, root: root, isPage: true)
            if let original = articles[i].originalURL { pageInfo["canonical"] = original }
            pageInfo["description"] = articles[i].summaryText
            feeds.append(["title": "\(config.title): \(articles[i].category)", "url": root + Route.categoryFeed(articles[i].categorySlug)])
        case .category(let c, let number):
            let category = index.categories[c]
            let pagination = Pagination(totalItems: category.articles.count, perPage: config.perPage)
            let items = pagination.range(ofPage: number).map { category.articles[$0] }
            pageInfo["title"] = number == 1 ? category.name : "\(category.name), page \(number)"
            pageInfo["kind"] = "category"
            context["category"] = ["name": category.name, "slug": category.slug, "count": category.articles.count,
                                   "count_label": Self.countLabel(category.articles.count),
                                   "url": root + Route.category(category.slug) + "index.html",
                                   "feed_url": root + Route.categoryFeed(category.slug)] as [String: Any]
            context["articles"] = items.map { item(for: $0, root: root) }
            context["pagination"] = paginationContext(pagination, page: number, root: root) { Route.category(category.slug, page: $0) }
            feeds.append(["title": "\(config.title): \(category.name)", "url": root + Route.categoryFeed(category.slug)])
        case .archive(let granularity, let i):
            let list = index.archives(granularity)
            let archive = list[i]
            pageInfo["title"] = archive.period.title
            pageInfo["kind"] = ["year", "month", "day"][granularity.rawValue]
            context["archive"] = [
                "title": archive.period.title, "count": archive.articles.count,
                "count_label": Self.countLabel(archive.articles.count),
                "is_year": granularity == .year, "is_month": granularity == .month, "is_day": granularity == .day,
            ] as [String: Any]
            context["articles"] = archive.articles.map { item(for: $0, root: root) }
            context["days"] = groupedByDay(archive.articles, root: root)
            // Older and newer neighbours that have articles.
            if i > 0 {
                context["previous"] = ["title": list[i - 1].period.title, "url": root + Route.period(list[i - 1].period) + "index.html"]
            }
            if i + 1 < list.count {
                context["next"] = ["title": list[i + 1].period.title, "url": root + Route.period(list[i + 1].period) + "index.html"]
            }
            if granularity != .year {
                let c = archive.period
                context["up"] = granularity == .day
                    ? ["title": Period(.month, year: c.year, month: c.month).title,
                       "url": root + Route.period(Period(.month, year: c.year, month: c.month)) + "index.html"]
                    : ["title": String(c.year), "url": root + Route.period(Period(.year, year: c.year)) + "index.html"]
            }
        case .notFound:
            pageInfo["title"] = "Page not found"
            pageInfo["kind"] = "404"
        }
        pageInfo["url"] = root + (page.route.isEmpty ? "index.html" : page.route + "index.html")
        pageInfo["permalink"] = config.absoluteURL(page.route)
        if pageInfo["description"] == nil { pageInfo["description"] = config.description }
        // Empty text is truthy in Mustache; leave it out so that `{{#page.description}}` tests it.
        if (pageInfo["description"] as? String)?.isEmpty == true { pageInfo["description"] = nil }
        context["page"] = pageInfo
        context["feeds"] = feeds
        return context
    }

    var site: [String: Any] {
        var s: [String: Any] = [:]
        if case .map(let pairs) = config.values {
            for (k, v) in pairs { s[k] = v.templateValue }
        }
        s["title"] = config.title
        s["description"] = config.description.isEmpty ? nil : config.description
        s["base_url"] = config.baseURL
        s["language"] = config.language
        s["timezone"] = config.timeZoneName
        s["feed_url"] = config.absoluteURL(Route.siteFeed)
        return s
    }

    /// The slug of the category a page belongs to, for the navigation's `current`.
    func currentCategory(of page: Page) -> String? {
        switch page.kind {
        case .category(let c, _): return index.categories[c].slug
        case .article(let i): return index.articles[i].categorySlug
        default: return nil
        }
    }

    /// What the site-wide fragments (`site-nav`, `site-footer`) see: only what is the same on
    /// every page of one depth and category, so that they can be rendered once for all of them.
    func fragmentContext(root: String, current: String) -> [String: Any] {
        [
            "site": site,
            "root": root,
            "home_url": root + "index.html",
            "categories": categoryList(root: root, current: current),
            "years": yearList(root: root),
        ]
    }

    func categoryList(root: String, current: String?) -> [[String: Any]] {
        index.categories.map { category in
            [
                "name": category.name, "slug": category.slug,
                "url": root + Route.category(category.slug) + "index.html",
                "current": category.slug == current,
            ] as [String: Any]
        }
    }

    func yearList(root: String) -> [[String: Any]] {
        index.years.reversed().map { archive in
            ["title": archive.period.title, "url": root + Route.period(archive.period) + "index.html"] as [String: Any]
        }
    }

    func link(to i: Int, root: String) -> [String: Any] {
        let articles = index.articles
        return ["title": articles[i].title,
                "url": Article.routePath(date: articles[i].date, slug: articles[i].slug, prefix: root, suffix: "index.html")]
    }

    /// What templates know of one article (lists and the article page alike).
    func item(for i: Int, root: String) -> ArticleView {
        ArticleView(context: self, index: i, root: root, isPage: false)
    }

    /// Articles grouped by day, then by category, in the given (newest-first) order.
    func groupedByDay(_ items: [Int], root: String) -> [[String: Any]] {
        // Groups by the category's place in `index.categories`, which is sorted by lowercased
        // name, then slug: the order the groups are listed in, without comparing names.
        var days: [(Period, [(category: Int, members: [Int])])] = []
        let articles = index.articles
        for i in items {
            // Fields read in place: a copy of the article would retain each of its strings.
            let c = articles[i].date.civil
            guard let category = index.categoryBySlug[articles[i].categorySlug] else { continue }
            let day = Period(.day, year: c.year, month: c.month, day: c.day)
            if days.last?.0 != day { days.append((day, [])) }
            if let g = days[days.count - 1].1.firstIndex(where: { $0.category == category }) {
                days[days.count - 1].1[g].members.append(i)
            } else {
                days[days.count - 1].1.append((category, [i]))
            }
        }
        return days.map { day, groups in
            [
                "title": day.title,
                "date": "\(pad(day.year, 4))-\(pad(day.month))-\(pad(day.day))",
                "url": root + Route.period(day) + "index.html",
                "categories": groups.sorted { $0.category < $1.category }.map { c, members in
                    let category = index.categories[c]
                    return ["name": category.name, "url": root + Route.category(category.slug) + "index.html",
                            "articles": members.map { item(for: $0, root: root) }] as [String: Any]
                },
            ] as [String: Any]
        }
    }

    func paginationContext(_ pagination: Pagination, page: Int, root: String, route: (Int) -> String) -> Any {
        guard pagination.pageCount > 1 else { return false }
        var p: [String: Any] = ["page": page, "total": pagination.pageCount]
        if page > 1 { p["previous_url"] = root + route(page - 1) + "index.html" }
        if page < pagination.pageCount { p["next_url"] = root + route(page + 1) + "index.html" }
        // A window around the current page plus both ends, so that a long archive does not put
        // thousands of links on each of its pages.
        let shown = (1...pagination.pageCount).filter { $0 == 1 || $0 == pagination.pageCount || abs($0 - page) <= 2 }
        p["pages"] = shown.enumerated().map { position, n in
            ["number": n, "url": root + route(n) + "index.html", "current": n == page,
             "gap_before": position > 0 && shown[position - 1] != n - 1] as [String: Any]
        }
        return p
    }

    /// `1 article`, `12 articles`.
    static func countLabel(_ count: Int) -> String {
        count == 1 ? "1 article" : "\(count) articles"
    }
}
