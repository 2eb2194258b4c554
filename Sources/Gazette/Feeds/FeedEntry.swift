/// One entry of a feed, as every format writes it: an article, or a day's edition.
struct FeedEntry: Sendable {
    /// The absolute permalink: the entry's link and its id.
    var url: String
    var title: String
    var published: Timestamp
    var updated: Timestamp
    var author: String?
    var categories: [String]
    /// Plain text.
    var summary: String
    /// HTML with absolute links: the article's body in a full feed, else its summary; nil when
    /// there is none.
    var html: String?
    /// Absolute URL.
    var image: String?
    var imageAlt: String?
    /// The `original_url` of an article from elsewhere.
    var original: String?

    /// The entries of `feed`, newest first. `body(i)` is the HTML of article `i`'s body.
    static func entries(of feed: Feed, index: SiteIndex, config: SiteConfig, body: (Int) -> String) -> [FeedEntry] {
        switch feed.content {
        case .articles(let list, let full):
            return list.map { i in
                let article = index.article(i)
                let permalink = config.absoluteURL(.article(index.articles[i]))
                let html = full ? body(i) : article.summaryHTML
                return FeedEntry(
                    url: permalink, title: article.title, published: article.date, updated: article.updated ?? article.date,
                    author: article.author ?? article.source, categories: [article.category] + article.tags,
                    summary: article.summaryText,
                    html: html.isEmpty ? nil : AbsoluteLinks.rewrite(html, base: permalink),
                    image: article.image.map(config.absoluteImageURL), imageAlt: article.imageAlt,
                    original: article.originalURL)
            }
        case .editions(let days):
            return days.map { edition($0, index: index, config: config) }
        }
    }

    /// Day `d`'s edition: its headlines and summaries, grouped by category in the site's order,
    /// each linked to its article; what an RSS-to-email service sends as the day's newsletter.
    static func edition(_ d: Int, index: SiteIndex, config: SiteConfig) -> FeedEntry {
        let day = index.days[d]
        var groups: [Int: [Int]] = [:]
        // Each story once, under its first version, with the other outlets named.
        for i in index.eachStoryOnce(day.articles) {
            if let c = index.categoryBySlug[index.articles[i].categorySlug] { groups[c, default: []].append(i) }
        }
        var html = ""
        var names: [String] = []
        for (c, members) in groups.sorted(by: { $0.key < $1.key }) {
            let category = index.categories[c]
            names.append(category.name)
            html +=
                "<h2><a href=\"\(HTML.escape(config.absoluteURL(.category(category.slug))))\">\(HTML.escape(category.name))</a></h2>\n<ul>\n"
            for i in members {
                let article = index.article(i)
                html += "<li><a href=\"\(HTML.escape(config.absoluteURL(.article(index.articles[i]))))\">\(HTML.escape(article.title))</a>"
                if let source = article.source { html += " <small>\(HTML.escape(source))</small>" }
                let others = index.otherVersions(of: i).compactMap { index.articles[$0].source }
                if !others.isEmpty {
                    html += " <small>(\(HTML.escape(config.labels("also"))) \(HTML.escape(others.joined(separator: ", "))))</small>"
                }
                if !article.summaryText.isEmpty { html += "<br>\(HTML.escape(article.summaryText))" }
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        let count = day.articles.count
        let newest = day.articles.map { index.articles[$0].date }.max() ?? Timestamp(seconds: 0, offset: 0)
        let modified = day.articles.map { index.articles[$0].lastModified }.max() ?? newest
        return FeedEntry(
            url: config.absoluteURL(.period(day.period)), title: "\(config.title), \(index.dates.title(day.period))",
            published: newest, updated: max(newest, modified), author: nil, categories: names,
            summary: config.labels("edition_summary", ["count": config.labels.count(count), "categories": names.joined(separator: ", ")]),
            html: html,
            image: nil, imageAlt: nil, original: nil)
    }

    /// Media RSS's `<media:content>` for the image (RSS and Atom both carry it), or nothing.
    var mediaContent: String {
        guard let image else { return "" }
        var x = "<media:content url=\"\(HTML.escapeXML(image))\" medium=\"image\">"
        if let imageAlt { x += "<media:description type=\"plain\">\(HTML.escapeXML(imageAlt))</media:description>" }
        return x + "</media:content>\n"
    }

    /// The date a feed gives itself: its newest entry's, so that the same input always gives
    /// the same bytes (the Unix epoch for a feed with no entries).
    static func newest(_ entries: [FeedEntry]) -> Timestamp {
        entries.map(\.updated).max() ?? Timestamp(seconds: 0, offset: 0)
    }
}
