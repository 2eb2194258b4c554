import GazetteTemplates

/// Builds the values each template sees. Every key is documented in the README's template
/// section.
public struct PageContext: Sendable {
    /// The site, shared by reference: every article view of every page carries this context.
    final class Site: Sendable {
        let index: SiteIndex
        let config: SiteConfig
        /// Every label of the theme, as templates read them (`{{t.skip_to_content}}`).
        let labelValues: TemplateValue

        init(index: SiteIndex, config: SiteConfig) {
            self.index = index
            self.config = config
            self.labelValues = .object(config.labels.table.mapValues(TemplateValue.string))
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
    /// The theme's words in the site's language.
    public var labels: Labels {
        _read { yield shared.config.labels }
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
        /// A page's `feeds` by its links' root and the feeds' owner besides the site's.
        var feedLists: [FeedsKey: TemplateValue] = [:]

        struct FeedsKey: Hashable {
            var root: String
            var owner: Feed.Owner?
        }
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
            "archive_url": .string(links.href(.archiveIndex)),
            "t": shared.labelValues,
        ]
        // The feeds of what the page shows (a section's, an article's category's), before the site's.
        var owner: (owner: Feed.Owner, title: String)?
        var info: [String: TemplateValue] = [:]
        var meta: [PageMetadata.MetaTag]?
        var canonical: String?
        switch page.kind {
        case .home(let number):
            let pagination = index.homePagination
            let items = pagination.range(ofPage: number).map { index.homeItems[$0] }
            info["title"] = .string(
                number == 1 ? config.title : labels("page_numbered", ["title": config.title, "number": String(number)]))
            info["kind"] = "home"
            context["is_home"] = true
            context["digest"] = .bool(config.homeDigest)
            // The lead story heads its day (the newest) on the first page, and is not listed
            // again among the day's categories.
            let lead = number == 1 ? index.lead : nil
            let listed = items.filter { $0 != lead }
            if number == 1, let updated = index.lastUpdated {
                context["last_updated"] = [
                    "iso": .string(updated.iso8601), "label": .string(labels("last_updated", ["date": when(updated)])),
                ]
            }
            context["days"] = groupedByDay(items, links, lead: lead)
            context["articles"] = .list(listed.map { item($0, links) })
            context["pagination"] = paginationContext(pagination, page: number, links) { .home(page: $0) }
            if number == 1 { info["json_ld"] = .string(PageMetadata.webSite(config: config)) }
        case .article(let i):
            let record = index.record(i)
            let article = record.article
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
            context["article"] = .view(ArticleView(record: record, index: i, context: self, links: links, body: body(i)))
            owner = (.section(.category, article.categorySlug), "\(config.title): \(article.category)")
        case .section(let taxonomy, let c, let number):
            let section = index.sections(taxonomy)[c]
            let pagination = Pagination(totalItems: section.articles.count, perPage: config.perPage)
            let items = pagination.range(ofPage: number).map { section.articles[$0] }
            info["title"] = .string(
                number == 1 ? section.name : labels("page_numbered", ["title": section.name, "number": String(number)]))
            info["kind"] = .string(taxonomy.folder)
            let sectionFeeds: (owner: Feed.Owner, title: String) = (.section(taxonomy, section.slug), "\(config.title): \(section.name)")
            owner = sectionFeeds
            let own = Feed.alternates(sectionFeeds.owner, title: sectionFeeds.title, links)
            let values: TemplateValue = [
                "name": .string(section.name), "slug": .string(section.slug), "count": .int(section.articles.count),
                "count_label": .string(labels.count(section.articles.count)),
                "follow_label": .string(labels("follow_section", ["name": section.name])),
                "kind": .string(taxonomy.folder), "kind_label": .string(labels(Self.taxonomyLabels[taxonomy.rawValue].one)),
                "index_url": taxonomy == .category ? false : .string(links.href(.sectionIndex(taxonomy))),
                "index_label": .string(labels(Self.taxonomyLabels[taxonomy.rawValue].all)),
                "url": .string(links.href(.section(taxonomy, section.slug))),
                "feed_url": .string(own[0].url),
                "feeds": Self.feedList(own),
            ]
            context["section"] = values
            if taxonomy == .category { context["category"] = values }
            context["articles"] = .list(items.map { item($0, links) })
            context["pagination"] = paginationContext(pagination, page: number, links) { .section(taxonomy, section.slug, page: $0) }
        case .sectionIndex(let taxonomy):
            let title = labels(Self.taxonomyLabels[taxonomy.rawValue].all)
            info["title"] = .string(title)
            info["kind"] = .string(taxonomy.indexFolder)
            context["index"] = [
                "title": .string(title), "kind": .string(taxonomy.folder), "count": .int(index.sections(taxonomy).count),
            ]
            context["sections"] = .list(
                index.sections(taxonomy).map { section in
                    [
                        "name": .string(section.name), "slug": .string(section.slug),
                        "url": .string(links.href(.section(taxonomy, section.slug))),
                        "count": .int(section.articles.count), "count_label": .string(labels.count(section.articles.count)),
                    ]
                })
        case .archive(let granularity, let i):
            let list = index.archives(granularity)
            let archive = list[i]
            let title = granularity == .day ? index.dates.longTitle(archive.period) : index.dates.title(archive.period)
            info["title"] = .string(title)
            info["kind"] = .string(["year", "month", "day"][granularity.rawValue])
            context["archive"] = [
                "title": .string(title), "count": .int(archive.articles.count),
                "count_label": .string(labels.count(archive.articles.count)),
                "is_year": .bool(granularity == .year), "is_month": .bool(granularity == .month), "is_day": .bool(granularity == .day),
            ]
            switch granularity {
            case .year, .month:
                // A year shows its months and a month its days, each with its count and its
                // leading stories: a page's size follows the calendar, not the site's size.
                let part: Period.Granularity = granularity == .year ? .month : .day
                context["periods"] = .list(index.archives(part, within: archive.period).map { periodSummary(part, $0, links) })
            case .day:
                // The edition: every story of the day, by category.
                context["groups"] = groupedByCategory(index.eachStoryOnce(archive.articles), links)
            }
            // Older and newer neighbours that have articles.
            if i > 0 { context["previous"] = periodLink(list[i - 1].period, links) }
            if i + 1 < list.count { context["next"] = periodLink(list[i + 1].period, links) }
            context["period_nav"] = .bool(list.count > 1)
            if granularity != .year {
                let up = archive.period.enclosing(granularity == .day ? .month : .year)
                context["up"] = [
                    "title": .string(index.dates.title(up)), "url": .string(links.href(.period(up))),
                    "label": .string(labels("all_of", ["period": index.dates.title(up)])),
                ]
            }
        case .archiveIndex:
            info["title"] = .string(labels("archive"))
            info["kind"] = "archive"
            context["archive"] = [
                "title": .string(labels("archive")), "count": .int(index.articles.count),
                "count_label": .string(labels.count(index.articles.count)), "is_index": true,
            ]
            context["archive_years"] = .list(
                index.years.indices.reversed().map { y in
                    var year = periodSummary(.year, y, links, leading: 0)
                    if case .object(var values) = year {
                        values["months"] = .list(
                            index.archives(.month, within: index.years[y].period).map { periodSummary(.month, $0, links, leading: 0) })
                        year = .object(values)
                    }
                    return year
                })
        case .notFound:
            info["title"] = .string(labels("not_found_title"))
            info["kind"] = "404"
            // What a reader who followed a stale link most likely wants: the latest news.
            context["articles"] = .list(index.homeItems.prefix(Self.notFoundHeadlines).map { item($0, links) })
            meta = []
        }
        // The 404 page stands for no address of its own: its link and permalink are the home
        // page's.
        let address: Route = page.kind == .notFound ? .home(page: 1) : page.route
        info["url"] = .string(links.href(address))
        let permalink = config.absoluteURL(address)
        info["permalink"] = .string(permalink)
        // A missing page has no canonical address: naming the home page would tell search
        // engines that every mistyped address is the home page.
        if page.kind != .notFound { info["canonical"] = .string(canonical ?? permalink) }
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
        context["feeds"] = feedList(owner, links, memo: &memo)
        return context
    }

    /// A page's `feeds`: `own`'s, then the site's. The same on every page with the same links
    /// and owner, so made once for all of them.
    func feedList(_ own: (owner: Feed.Owner, title: String)?, _ links: Links, memo: inout Memo) -> TemplateValue {
        let key = Memo.FeedsKey(root: links.root, owner: own?.owner)
        if let known = memo.feedLists[key] { return known }
        var feeds = own.map { Feed.alternates($0.owner, title: $0.title, links) } ?? []
        feeds += Feed.alternates(.site, title: config.title, links)
        let list = Self.feedList(feeds)
        memo.feedLists[key] = list
        return list
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
        s["rtl"] = .bool(config.labels.isRightToLeft)
        s["direction"] = .string(config.labels.isRightToLeft ? "rtl" : "ltr")
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
            "archive_url": .string(links.href(.archiveIndex)),
            "t": shared.labelValues,
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
        ["title": .string(index.dates.title(period)), "url": .string(links.href(.period(period)))]
    }

    /// How many of the latest headlines the 404 page lists.
    static let notFoundHeadlines = 10

    /// How many articles a year or month has to show of each of its parts.
    static let leadingPerPeriod = 3

    /// Archive `a` of `granularity` as its year or month lists it: its title and link, its
    /// count, and its leading stories.
    func periodSummary(_ granularity: Period.Granularity, _ a: Int, _ links: Links, leading: Int = leadingPerPeriod) -> TemplateValue {
        let archive = index.archives(granularity)[a]
        let title = granularity == .day ? index.dates.longTitle(archive.period) : index.dates.title(archive.period)
        let top = index.leading(archive.articles, limit: leading)
        return [
            "title": .string(title), "short_title": .string(index.dates.shortTitle(archive.period)),
            "url": .string(links.href(.period(archive.period))),
            "date": .string(Self.isoDate(archive.period)),
            "count": .int(archive.articles.count), "count_label": .string(labels.count(archive.articles.count)),
            "articles": .list(top.map { item($0, links) }),
            "more": .bool(archive.articles.count > top.count),
            "more_label": .string(labels("all_articles_of", ["period": title])),
        ]
    }

    /// `2024-03-09`, `2024-03`, `2024`: an archive's id in a page, and its `<time datetime>`.
    static func isoDate(_ period: Period) -> String {
        switch period.granularity {
        case .year: return pad(period.year, 4)
        case .month: return "\(pad(period.year, 4))-\(pad(period.month))"
        case .day: return "\(pad(period.year, 4))-\(pad(period.month))-\(pad(period.day))"
        }
    }

    /// `14 April 2022, 18:25 SGT` (`2022年4月14日 18:25 JST`): a moment as the site names it.
    func when(_ date: Timestamp) -> String {
        labels(
            "date_time", ["date": index.dates.title(Period(dayOf: date)), "time": "\(index.dates.time(date)) \(index.dates.zone(date))"])
    }

    /// The title and link of article `i`.
    func link(to i: Int, _ links: Links) -> TemplateValue {
        let record = index.record(i)
        return ["title": .string(record.article.title), "url": .string(links.href(record.route))]
    }

    /// Another outlet's version of a story: its outlet, link and time.
    func version(_ i: Int, _ links: Links) -> TemplateValue {
        let record = index.record(i)
        let article = record.article
        return [
            "title": .string(article.title), "url": .string(links.href(record.route)),
            "source": .string(article.source ?? article.publisher ?? article.title),
            "date_iso": .string(record.dateISO), "date_display": .string(record.dateTitle), "time_display": .string(record.time),
        ]
    }

    /// What templates know of one article in a list.
    func item(_ i: Int, _ links: Links) -> TemplateValue {
        .view(ArticleView(record: index.record(i), index: i, context: self, links: links, body: nil))
    }

    /// Articles grouped by day, then by category, in the given (newest-first) order; `lead`
    /// is its day's `lead` rather than one of its category's articles.
    func groupedByDay(_ items: [Int], _ links: Links, lead: Int? = nil) -> TemplateValue {
        // Groups by the category's place in `index.categories`, which is sorted by lowercased
        // name, then slug: the order the groups are listed in.
        var days: [(Period, [(category: Int, members: [Int])])] = []
        var leadDay: Period?
        for i in items {
            guard let category = index.categoryBySlug[index.articles[i].categorySlug] else { continue }
            let day = index.edition(of: index.articles[i].date)
            if days.last?.0 != day { days.append((day, [])) }
            if i == lead {
                leadDay = day
                continue
            }
            if let g = days[days.count - 1].1.firstIndex(where: { $0.category == category }) {
                days[days.count - 1].1[g].members.append(i)
            } else {
                days[days.count - 1].1.append((category, [i]))
            }
        }
        return .list(
            days.map { day, groups in
                var values: [String: TemplateValue] = [
                    "title": .string(index.dates.longTitle(day)),
                    "date": .string(Self.isoDate(day)),
                    "url": .string(links.href(.period(day))),
                    "categories": categoryGroups(groups, links),
                ]
                if day == leadDay, let lead { values["lead"] = item(lead, links) }
                return .object(values)
            })
    }

    /// Articles (newest first) grouped by category, in the site's order of categories.
    func groupedByCategory(_ items: [Int], _ links: Links) -> TemplateValue {
        var groups: [(category: Int, members: [Int])] = []
        for i in items {
            guard let category = index.categoryBySlug[index.articles[i].categorySlug] else { continue }
            if let g = groups.firstIndex(where: { $0.category == category }) {
                groups[g].members.append(i)
            } else {
                groups.append((category, [i]))
            }
        }
        return categoryGroups(groups, links)
    }

    func categoryGroups(_ groups: [(category: Int, members: [Int])], _ links: Links) -> TemplateValue {
        .list(
            groups.sorted { $0.category < $1.category }.map { c, members in
                let category = index.categories[c]
                return [
                    "name": .string(category.name), "slug": .string(category.slug),
                    "url": .string(links.href(.category(category.slug))),
                    "count_label": .string(labels.count(members.count)),
                    "articles": .list(members.map { item($0, links) }),
                ]
            })
    }

    func paginationContext(_ pagination: Pagination, page: Int, _ links: Links, route: (Int) -> Route) -> TemplateValue {
        guard pagination.pageCount > 1 else { return false }
        var p: [String: TemplateValue] = [
            "page": .int(page), "total": .int(pagination.pageCount),
            "label": .string(labels("page_of", ["number": String(page), "total": String(pagination.pageCount)])),
        ]
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

    /// The labels that name one section of a taxonomy, and all of them.
    static let taxonomyLabels: [(one: String, all: String)] = [("category", "categories"), ("tag", "tags"), ("source", "sources")]
}
