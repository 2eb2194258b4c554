import Mustache

/// One article as templates see it. Values are computed when a template asks for them, so a
/// listing page pays only for the keys its template uses, not for a dictionary of every key.
///
/// A class: templates see it as `Any`, which holds a reference as it is, where a struct this
/// size was boxed on the heap each time a list pushed it and copied out at each look-up.
final class ArticleView: MustacheParent, Sendable {
    let context: PageContext
    let index: Int
    /// Relative prefix back to the site root from the page being rendered.
    let root: String
    /// On the article's own page: `content`, `previous` and `next` are there too.
    let isPage: Bool

    init(context: PageContext, index: Int, root: String, isPage: Bool) {
        self.context = context
        self.index = index
        self.root = root
        self.isPage = isPage
    }

    func child(named name: String) -> Any? {
        // Read in place: a copy of the article would retain each of its strings, for one field.
        context.index.articles.withUnsafeBufferPointer { articles in
            value(named: name, of: articles.baseAddress! + index)
        }
    }

    /// The fields an article offers templates, by name (`date` and `date_iso` are one).
    private enum Field {
        case title, slug, url, permalink, date, dateDisplay, timeDisplay, weekday, timezone, utcOffset
        case dayUrl, category, categorySlug, categoryUrl, tags, source, publisher, author, originalUrl
        case summary, summaryHtml, draft, updated, params, content, hasNeighbours, previous, next
    }

    private static let fields: [String: Field] = [
        "title": .title,
        "slug": .slug,
        "url": .url,
        "permalink": .permalink,
        "date": .date,
        "date_iso": .date,
        "date_display": .dateDisplay,
        "time_display": .timeDisplay,
        "weekday": .weekday,
        "timezone": .timezone,
        "utc_offset": .utcOffset,
        "day_url": .dayUrl,
        "category": .category,
        "category_slug": .categorySlug,
        "category_url": .categoryUrl,
        "tags": .tags,
        "source": .source,
        "publisher": .publisher,
        "author": .author,
        "original_url": .originalUrl,
        "summary": .summary,
        "summary_html": .summaryHtml,
        "draft": .draft,
        "updated": .updated,
        "params": .params,
        "content": .content,
        "has_neighbours": .hasNeighbours,
        "previous": .previous,
        "next": .next,
    ]

    /// Stored fields are read through the pointer, without copying the article; a borrowed
    /// `Article` parameter, or a computed property of it, copied it.
    private func value(named name: String, of pointer: UnsafePointer<Article>) -> Any? {
        // One hash look-up: a `switch` over the names compared the name with each in turn,
        // two dozen string comparisons for a late one or for a name that is not a field.
        guard let field = Self.fields[name] else {
            // Front matter keys Gazette does not know reach the templates as written.
            return pointer.pointee.frontMatter[name]?.templateValue
        }
        switch field {
        case .title: return pointer.pointee.title
        case .slug: return pointer.pointee.slug
        case .url: return Article.routePath(date: pointer.pointee.date, slug: pointer.pointee.slug, prefix: root, suffix: "index.html")
        case .permalink: return context.config.absoluteURL(Article.routePath(date: pointer.pointee.date, slug: pointer.pointee.slug))
        case .date: return pointer.pointee.date.iso8601
        case .dateDisplay: return Self.day(of: pointer.pointee.date).title
        case .timeDisplay:
            let c = pointer.pointee.date.civil
            return "\(pad(c.hour)):\(pad(c.minute))"
        case .weekday: return Timestamp.weekdayNames[pointer.pointee.date.civil.weekday]
        case .timezone: return context.config.timeZoneName
        case .utcOffset: return pointer.pointee.date.offsetString(colon: true, zulu: false)
        case .dayUrl: return root + Route.period(Self.day(of: pointer.pointee.date)) + "index.html"
        case .category: return pointer.pointee.category
        case .categorySlug: return pointer.pointee.categorySlug
        case .categoryUrl: return root + Route.category(pointer.pointee.categorySlug) + "index.html"
        case .tags: return pointer.pointee.tags.map { ["name": $0] }
        case .source: return pointer.pointee.source ?? false
        case .publisher: return pointer.pointee.publisher ?? false
        case .author: return pointer.pointee.author ?? false
        case .originalUrl: return pointer.pointee.originalURL ?? false
        case .summary: return pointer.pointee.summaryText
        case .summaryHtml: return pointer.pointee.summaryHTML
        case .draft: return pointer.pointee.draft
        case .updated: return pointer.pointee.updated?.iso8601 ?? false
        case .params: return pointer.pointee.metadata.templateValue
        case .content: return isPage ? pointer.pointee.html : nil
        case .hasNeighbours:
            guard isPage else { return nil }
            let (older, newer) = context.index.neighbours(ofArticle: index)
            return older != nil || newer != nil
        case .previous, .next:
            guard isPage else { return nil }
            let (older, newer) = context.index.neighbours(ofArticle: index)
            guard let other = field == .previous ? older : newer else { return false }
            return context.link(to: other, root: root)
        }
    }

    static func day(of date: Timestamp) -> Period {
        let c = date.civil
        return Period(.day, year: c.year, month: c.month, day: c.day)
    }
}
