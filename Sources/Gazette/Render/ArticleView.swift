import Foundation
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
        // What every list item asks, first: a key is found by comparing it with each case in turn.
        case "time_display": return .string(context.index.dates.time(article.date))
        case "source": return Self.text(article.source)
        case "source_url":
            return article.source.map { .string(links.href(.section(.source, Slug.make($0, style: context.config.slugStyle)))) } ?? false
        // Left out when there is none, so that `{{#summary}}` writes no empty paragraph.
        case "summary": return article.summaryText.isEmpty ? false : .string(article.summaryText)
        case "original_url": return Self.text(article.originalURL)
        case "outbound_label":
            // Lists' small link to the original, named by its site (`reuters.com`), as Hacker
            // News does: the outlet's name is beside it already, linking its page here.
            guard let original = article.originalURL else { return false }
            return .string(Self.site(of: original))
        case "has_versions": return .bool(context.index.storyVersions(of: index).count > 1)
        case "via_label": return article.publisher.map { .string(context.labels("via_publisher", ["publisher": $0])) } ?? false
        case "permalink": return .string(context.config.absoluteURL(.article(date: article.date, slug: article.slug)))
        case "date", "date_iso": return .string(article.date.iso8601)
        case "date_display": return .string(context.index.dates.title(Period(dayOf: article.date)))
        case "date_long": return .string(context.index.dates.longTitle(Period(dayOf: article.date)))
        case "weekday": return .string(context.index.dates.weekday(article.date))
        case "timezone": return .string(context.config.timeZoneName)
        case "utc_offset": return .string(article.date.offsetString(colon: true, zulu: false))
        case "zone_name": return .string(context.index.dates.zone(article.date))
        // Its edition's page: with a cut-off, an article of 05:59 is in the day before's.
        case "day_url": return .string(links.href(.period(context.index.edition(of: article.date))))
        case "category": return .string(article.category)
        case "category_slug": return .string(article.categorySlug)
        case "category_url": return .string(links.href(.category(article.categorySlug)))
        case "tags":
            return .list(
                article.tags.map {
                    ["name": .string($0), "url": .string(links.href(.section(.tag, Slug.make($0, style: context.config.slugStyle))))]
                })
        case "image":
            guard let image = article.image else { return false }
            return .string(SiteConfig.isAbsoluteImage(image) ? image : links.href(.file(SiteConfig.encodedPath(image))))
        case "image_alt": return .string(article.imageAlt ?? "")
        case "publisher": return Self.text(article.publisher)
        case "author": return Self.text(article.author)
        case "summary_html": return article.summaryHTML.isEmpty ? false : .string(article.summaryHTML)
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
        case "by_label": return article.author.map { .string(context.labels("by_author", ["author": $0])) } ?? false
        case "read_original_label":
            return .string(article.source.map { context.labels("read_original_at", ["source": $0]) } ?? context.labels("read_original"))
        case "more_in_label": return .string(context.labels("more_in", ["category": article.category]))
        case "previous_label": return .string(context.labels("previous_in", ["category": article.category]))
        case "next_label": return .string(context.labels("next_in", ["category": article.category]))
        case "updated_label":
            guard let updated = article.updated else { return false }
            return .string(context.labels("updated_at", ["date": context.when(updated)]))
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

    /// `example.com` of `https://www.example.com:8080/a`: the host, lowercased, without `www.`,
    /// a port or user information; the URL as written when it has no host. Read by hand: every
    /// list item asks, and URLComponents costs more than the rest of the item.
    static func site(of url: String) -> String {
        let bytes = Array(url.utf8)
        // After the scheme's `://`.
        var start = 0
        while start + 2 < bytes.count, !(bytes[start] == 0x3A && bytes[start + 1] == 0x2F && bytes[start + 2] == 0x2F) { start += 1 }
        guard start + 2 < bytes.count else { return url }
        start += 3
        var end = start
        while end < bytes.count, bytes[end] != 0x2F, bytes[end] != 0x3F, bytes[end] != 0x23 { end += 1 }
        // Without user information (`user:pw@`) and port; an IPv6 literal keeps its brackets.
        var hostStart = start
        for i in start..<end where bytes[i] == 0x40 { hostStart = i + 1 }
        var hostEnd = hostStart
        if hostStart < end, bytes[hostStart] == 0x5B {
            while hostEnd < end, bytes[hostEnd] != 0x5D { hostEnd += 1 }
            hostEnd = min(hostEnd + 1, end)
        } else {
            while hostEnd < end, bytes[hostEnd] != 0x3A { hostEnd += 1 }
        }
        guard hostEnd > hostStart else { return url }
        var host = bytes[hostStart..<hostEnd].map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }
        if host.starts(with: Array("www.".utf8)) { host.removeFirst(4) }
        return String(decoding: host, as: UTF8.self)
    }

    /// An optional field: its text, or `false` so that `{{#source}}…{{/source}}` tests it.
    static func text(_ value: String?) -> TemplateValue {
        value.map(TemplateValue.string) ?? false
    }
}
