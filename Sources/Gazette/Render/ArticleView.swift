import GazetteTemplates

/// One article as templates see it. Values are made when a template asks for them, so a list
/// pays only for the keys its template uses.
final class ArticleView: TemplateObject {
    let article: Article
    /// The article's place in the index.
    let index: Int
    let context: PageContext
    /// Links from the page being rendered.
    let links: Links
    /// The body's HTML, on the article's own page only: there, `content`, `previous` and `next`
    /// are there too.
    let body: String?

    init(article: Article, index: Int, context: PageContext, links: Links, body: String?) {
        self.article = article
        self.index = index
        self.context = context
        self.links = links
        self.body = body
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "title": return .string(article.title)
        case "slug": return .string(article.slug)
        case "url": return .string(links.href(.article(date: article.date, slug: article.slug)))
        case "permalink": return .string(context.config.absoluteURL(.article(date: article.date, slug: article.slug)))
        case "date", "date_iso": return .string(article.date.iso8601)
        case "date_display": return .string(Period(dayOf: article.date).title)
        case "time_display":
            let c = article.date.civil
            return .string("\(pad(c.hour)):\(pad(c.minute))")
        case "weekday": return .string(Timestamp.weekdayNames[article.date.civil.weekday])
        case "timezone": return .string(context.config.timeZoneName)
        case "utc_offset": return .string(article.date.offsetString(colon: true, zulu: false))
        case "day_url": return .string(links.href(.period(Period(dayOf: article.date))))
        case "category": return .string(article.category)
        case "category_slug": return .string(article.categorySlug)
        case "category_url": return .string(links.href(.category(article.categorySlug)))
        case "tags": return .list(article.tags.map { ["name": .string($0), "url": .string(links.href(.section(.tag, Slug.make($0))))] })
        case "source": return Self.text(article.source)
        case "source_url": return article.source.map { .string(links.href(.section(.source, Slug.make($0)))) } ?? false
        case "image":
            guard let image = article.image else { return false }
            return .string(SiteConfig.isAbsoluteImage(image) ? image : links.href(.file(SiteConfig.encodedPath(image))))
        case "image_alt": return .string(article.imageAlt ?? "")
        case "publisher": return Self.text(article.publisher)
        case "author": return Self.text(article.author)
        case "original_url": return Self.text(article.originalURL)
        case "summary": return .string(article.summaryText)
        case "summary_html": return .string(article.summaryHTML)
        case "draft": return .bool(article.draft)
        case "updated": return Self.text(article.updated?.iso8601)
        case "params": return article.metadata.templateValue
        case "content": return body.map(TemplateValue.string)
        case "also_reported":
            // The other versions of its story: on its own page, and with it in lists (which
            // show a story once).
            let others = context.index.otherVersions(of: index)
            guard !others.isEmpty else { return false }
            return .list(others.map { context.version($0, links) })
        case "has_versions": return .bool(!context.index.otherVersions(of: index).isEmpty)
        case "has_related":
            guard body != nil else { return nil }
            return .bool(!context.index.related(to: index).isEmpty)
        case "related":
            guard body != nil else { return nil }
            let related = context.index.related(to: index)
            guard !related.isEmpty else { return false }
            return .list(related.map { context.item($0, links) })
        case "has_neighbours":
            guard body != nil else { return nil }
            let (older, newer) = context.index.neighbours(ofArticle: index)
            return .bool(older != nil || newer != nil)
        case "previous", "next":
            guard body != nil else { return nil }
            let (older, newer) = context.index.neighbours(ofArticle: index)
            guard let other = key == "previous" ? older : newer else { return false }
            return context.link(to: other, links)
        default:
            // Front matter keys Gazette does not know reach the templates as written.
            return article.metadata[key]?.templateValue
        }
    }

    /// An optional field: its text, or `false` so that `{{#source}}…{{/source}}` tests it.
    static func text(_ value: String?) -> TemplateValue {
        value.map(TemplateValue.string) ?? false
    }
}
