import GazetteTemplates

/// Hand-built contexts for the theme (`Fixtures/theme`), shaped as Gazette builds them: the
/// site and page as objects, articles as lazy views, `site_nav` and `site_footer` as HTML
/// rendered beforehand, optional fields as `false` or absent.
enum ThemeContexts {
    struct Article {
        var title: String
        var slug: String
        var day: Int
        var time: String
        var category: Int
        var source: String?
        var publisher: String?
        var author: String?
        var summary: String?
        var tags: [String]
        var originalURL: String?
        var content: String
    }

    static let categories = [
        (name: "World", slug: "world"),
        (name: "Science & Tech", slug: "science-tech"),
        (name: "Culture <Arts>", slug: "culture"),
        (name: "Économie", slug: "economie"),
    ]

    static let days = [
        (date: "2026-03-14", title: "Saturday 14 March 2026", weekday: "Saturday"),
        (date: "2026-03-13", title: "Friday 13 March 2026", weekday: "Friday"),
        (date: "2026-03-12", title: "Thursday 12 March 2026", weekday: "Thursday"),
    ]

    static let articles: [Article] = [
        Article(
            title: "Ministers agree on \"clean air\" plan", slug: "clean-air", day: 0, time: "09:15", category: 0,
            source: "Reuters", publisher: "Reuters & Co", author: "Ana O'Neil", summary: "A plan <b>so</b> ambitious.",
            tags: ["environment", "policy & law"], originalURL: "https://example.com/a?x=1&y=2",
            content: "<p>Body with <em>markup</em>.</p>\n<p>Second paragraph.</p>"),
        Article(
            title: "Café owners' strike ends", slug: "cafe-strike", day: 0, time: "08:02", category: 3,
            source: nil, publisher: "Le Monde", author: nil, summary: "", tags: [], originalURL: nil,
            content: "<p>Les cafés rouvrent.</p>"),
        Article(
            title: "日本の市場が上昇", slug: "nikkei", day: 0, time: "07:40", category: 3,
            source: "NHK", publisher: nil, author: nil, summary: nil, tags: ["markets"], originalURL: "https://nhk.example/1",
            content: "<p>株価</p>"),
        Article(
            title: "New telescope sees 😀-shaped nebula", slug: "nebula", day: 1, time: "22:10", category: 1,
            source: "ESA", publisher: nil, author: "Dr. <Who>", summary: "Astronomers \"smile\".", tags: ["space"],
            originalURL: nil, content: "<p>Space.</p>"),
        Article(
            title: "Chip makers <merge>", slug: "chips", day: 1, time: "11:00", category: 1,
            source: nil, publisher: nil, author: nil, summary: "Two become one.", tags: ["tech", "business"],
            originalURL: "https://example.com/chips", content: "<p>Chips.</p>"),
        Article(
            title: "Opera season opens", slug: "opera", day: 2, time: "19:30", category: 2,
            source: "Culture Desk", publisher: "Arts & Letters", author: nil, summary: "Bravo.", tags: [],
            originalURL: nil, content: "<p>Music.</p>"),
        Article(
            title: "Summit in Geneva", slug: "summit", day: 2, time: "06:45", category: 0,
            source: nil, publisher: nil, author: nil, summary: nil, tags: ["diplomacy"], originalURL: nil,
            content: ""),
    ]

    /// One article as templates see it: each field computed when asked.
    final class ArticleView: TemplateObject {
        let index: Int
        let root: String
        let isPage: Bool

        init(index: Int, root: String, isPage: Bool) {
            self.index = index
            self.root = root
            self.isPage = isPage
        }

        var article: Article { ThemeContexts.articles[index] }

        func value(forKey key: String) -> TemplateValue? {
            let article = self.article
            let day = ThemeContexts.days[article.day]
            let category = ThemeContexts.categories[article.category]
            switch key {
            case "title": return .string(article.title)
            case "slug": return .string(article.slug)
            case "url": return .string(root + "\(day.date)/\(article.slug)/index.html")
            case "date_iso": return .string("\(day.date)T\(article.time):00Z")
            case "date_display": return .string(day.title)
            case "time_display": return .string(article.time)
            case "weekday": return .string(day.weekday)
            case "date_long": return .string(day.title)
            case "by_label": return article.author.map { .string(label("by_author", "author", $0)) } ?? .bool(false)
            case "via_label": return article.publisher.map { .string(label("via_publisher", "publisher", $0)) } ?? .bool(false)
            case "read_original_label":
                return .string(article.source.map { label("read_original_at", "source", $0) } ?? label("read_original", "", ""))
            case "more_in_label": return .string(label("more_in", "category", category.name))
            case "previous_label": return .string(label("previous_in", "category", category.name))
            case "next_label": return .string(label("next_in", "category", category.name))
            case "utc_offset": return .string("+00:00")
            case "day_url": return .string(root + "\(day.date)/index.html")
            case "category": return .string(category.name)
            case "category_url": return .string(root + "category/\(category.slug)/index.html")
            case "source": return article.source.map { .string($0) } ?? .bool(false)
            case "source_url": return article.source.map { .string(root + "source/\($0.lowercased())/index.html") } ?? .bool(false)
            case "publisher": return article.publisher.map { .string($0) } ?? .bool(false)
            case "author": return article.author.map { .string($0) } ?? .bool(false)
            case "original_url": return article.originalURL.map { .string($0) } ?? .bool(false)
            // Absent when there is none: the look-up goes on down the stack.
            case "summary": return article.summary.map { .string($0) }
            case "tags": return .list(article.tags.map { ["name": .string($0), "url": .string(root + "tag/\($0)/index.html")] })
            case "content": return isPage ? .string(article.content) : nil
            case "has_neighbours":
                guard isPage else { return nil }
                return .bool(index > 0 || index + 1 < ThemeContexts.articles.count)
            case "previous":
                guard isPage, index + 1 < ThemeContexts.articles.count else { return isPage ? .bool(false) : nil }
                return link(index + 1)
            case "next":
                guard isPage, index > 0 else { return isPage ? .bool(false) : nil }
                return link(index - 1)
            default: return nil
            }
        }

        private func link(_ other: Int) -> TemplateValue {
            let article = ThemeContexts.articles[other]
            return [
                "title": .string(article.title),
                "url": .string(root + "\(ThemeContexts.days[article.day].date)/\(article.slug)/index.html"),
            ]
        }
    }

    /// The English labels, as `t` gives them.
    static let labels: [String: String] = (try? Fixtures.labels()) ?? [:]

    static func label(_ key: String, _ name: String, _ value: String) -> String {
        (labels[key] ?? key).replacingOccurrences(of: "{\(name)}", with: value)
    }

    static var labelValues: TemplateValue { .object(labels.mapValues { .string($0) }) }

    static let site: TemplateValue = [
        "title": "The Daily <Gazette> & Co",
        "description": "News, \"digested\" — daily",
        "language": "en",
        "base_url": "https://news.example.org/",
    ]

    static func navContext(root: String, current: String?) -> TemplateValue {
        [
            "root": .string(root),
            "t": labelValues,
            "categories": .list(
                categories.map { category in
                    [
                        "name": .string(category.name), "url": .string(root + "category/\(category.slug)/index.html"),
                        "current": .bool(category.slug == current),
                    ]
                }),
        ]
    }

    static func footerContext(root: String) -> TemplateValue {
        [
            "root": .string(root),
            "t": labelValues,
            "archive_url": .string(root + "archive/index.html"),
            "years": [
                ["title": "2026", "url": .string(root + "2026/index.html")],
                ["title": "2025", "url": .string(root + "2025/index.html")],
            ],
        ]
    }

    /// The values every page has; `navigation` renders `site-nav` and `site-footer`.
    static func base(root: String, page: [String: TemplateValue], navigation: (TemplateValue, String) -> String, current: String? = nil)
        -> [String: TemplateValue]
    {
        [
            "site": site,
            "root": .string(root),
            "generator": "Gazette 1.0",
            "stylesheet": .string(root + "assets/style.css"),
            "home_url": .string(root + "index.html"),
            "page": .object(page),
            "t": labelValues,
            "feeds": [["title": "The Daily <Gazette> & Co", "url": .string(root + "feed.xml")]],
            "site_nav": .string(navigation(navContext(root: root, current: current), "site-nav")),
            "site_footer": .string(navigation(footerContext(root: root), "site-footer")),
        ]
    }

    static func groupedByDay(_ indices: [Int], root: String) -> TemplateValue {
        var result: [TemplateValue] = []
        for (d, day) in days.enumerated() {
            let onDay = indices.filter { articles[$0].day == d }
            guard !onDay.isEmpty else { continue }
            var groups: [TemplateValue] = []
            for (c, category) in categories.enumerated() {
                let members = onDay.filter { articles[$0].category == c }
                guard !members.isEmpty else { continue }
                groups.append([
                    "name": .string(category.name),
                    "url": .string(root + "category/\(category.slug)/index.html"),
                    "articles": .list(members.map { .view(ArticleView(index: $0, root: root, isPage: false)) }),
                ])
            }
            result.append([
                "title": .string(day.title), "date": .string(day.date), "url": .string(root + "\(day.date)/index.html"),
                "categories": .list(groups),
            ])
        }
        return .list(result)
    }

    static func groupedByCategory(_ indices: [Int], root: String) -> TemplateValue {
        .list(
            categories.enumerated().compactMap { c, category in
                let members = indices.filter { articles[$0].category == c }
                guard !members.isEmpty else { return nil }
                return [
                    "name": .string(category.name), "slug": .string(category.slug), "count_label": .string("\(members.count) articles"),
                    "url": .string(root + "category/\(category.slug)/index.html"),
                    "articles": .list(members.map { .view(ArticleView(index: $0, root: root, isPage: false)) }),
                ]
            })
    }

    static func pagination(page: Int, of total: Int, root: String, prefix: String) -> TemplateValue {
        guard total > 1 else { return false }
        func url(_ n: Int) -> String { root + prefix + (n == 1 ? "" : "page/\(n)/") + "index.html" }
        let shown = (1...total).filter { $0 == 1 || $0 == total || abs($0 - page) <= 1 }
        var object: [String: TemplateValue] = [
            "page": .int(page), "total": .int(total),
            "pages": .list(
                shown.enumerated().map { position, n in
                    [
                        "number": .int(n), "url": .string(url(n)), "current": .bool(n == page),
                        "gap_before": .bool(position > 0 && shown[position - 1] != n - 1),
                    ]
                }),
        ]
        if page > 1 { object["previous_url"] = .string(url(page - 1)) }
        if page < total { object["next_url"] = .string(url(page + 1)) }
        return .object(object)
    }

    /// Pages to render: (name, template, context).
    static func pages(navigation: (TemplateValue, String) -> String) -> [(String, String, TemplateValue)] {
        var pages: [(String, String, TemplateValue)] = []
        let all = Array(articles.indices)

        var home = base(
            root: "",
            page: [
                "title": "The Daily <Gazette> & Co", "kind": "home", "url": "index.html",
                "permalink": "https://news.example.org/", "description": "News, \"digested\" — daily",
            ],
            navigation: navigation)
        home["is_home"] = true
        home["days"] = groupedByDay(all, root: "")
        home["pagination"] = pagination(page: 1, of: 3, root: "", prefix: "")
        pages.append(("home, page 1", "home", .object(home)))

        var empty = base(
            root: "",
            page: [
                "title": "The Daily <Gazette> & Co", "kind": "home", "url": "index.html",
                "permalink": "https://news.example.org/",
            ], navigation: navigation)
        empty["is_home"] = true
        empty["days"] = []
        empty["pagination"] = false
        pages.append(("home, no articles", "home", .object(empty)))

        for index in [0, 1, 6] {
            let root = "../../"
            let article = articles[index]
            var page: [String: TemplateValue] = [
                "title": .string(article.title), "kind": "article",
                "url": .string(root + "x/index.html"), "permalink": "https://news.example.org/x/",
            ]
            if let original = article.originalURL { page["canonical"] = .string(original) }
            if let summary = article.summary, !summary.isEmpty { page["description"] = .string(summary) }
            var context = base(root: root, page: page, navigation: navigation, current: categories[article.category].slug)
            context["article"] = .view(ArticleView(index: index, root: root, isPage: true))
            pages.append(("article \(article.slug)", "article", .object(context)))
        }

        for (page, total) in [(1, 1), (3, 6)] {
            let root = page == 1 ? "../../" : "../../../../"
            let c = 1
            var context = base(
                root: root,
                page: [
                    "title": .string(categories[c].name), "kind": "category",
                    "url": "index.html", "permalink": "https://news.example.org/category/science-tech/",
                ],
                navigation: navigation, current: categories[c].slug)
            context["category"] = [
                "name": .string(categories[c].name), "count_label": "2 articles",
                "feed_url": .string(root + "category/science-tech/feed.xml"),
            ]
            context["articles"] = .list(
                all.filter { articles[$0].category == c || page > 1 }
                    .map { .view(ArticleView(index: $0, root: root, isPage: false)) })
            context["pagination"] = pagination(page: page, of: total, root: root, prefix: "category/science-tech/")
            pages.append(("category page \(page) of \(total)", "category", .object(context)))
        }

        var day = base(
            root: "../",
            page: [
                "title": "Friday 13 March 2026", "kind": "day", "url": "index.html",
                "permalink": "https://news.example.org/2026-03-13/",
            ], navigation: navigation)
        day["archive"] = ["title": "Friday 13 March 2026", "count_label": "2 articles", "is_day": true]
        day["up"] = ["title": "March 2026", "url": "../2026/03/index.html", "label": "All of March 2026"]
        day["groups"] = groupedByCategory(all.filter { articles[$0].day == 1 }, root: "../")
        day["period_nav"] = true
        day["previous"] = ["title": "Thursday 12 March 2026", "url": "../2026-03-12/index.html"]
        day["next"] = ["title": "Saturday 14 March 2026", "url": "../2026-03-14/index.html"]
        pages.append(("day archive", "archive", .object(day)))

        var year = base(
            root: "../",
            page: [
                "title": "2026", "kind": "year", "url": "index.html",
                "permalink": "https://news.example.org/2026/",
            ], navigation: navigation)
        year["archive"] = ["title": "2026", "count_label": "7 articles", "is_year": true]
        year["periods"] = .list(
            days.indices.map { d in
                [
                    "title": .string(days[d].title), "date": .string(days[d].date), "url": .string("../\(days[d].date)/index.html"),
                    "count_label": "2 articles", "more": .bool(d == 0), "more_label": .string("All articles of \(days[d].title)"),
                    "articles": .list(
                        all.filter { articles[$0].day == d }.prefix(2).map { .view(ArticleView(index: $0, root: "../", isPage: false)) }),
                ]
            })
        pages.append(("year archive", "archive", .object(year)))

        let notFound = base(
            root: "/",
            page: [
                "title": "Page not found", "kind": "404", "url": "/404.html",
                "permalink": "https://news.example.org/404.html",
            ], navigation: navigation)
        pages.append(("404", "404", .object(notFound)))
        return pages
    }
}
