import Mustache

/// One article as templates see it. Values are computed when a template asks for them, so a
/// listing page pays only for the keys its template uses, not for a dictionary of every key.
struct ArticleView: MustacheParent {
    let context: PageContext
    let index: Int
    /// Relative prefix back to the site root from the page being rendered.
    let root: String
    /// On the article's own page: `content`, `previous` and `next` are there too.
    let isPage: Bool

    var article: Article { context.index.articles[index] }

    func child(named name: String) -> Any? {
        let a = article
        switch name {
        case "title": return a.title
        case "slug": return a.slug
        case "url": return root + Route.article(a) + "index.html"
        case "permalink": return context.config.absoluteURL(Route.article(a))
        case "date", "date_iso": return a.date.iso8601
        case "date_display": return dayPeriod.title
        case "time_display":
            let c = a.date.civil
            return "\(pad(c.hour)):\(pad(c.minute))"
        case "weekday": return Timestamp.weekdayNames[a.date.civil.weekday]
        case "timezone": return context.config.timeZoneName
        case "utc_offset": return a.date.offsetString(colon: true, zulu: false)
        case "day_url": return root + Route.period(dayPeriod) + "index.html"
        case "category": return a.category
        case "category_slug": return a.categorySlug
        case "category_url": return root + Route.category(a.categorySlug) + "index.html"
        case "tags": return a.tags.map { ["name": $0] }
        case "source": return a.source ?? false
        case "publisher": return a.publisher ?? false
        case "author": return a.author ?? false
        case "original_url": return a.originalURL ?? false
        case "summary": return a.summaryText
        case "summary_html": return a.summaryHTML
        case "draft": return a.draft
        case "updated": return a.updated?.iso8601 ?? false
        case "params": return a.metadata.templateValue
        case "content": return isPage ? a.html : nil
        case "has_neighbours":
            guard isPage else { return nil }
            let (older, newer) = context.index.neighbours(ofArticle: index)
            return older != nil || newer != nil
        case "previous", "next":
            guard isPage else { return nil }
            let (older, newer) = context.index.neighbours(ofArticle: index)
            guard let other = name == "previous" ? older : newer else { return false }
            return context.link(to: other, root: root)
        default:
            // Front matter keys Gazette does not know reach the templates as written.
            return a.metadata[name]?.templateValue
        }
    }

    var dayPeriod: Period {
        let c = article.date.civil
        return Period(.day, year: c.year, month: c.month, day: c.day)
    }
}
