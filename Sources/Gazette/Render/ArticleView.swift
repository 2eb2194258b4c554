import Foundation
import GazetteTemplates

/// One article as templates see it. Values are made when a template asks for them, so a list
/// pays only for the keys its template uses.
final class ArticleView: TemplateObject {
    /// The article, shared with the index: read in place, never copied.
    let record: SiteIndex.Record
    var article: Article {
        _read { yield record.article }
    }
    /// The article's place in the index.
    let index: Int
    let context: PageContext
    /// Links from the page being rendered.
    let links: Links
    /// The body's HTML, on the article's own page only: there, `content`, `previous` and `next`
    /// are there too.
    let body: String?

    init(record: SiteIndex.Record, index: Int, context: PageContext, links: Links, body: String?) {
        self.record = record
        self.index = index
        self.context = context
        self.links = links
        self.body = body
    }

    /// In a list, an article answers alike on every page of the same depth (its links are
    /// relative to the page): one identity for all of them, so that its item is rendered once
    /// (see `PartialMemo`). On its own page (with its body) it has none.
    var renderingIdentity: Int? {
        guard body == nil, links.depth >= 0, links.depth < 256 else { return nil }
        return index << 8 | links.depth
    }

    /// The fields, by the name templates give them. A key comes with its slot in `vocabulary`,
    /// which finds its field by index; else one hash of the key finds it (a `switch` over the
    /// names compared a key with each name in turn, every name for a key that is not a field,
    /// as `t` and the site's own front matter keys are).
    enum Field: String, CaseIterable {
        case title
        case slug
        case url
        case timeDisplay = "time_display"
        case source
        case sourceUrl = "source_url"
        case summary
        case originalUrl = "original_url"
        case outboundLabel = "outbound_label"
        case hasVersions = "has_versions"
        case viaLabel = "via_label"
        case permalink
        case date
        case dateIso = "date_iso"
        case dateDisplay = "date_display"
        case dateLong = "date_long"
        case weekday
        case timezone
        case utcOffset = "utc_offset"
        case zoneName = "zone_name"
        case dayUrl = "day_url"
        case category
        case categorySlug = "category_slug"
        case categoryUrl = "category_url"
        case tags
        case image
        case imageAlt = "image_alt"
        case publisher
        case author
        case summaryHtml = "summary_html"
        case draft
        case updated
        case params
        case content
        case alsoReported = "also_reported"
        case byLabel = "by_label"
        case readOriginalLabel = "read_original_label"
        case moreInLabel = "more_in_label"
        case previousLabel = "previous_label"
        case nextLabel = "next_label"
        case updatedLabel = "updated_label"
        case hasRelated = "has_related"
        case related
        case hasNeighbours = "has_neighbours"
        case previous
        case next
    }

    static let fields: [String: Field] = Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0.rawValue, $0) })
    /// The fields by slot: the theme's templates are compiled with `vocabulary`, so that a
    /// field's slot is its place here.
    static let fieldsBySlot = Array(Field.allCases)
    static let vocabulary = TemplateVocabulary(fieldsBySlot.map(\.rawValue))

    func value(forKey key: String) -> TemplateValue? {
        // Front matter keys Gazette does not know reach the templates as written.
        guard let field = Self.fields[key] else { return article.metadata[key]?.templateValue }
        return value(of: field)
    }

    func value(forKey key: String, slot: Int) -> TemplateValue? {
        // A slot from a template compiled with another vocabulary names another field.
        if slot >= 0, slot < Self.fieldsBySlot.count, Self.fieldsBySlot[slot].rawValue == key {
            return value(of: Self.fieldsBySlot[slot])
        }
        return value(forKey: key)
    }

    private func value(of field: Field) -> TemplateValue? {
        switch field {
        case .title: return .string(article.title)
        case .slug: return .string(article.slug)
        case .url: return .string(links.href(record.route))
        case .timeDisplay: return .string(record.time)
        case .source: return Self.text(article.source)
        case .sourceUrl:
            return record.sourceSlug.map { .string(links.href(.section(.source, $0))) } ?? false
        // Left out when there is none, so that `{{#summary}}` writes no empty paragraph.
        case .summary: return article.summaryText.isEmpty ? false : .string(article.summaryText)
        case .originalUrl: return Self.text(article.originalURL)
        case .outboundLabel:
            // Lists' small link to the original, named by its site (`reuters.com`), as Hacker
            // News does: the outlet's name is beside it already, linking its page here.
            return record.originalSite.map(TemplateValue.string) ?? false
        case .hasVersions: return .bool(context.index.storyVersions(of: index).count > 1)
        case .viaLabel: return article.publisher.map { .string(context.labels("via_publisher", ["publisher": $0])) } ?? false
        case .permalink: return .string(context.config.absoluteURL(record.route))
        case .date, .dateIso: return .string(record.dateISO)
        case .dateDisplay: return .string(record.dateTitle)
        case .dateLong: return .string(context.index.dates.longTitle(Period(dayOf: article.date)))
        case .weekday: return .string(context.index.dates.weekday(article.date))
        case .timezone: return .string(context.config.timeZoneName)
        case .utcOffset: return .string(article.date.offsetString(colon: true, zulu: false))
        case .zoneName: return .string(context.index.dates.zone(article.date))
        // Its edition's page: with a cut-off, an article of 05:59 is in the day before's.
        case .dayUrl: return .string(links.href(.period(context.index.edition(of: article.date))))
        case .category: return .string(article.category)
        case .categorySlug: return .string(article.categorySlug)
        case .categoryUrl: return .string(links.href(.category(article.categorySlug)))
        case .tags:
            return .list(
                zip(article.tags, record.tagSlugs).map { name, slug in
                    ["name": .string(name), "url": .string(links.href(.section(.tag, slug)))]
                })
        case .image:
            guard let image = article.image else { return false }
            return .string(SiteConfig.isAbsoluteImage(image) ? image : links.href(.file(SiteConfig.encodedPath(image))))
        case .imageAlt: return .string(article.imageAlt ?? "")
        case .publisher: return Self.text(article.publisher)
        case .author: return Self.text(article.author)
        case .summaryHtml: return article.summaryHTML.isEmpty ? false : .string(article.summaryHTML)
        case .draft: return .bool(article.draft)
        case .updated: return Self.text(article.updated?.iso8601)
        case .params: return article.metadata.templateValue
        case .content: return body.map(TemplateValue.string)
        case .alsoReported:
            // The other versions of its story: on its own page, and with it in lists (which
            // show a story once).
            let others = context.index.otherVersions(of: index)
            guard !others.isEmpty else { return false }
            return .list(others.map { context.version($0, links) })
        case .byLabel: return article.author.map { .string(context.labels("by_author", ["author": $0])) } ?? false
        case .readOriginalLabel:
            return .string(article.source.map { context.labels("read_original_at", ["source": $0]) } ?? context.labels("read_original"))
        case .moreInLabel: return .string(context.labels("more_in", ["category": article.category]))
        case .previousLabel: return .string(context.labels("previous_in", ["category": article.category]))
        case .nextLabel: return .string(context.labels("next_in", ["category": article.category]))
        case .updatedLabel:
            guard let updated = article.updated else { return false }
            return .string(context.labels("updated_at", ["date": context.when(updated)]))
        case .hasRelated:
            guard body != nil else { return nil }
            return .bool(!context.index.related(to: index).isEmpty)
        case .related:
            guard body != nil else { return nil }
            let related = context.index.related(to: index)
            guard !related.isEmpty else { return false }
            return .list(related.map { context.item($0, links) })
        case .hasNeighbours:
            guard body != nil else { return nil }
            let (older, newer) = context.index.neighbours(ofArticle: index)
            return .bool(older != nil || newer != nil)
        case .previous, .next:
            guard body != nil else { return nil }
            let (older, newer) = context.index.neighbours(ofArticle: index)
            guard let other = field == .previous ? older : newer else { return false }
            return context.link(to: other, links)
        }
    }

    /// An optional field: its text, or `false` so that `{{#source}}…{{/source}}` tests it.
    static func text(_ value: String?) -> TemplateValue {
        value.map(TemplateValue.string) ?? false
    }
}
