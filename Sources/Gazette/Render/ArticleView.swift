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
    enum Field {
        case title, slug, url, permalink, date, dateDisplay, timeDisplay, weekday, timezone, utcOffset
        case dayUrl, category, categorySlug, categoryUrl, tags, source, publisher, author, originalUrl
        case summary, summaryHtml, draft, updated, params, content, hasNeighbours, previous, next
    }

    /// The field a name stands for, if any: its length and first byte leave one candidate (two
    /// for `permalink` and `publisher`), compared once. A dictionary look-up hashed the name
    /// first, a few hundred instructions for each of the thousands of fields a listing shows.
    static func field(named name: String) -> Field? {
        let utf8 = name.utf8
        guard let first = utf8.first else { return nil }
        func check(_ candidate: String, _ field: Field) -> Field? {
            name == candidate ? field : nil
        }
        switch (utf8.count, first) {
        case (3, UInt8(ascii: "u")): return check("url", .url)
        case (4, UInt8(ascii: "s")): return check("slug", .slug)
        case (4, UInt8(ascii: "d")): return check("date", .date)
        case (4, UInt8(ascii: "t")): return check("tags", .tags)
        case (4, UInt8(ascii: "n")): return check("next", .next)
        case (5, UInt8(ascii: "t")): return check("title", .title)
        case (5, UInt8(ascii: "d")): return check("draft", .draft)
        case (6, UInt8(ascii: "s")): return check("source", .source)
        case (6, UInt8(ascii: "a")): return check("author", .author)
        case (6, UInt8(ascii: "p")): return check("params", .params)
        case (7, UInt8(ascii: "w")): return check("weekday", .weekday)
        case (7, UInt8(ascii: "d")): return check("day_url", .dayUrl)
        case (7, UInt8(ascii: "s")): return check("summary", .summary)
        case (7, UInt8(ascii: "u")): return check("updated", .updated)
        case (7, UInt8(ascii: "c")): return check("content", .content)
        case (8, UInt8(ascii: "d")): return check("date_iso", .date)
        case (8, UInt8(ascii: "t")): return check("timezone", .timezone)
        case (8, UInt8(ascii: "c")): return check("category", .category)
        case (8, UInt8(ascii: "p")): return check("previous", .previous)
        case (9, UInt8(ascii: "p")): return check("permalink", .permalink) ?? check("publisher", .publisher)
        case (10, UInt8(ascii: "u")): return check("utc_offset", .utcOffset)
        case (12, UInt8(ascii: "d")): return check("date_display", .dateDisplay)
        case (12, UInt8(ascii: "t")): return check("time_display", .timeDisplay)
        case (12, UInt8(ascii: "c")): return check("category_url", .categoryUrl)
        case (12, UInt8(ascii: "o")): return check("original_url", .originalUrl)
        case (12, UInt8(ascii: "s")): return check("summary_html", .summaryHtml)
        case (13, UInt8(ascii: "c")): return check("category_slug", .categorySlug)
        case (14, UInt8(ascii: "h")): return check("has_neighbours", .hasNeighbours)
        default: return nil
        }
    }

    /// Stored fields are read through the pointer, without copying the article; a borrowed
    /// `Article` parameter, or a computed property of it, copied it.
    private func value(named name: String, of pointer: UnsafePointer<Article>) -> Any? {
        guard let field = Self.field(named: name) else {
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
