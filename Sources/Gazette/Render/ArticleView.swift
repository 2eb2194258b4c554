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

    /// Borrowed, not copied: a look-up reads one field, and copying the whole article for it
    /// (a retain for each of its strings) cost more than the look-up.
    var article: Article {
        _read { yield context.index.articles[index] }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": return article.title
        case "slug": return article.slug
        case "url": return root + Route.article(article) + "index.html"
        case "permalink": return context.config.absoluteURL(Route.article(article))
        case "date", "date_iso": return article.date.iso8601
        case "date_display": return dayPeriod.title
        case "time_display":
            let c = article.date.civil
            return "\(pad(c.hour)):\(pad(c.minute))"
        case "weekday": return Timestamp.weekdayNames[article.date.civil.weekday]
        case "timezone": return context.config.timeZoneName
        case "utc_offset": return article.date.offsetString(colon: true, zulu: false)
        case "day_url": return root + Route.period(dayPeriod) + "index.html"
        case "category": return article.category
        case "category_slug": return article.categorySlug
        case "category_url": return root + Route.category(article.categorySlug) + "index.html"
        case "tags": return article.tags.map { ["name": $0] }
        case "source": return article.source ?? false
        case "publisher": return article.publisher ?? false
        case "author": return article.author ?? false
        case "original_url": return article.originalURL ?? false
        case "summary": return article.summaryText
        case "summary_html": return article.summaryHTML
        case "draft": return article.draft
        case "updated": return article.updated?.iso8601 ?? false
        case "params": return article.metadata.templateValue
        case "content": return isPage ? article.html : nil
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
            return article.frontMatter[name]?.templateValue
        }
    }

    var dayPeriod: Period {
        let c = article.date.civil
        return Period(.day, year: c.year, month: c.month, day: c.day)
    }
}
