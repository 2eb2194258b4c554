import GazetteTemplates

/// Builds the values each template sees. Every key is documented in the README's template
/// section.
public struct PageContext: Sendable {
    /// The site, shared by reference: every article view of every page carries this context.
    final class Site: Sendable {
        let index: SiteIndex
        let config: SiteConfig

        init(index: SiteIndex, config: SiteConfig) {
            self.index = index
            self.config = config
        }
    }

    let shared: Site
    // Lent, not returned: a getter would copy the whole index (retaining each of its arrays)
    // at every `context.index.…`, and list items ask several times each.
    public var index: SiteIndex {
        _read { yield shared.index }
    }
    public var config: SiteConfig {
        _read { yield shared.config }
    }
    /// For `<meta name="generator">`.
    public var generator = "Gazette"

    public init(index: SiteIndex, config: SiteConfig) {
        self.shared = Site(index: index, config: config)
    }

    /// Values that are the same on many pages, made once per renderer.
    struct Memo {
        var site: TemplateValue?
        var categoryLists: [String: TemplateValue] = [:]
        var yearLists: [String: TemplateValue] = [:]
    }

    public func context(for page: Page) -> [String: TemplateValue] {
        var memo = Memo()
        return context(for: page, memo: &memo, body: { _ in "" })
    }

    /// `body(i)`: the HTML of article `i`'s body, for the article page.
    func context(for page: Page, memo: inout Memo, body: (Int) -> String) -> [String: TemplateValue] {
        let links = Links(from: page.route, config: config)
        let current = currentCategory(of: page)
        let site = memo.site ?? siteValues
        memo.site = site
        let categoriesKey = links.root + "\u{0}" + (current ?? "")
        let categories = memo.categoryLists[categoriesKey] ?? categoryList(links, current: current)
        memo.categoryLists[categoriesKey] = categories
        let years = memo.yearLists[links.root] ?? yearList(links)
        memo.yearLists[links.root] = years
        var context: [String: TemplateValue] = [
            "site": site,
            "root": .string(links.root),
            "generator": .string(generator),
            "stylesheet": .string(links.href(.file("assets/style.css"))),
            "home_url": .string(links.href(.home(page: 1))),
            "categories": categories,
            "years": years,
            "tags_url": .string(links.href(.sectionIndex(.tag))),
            "sources_url": .string(links.href(.sectionIndex(.source))),
        ]
        // Its own feeds first (a section's), then the site's.
        var feeds = Feed.alternates(.site, title: config.title, links)
        var info: [String: TemplateValue] = [:]
        var meta: [PageMetadata.MetaTag]?
        var canonical: String?
        switch page.kind {
        case .home(let number):
            let pagination = Pagination(totalItems: index.homeItems.count, perPage: config.perPage)
            let items = pagination.range(ofPage: number).map { index.homeItems[$0] }
            info["title"] = .string(number == 1 ? config.title : "\(config.title), page \(number)")
            info["kind"] = "home"
            context["is_home"] = true
            context["days"] = groupedByDay(items, links)
            context["articles"] = .list(items.map { item($0, links) })
            context["pagination"] = paginationContext(pagination, page: number, links) { .home(page: $0) }
            if number == 1 { info["json_ld"] = .string(PageMetadata.webSite(config: config)) }
        case .article(let i):
            let article = index.article(i)
            let permalink = config.absoluteURL(page.route)
            info["title"] = .string(article.title)
            info["kind"] = "article"
            // The permalink, unless the article (or the site, for every article) asks for the
            // original's address, as Google asks of syndicated copies.
            if let original = article.originalURL, (article.canonical ?? (config.canonicalOriginal ? "original" : "")) == "original" {
                canonical = original
            }
            info["description"] = .string(article.summaryText)
            meta = PageMetadata.article(article, canonical: canonical ?? permalink, config: config)
            info["json_ld"] = .string(PageMetadata.newsArticle(article, permalink: permalink, config: config))
            context["article"] = .view(ArticleView(article: article, index: i, context: self, links: links, body: body(i)))
            feeds = Feed.alternates(.section(.category, article.categorySlug), title: "\(config.title): \(article.category)", links) + feeds
        case .section(let taxonomy, let c, let number):
            let section = index.sections(taxonomy)[c]
            let pagination = Pagination(totalItems: section.articles.count, perPage: config.perPage)
            let items = pagination.range(ofPage: number).map { section.articles[$0] }
            info["title"] = .string(number == 1 ? section.name : "\(section.name), page \(number)")
            info["kind"] = .string(taxonomy.folder)
            let own = Feed.alternates(.section(taxonomy, section.slug), title: "\(config.title): \(section.name)", links)
            let values: TemplateValue = [
                "name": .string(section.name), "slug": .string(section.slug), "count": .int(section.articles.count),
                "count_label": .string(Self.countLabel(section.articles.count)),
                "kind": .string(taxonomy.folder), "kind_label": .string(Self.taxonomyLabels[taxonomy.rawValue].one),
                "index_url": taxonomy == .category ? false : .string(links.href(.sectionIndex(taxonomy))),
                "index_label": .string(Self.taxonomyLabels[taxonomy.rawValue].all),
                "url": .string(links.href(.section(taxonomy, section.slug))),
                "feed_url": .string(own[0].url),
                "feeds": Self.feedList(own),
            ]
            context["section"] = values
            if taxonomy == .category { context["category"] = values }
            context["articles"] = .list(items.map { item($0, links) })
            context["pagination"] = paginationContext(pagination, page: number, links) { .section(taxonomy, section.slug, page: $0) }
            feeds = own + feeds
        case .sectionIndex(let taxonomy):
            let labels = Self.taxonomyLabels[taxonomy.rawValue]
            info["title"] = .string(labels.all)
            info["kind"] = .string(taxonomy.indexFolder)
            context["index"] = [
                "title": .string(labels.all), "kind": .string(taxonomy.folder), "count": .int(index.sections(taxonomy).count),
            ]
            context["sections"] = .list(
                index.sections(taxonomy).map { section in
                    [
                        "name": .string(section.name), "slug": .string(section.slug),
                        "url": .string(links.href(.section(taxonomy, section.slug))),
                        "count": .int(section.articles.count), "count_label": .string(Self.countLabel(section.articles.count)),
                    ]
                })
        case .archive(let granularity, let i):
            let list = index.archives(granularity)
            let archive = list[i]
            info["title"] = .string(archive.period.title)
            info["kind"] = .string(["year", "month", "day"][granularity.rawValue])
            context["archive"] = [
                "title": .string(archive.period.title), "count": .int(archive.articles.count),
                "count_label": .string(Self.countLabel(archive.articles.count)),
                "is_year": .bool(granularity == .year), "is_month": .bool(granularity == .month), "is_day": .bool(granularity == .day),
            ]
            context["articles"] = .list(archive.articles.map { item($0, links) })
            context["days"] = groupedByDay(index.eachStoryOnce(archive.articles), links)
            // Older and newer neighbours that have articles.
            if i > 0 { context["previous"] = periodLink(list[i - 1].period, links) }
            if i + 1 < list.count { context["next"] = periodLink(list[i + 1].period, links) }
            if granularity != .year {
                context["up"] = periodLink(archive.period.enclosing(granularity == .day ? .month : .year), links)
            }
        case .notFound:
            info["title"] = "Page not found"
            info["kind"] = "404"
        }
        // The 404 page stands for no address of its own: its link and permalink are the home
        // page's.
        let address: Route = page.kind == .notFound ? .home(page: 1) : page.route
        info["url"] = .string(links.href(address))
        let permalink = config.absoluteURL(address)
        info["permalink"] = .string(permalink)
        info["canonical"] = .string(canonical ?? permalink)
        // Empty text is true in Mustache; left out, `{{#page.description}}` tests it.
        if info["description"] == nil, !config.description.isEmpty { info["description"] = .string(config.description) }
        if case .string(let text)? = info["description"], text.isEmpty { info["description"] = nil }
        if meta == nil, case .string(let title)? = info["title"] {
            var description: String?
            if case .string(let text)? = info["description"] { description = text }
            meta = PageMetadata.page(title: title, description: description, url: canonical ?? permalink, config: config)
        }
        info["meta"] = .list((meta ?? []).map(\.templateValue))
        info["locale"] = .string(config.ogLocale)
        context["page"] = .object(info)
        context["feeds"] = Self.feedList(feeds)
        return context
    }

    var siteValues: TemplateValue {
        var s: [String: TemplateValue] = [:]
        if case .map(let pairs) = config.values {
            for (k, v) in pairs { s[k] = v.templateValue }
        }
        s["title"] = .string(config.title)
        if config.description.isEmpty {
            s.removeValue(forKey: "description")
        } else {
            s["description"] = .string(config.description)
        }
        s["base_url"] = .string(config.baseURL)
        s["language"] = .string(config.language)
        s["timezone"] = .string(config.timeZoneName)
        s["feed_url"] = .string(config.absoluteURL(.siteFeed))
        return .object(s)
    }

    /// The slug of the category a page belongs to, for the navigation's `current`.
    func currentCategory(of page: Page) -> String? {
        switch page.kind {
        case .section(.category, let c, _): return index.categories[c].slug
        case .article(let i): return index.articles[i].categorySlug
        default: return nil
        }
    }

    /// What the site-wide fragments (`site-nav`, `site-footer`) see: only what is the same on
    /// every page with the same links and category, so that each is rendered once for all of them.
    func fragmentContext(_ links: Links, current: String?) -> TemplateValue {
        [
            "site": siteValues,
            "root": .string(links.root),
            "home_url": .string(links.href(.home(page: 1))),
            "categories": categoryList(links, current: current),
            "years": yearList(links),
            "tags_url": .string(links.href(.sectionIndex(.tag))),
            "sources_url": .string(links.href(.sectionIndex(.source))),
        ]
    }

    func categoryList(_ links: Links, current: String?) -> TemplateValue {
        .list(
            index.categories.map { category in
                [
                    "name": .string(category.name), "slug": .string(category.slug),
                    "url": .string(links.href(.category(category.slug))),
                    "current": .bool(category.slug == current),
                ]
            })
    }

    func yearList(_ links: Links) -> TemplateValue {
        .list(index.years.reversed().map { periodLink($0.period, links) })
    }

    func periodLink(_ period: Period, _ links: Links) -> TemplateValue {
        ["title": .string(period.title), "url": .string(links.href(.period(period)))]
    }

    /// The title and link of article `i`.
    func link(to i: Int, _ links: Links) -> TemplateValue {
        ["title": .string(index.article(i).title), "url": .string(links.href(.article(index.articles[i])))]
    }

    /// Another outlet's version of a story: its outlet, link and time.
    func version(_ i: Int, _ links: Links) -> TemplateValue {
        let article = index.article(i)
        let c = article.date.civil
        return [
            "title": .string(article.title), "url": .string(links.href(.article(index.articles[i]))),
            "source": .string(article.source ?? article.publisher ?? article.title),
            "date_iso": .string(article.date.iso8601), "date_display": .string(Period(dayOf: article.date).title),
            "time_display": .string("\(pad(c.hour)):\(pad(c.minute))"),
        ]
    }

    /// What templates know of one article in a list.
    func item(_ i: Int, _ links: Links) -> TemplateValue {
        .view(ArticleView(article: index.article(i), index: i, context: self, links: links, body: nil))
    }

    /// Articles grouped by day, then by category, in the given (newest-first) order.
    func groupedByDay(_ items: [Int], _ links: Links) -> TemplateValue {
        // Groups by the category's place in `index.categories`, which is sorted by lowercased
        // name, then slug: the order the groups are listed in.
        var days: [(Period, [(category: Int, members: [Int])])] = []
        for i in items {
            guard let category = index.categoryBySlug[index.articles[i].categorySlug] else { continue }
            let day = Period(dayOf: index.articles[i].date)
            if days.last?.0 != day { days.append((day, [])) }
            if let g = days[days.count - 1].1.firstIndex(where: { $0.category == category }) {
                days[days.count - 1].1[g].members.append(i)
            } else {
                days[days.count - 1].1.append((category, [i]))
            }
        }
        return .list(
            days.map { day, groups in
                [
                    "title": .string(day.title),
                    "date": .string("\(pad(day.year, 4))-\(pad(day.month))-\(pad(day.day))"),
                    "url": .string(links.href(.period(day))),
                    "categories": .list(
                        groups.sorted { $0.category < $1.category }.map { c, members in
                            let category = index.categories[c]
                            return [
                                "name": .string(category.name), "url": .string(links.href(.category(category.slug))),
                                "articles": .list(members.map { item($0, links) }),
                            ]
                        }),
                ]
            })
    }

    func paginationContext(_ pagination: Pagination, page: Int, _ links: Links, route: (Int) -> Route) -> TemplateValue {
        guard pagination.pageCount > 1 else { return false }
        var p: [String: TemplateValue] = ["page": .int(page), "total": .int(pagination.pageCount)]
        if page > 1 { p["previous_url"] = .string(links.href(route(page - 1))) }
        if page < pagination.pageCount { p["next_url"] = .string(links.href(route(page + 1))) }
        // A window around the current page plus both ends, so that a long archive does not put
        // thousands of links on each of its pages.
        let shown = (1...pagination.pageCount).filter { $0 == 1 || $0 == pagination.pageCount || abs($0 - page) <= 2 }
        p["pages"] = .list(
            shown.enumerated().map { position, n in
                [
                    "number": .int(n), "url": .string(links.href(route(n))), "current": .bool(n == page),
                    "gap_before": .bool(position > 0 && shown[position - 1] != n - 1),
                ]
            })
        return .object(p)
    }

    /// What the templates see of a page's feeds: `title`, `url`, `type` (the media type) and
    /// `format` (`RSS`, `Atom`, `JSON Feed`).
    static func feedList(_ feeds: [(format: Feed.Format, title: String, url: String)]) -> TemplateValue {
        .list(
            feeds.map {
                [
                    "title": .string($0.title), "url": .string($0.url), "type": .string($0.format.mediaType),
                    "format": .string($0.format.label),
                ]
            })
    }

    /// How a page names one section of a taxonomy, and all of them.
    static let taxonomyLabels: [(one: String, all: String)] = [("Category", "Categories"), ("Tag", "Tags"), ("Source", "Sources")]

    /// `1 article`, `12 articles`.
    static func countLabel(_ count: Int) -> String {
        count == 1 ? "1 article" : "\(count) articles"
    }
}
