import Foundation

/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds: each item or entry becomes an article.
///
/// HTML in titles, summaries and content goes through `HTMLToMarkdown`, which keeps only safe
/// Markdown; relative links are resolved against the feed's base (`xml:base`, else its link).
struct FeedReader: Sendable {
    enum Namespace {
        static let atom = "http://www.w3.org/2005/Atom"
        static let rss1 = "http://purl.org/rss/1.0/"
        static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        static let dc = "http://purl.org/dc/elements/1.1/"
        static let content = "http://purl.org/rss/1.0/modules/content/"
        static let xhtml = "http://www.w3.org/1999/xhtml"
        static let media = "http://search.yahoo.com/mrss/"
    }

    /// An item's lead image as the feed describes it.
    struct LeadImage: Sendable, Hashable {
        var url: String
        var alt: String?
        var caption: String?
        var credit: String?
        var width: Int?
        var height: Int?

        /// Sets `article`'s image fields.
        func apply(to article: inout ImportedArticle) {
            article.image = url
            article.imageAlt = alt
            article.imageCaption = caption
            article.imageCredit = credit
            article.imageWidth = width
            article.imageHeight = height
        }
    }

    /// An item's lead image: Media RSS `media:content` (an image, by `medium` or `type`) or
    /// `media:thumbnail`, directly or in a `media:group`, else an `enclosure` of an image type
    /// (an Atom `link rel="enclosure"`); resolved, and only an http(s) URL. Its text alternative
    /// from `media:description` or `media:title`; its credit from `media:credit` (on the image,
    /// its group or the item); its caption from `media:text`, or from `media:description` when
    /// `media:title` is its alternative; its size from `width` and `height`, when both are there.
    static func image(in item: MarkupNode, urls: SafeURL) -> LeadImage? {
        func isImage(_ node: MarkupNode) -> Bool {
            if let medium = node.attribute("medium") { return medium.lowercased() == "image" }
            if let type = node.attribute("type") { return type.lowercased().hasPrefix("image/") }
            return node.name == "thumbnail"
        }
        let groups = [item] + item.children(named: "group", namespace: Namespace.media)
        let media =
            groups.flatMap { group in
                group.children(named: "content", namespace: Namespace.media).filter(isImage).map { (node: $0, group: group) }
            }
            + groups.flatMap { group in group.children(named: "thumbnail", namespace: Namespace.media).map { (node: $0, group: group) } }
        let enclosures =
            (item.children(named: "enclosure")
            + item.children(named: "link", namespace: Namespace.atom).filter {
                $0.attribute("rel") == "enclosure"
            }).filter { ($0.attribute("type") ?? "").lowercased().hasPrefix("image/") }.map { (node: $0, group: item) }
        func text(_ node: MarkupNode?) -> String? {
            node.map { HTMLToMarkdown.foldWhitespace(plainText(fromHTML: $0.textContent)) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        func pixels(_ value: String?) -> Int? {
            value.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { (1...100_000).contains($0) ? $0 : nil }
        }
        for (node, group) in media + enclosures {
            guard let link = node.attribute("url") ?? node.attribute("href"), let url = urls.resolve(link),
                url.hasPrefix("http://") || url.hasPrefix("https://")
            else { continue }
            let description =
                text(node.first("description", namespace: Namespace.media)) ?? text(group.first("description", namespace: Namespace.media))
                ?? text(item.first("description", namespace: Namespace.media))
            let title = text(node.first("title", namespace: Namespace.media))
            let alt = description ?? title
            var caption = text(node.first("text", namespace: Namespace.media))
            if caption == nil, title != nil, let description, description != title { caption = description }
            let credit = [node, group, item].lazy.compactMap { text($0.first("credit", namespace: Namespace.media)) }.first
            let width = pixels(node.attribute("width")), height = pixels(node.attribute("height"))
            return LeadImage(
                url: url, alt: title != nil && caption != nil ? title : alt, caption: caption, credit: credit,
                width: width != nil && height != nil ? width : nil, height: width != nil && height != nil ? height : nil)
        }
        return nil
    }

    struct Result: Sendable {
        var articles: [ImportedArticle] = []
        /// Items that could not be imported, each said as `item N ('title'): reason`.
        var problems: [String] = []
        /// Items imported with a guess, said the same way (an item without a date).
        var warnings: [String] = []
    }

    /// The zone for dates written without an offset.
    var timeZone: TimeZone
    /// Where the feed was fetched from (after redirects), when it was: relative links without an
    /// `xml:base` are resolved against it. A saved file has none, and the feed's own link stands in.
    var documentURL: URL? = nil
    /// The outlet's name by the normalised address of its feed (`sources.yml`): a feed that
    /// states one of these as its address is named as the editor named it, rather than by its
    /// own title.
    var sourceNames: [String: String] = [:]
    /// The time of import: the date of an item when neither it nor its feed has one.
    var now = Date()

    func read(_ root: MarkupNode, format: ImportFormat) throws(ImportError) -> Result {
        switch format {
        case .rss2:
            guard let channel = root.first("channel") else { throw ImportError("RSS feed without a <channel>") }
            let base =
                Self.base(
                    channel.attribute("xml:base"), relativeTo: Self.base(root.attribute("xml:base"), relativeTo: documentURL) ?? documentURL
                )
                ?? Self.base(root.attribute("xml:base"), relativeTo: documentURL)
                ?? documentURL
                ?? channel.first("link").flatMap { SafeURL.absolute($0.textContent) }
            let feedDate = [channel.first("lastBuildDate"), channel.first("pubDate"), channel.first("date", namespace: Namespace.dc)]
                .lazy.compactMap { $0 }.first
            return items(
                channel.children(named: "item").filter { $0.namespace == nil },
                feed: feed(
                    title: channel.first("title")?.textContent, site: channel.first("link")?.textContent,
                    selfLinks: Self.selfLinks(channel), date: feedDate),
                base: base)
        case .rss1:
            let channel = root.first("channel", namespace: Namespace.rss1)
            let base = documentURL ?? channel?.first("link", namespace: Namespace.rss1).flatMap { SafeURL.absolute($0.textContent) }
            // RSS 1.0 puts items beside the channel, not inside it.
            return items(
                root.children(named: "item").filter { $0.namespace == Namespace.rss1 },
                feed: feed(
                    title: channel?.first("title", namespace: Namespace.rss1)?.textContent,
                    site: channel?.first("link", namespace: Namespace.rss1)?.textContent,
                    selfLinks: channel.map(Self.selfLinks) ?? [], date: channel?.first("date", namespace: Namespace.dc)),
                base: base)
        case .atom:
            return entries(root)
        case .capture, .htmlPage:
            throw ImportError("not a feed")
        }
    }

    // MARK: RSS

    /// What a feed says of itself that its items fall back on.
    struct FeedInfo {
        /// The outlet, when the items name none.
        var source: String?
        /// The feed's own date (`lastBuildDate`, `pubDate`, Atom's `updated`) as written, and its
        /// element's name.
        var date: (text: String, element: String)?
    }

    /// The outlet's name: the one `sources.yml` gives the address the feed states as its own,
    /// else the site part of the feed's title (`World news | The Guardian` → `The Guardian`).
    /// Only what the feed itself says counts (not where it was fetched from), so that a fetched
    /// feed and the same feed saved and imported name their articles alike, and are one.
    func feed(title: String?, site: String?, selfLinks: [String], date: MarkupNode?) -> FeedInfo {
        let listed = selfLinks.lazy.compactMap { sourceNames[ArticleIdentity.normalizedURL($0)] }.first
        let titled = title.map(HTMLToMarkdown.foldWhitespace).flatMap { Self.nonEmpty(Self.outletName(fromTitle: $0, site: site)) }
        let dateText = date.map { HTMLToMarkdown.foldWhitespace($0.textContent) }.flatMap(Self.nonEmpty)
        return FeedInfo(source: listed ?? titled, date: dateText.map { ($0, date?.name ?? "") })
    }

    /// The feed's `atom:link rel="self"` addresses: where the feed says it lives.
    static func selfLinks(_ node: MarkupNode) -> [String] {
        node.children(named: "link", namespace: Namespace.atom).filter { $0.attribute("rel") == "self" }
            .compactMap { $0.attribute("href") }
    }

    /// Separators between a feed title's parts: `World news | The Guardian`, `BBC News - World`.
    static let titleSeparators = [" | ", " – ", " — ", " - ", " :: "]

    /// The part of a feed's title that names the outlet. A title in parts (split at the first
    /// separator of `titleSeparators` it holds) gives the part that the site's address names
    /// (`The Guardian` for theguardian.com, `BBC News` for bbc.co.uk), else its last part, where
    /// most feeds put the site; a title in one part is the name.
    static func outletName(fromTitle title: String, site: String?) -> String {
        guard let separator = titleSeparators.first(where: { title.contains($0) }) else { return title }
        let parts = title.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let last = parts.last else { return title }
        func squashed(_ s: String) -> String { String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }) }
        let generic: Set<String> = ["www", "com", "org", "net", "co", "uk", "news", "rss", "feeds", "feed"]
        let labels = (site.flatMap { URL(string: $0.trimmingCharacters(in: .whitespacesAndNewlines))?.host } ?? "")
            .lowercased().split(separator: ".").map(String.init).filter { $0.count >= 3 && !generic.contains($0) }
        let named = parts.first { part in
            let key = squashed(part)
            return key.count >= 3 && labels.contains { key.hasPrefix($0) || $0.hasPrefix(key) || $0.contains(key) }
        }
        return named ?? last
    }

    /// An item's date from `text` (nil when that is no date); for an item without one
    /// (`undated`), its feed's, else the time of import, with a warning that says which, since
    /// the date decides the article's address.
    func itemDate(_ text: String?, feed: FeedInfo, warn: (String) -> Void, missing: String) -> (date: Timestamp, undated: Bool)? {
        if let text, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            return DateReader.read(text, in: timeZone).map { ($0, false) }
        }
        if let (text, element) = feed.date, let date = DateReader.read(text, in: timeZone) {
            warn("\(missing); dated with the feed's \(element), \(date.iso8601)")
            return (date, true)
        }
        let date = Timestamp(now, in: timeZone)
        warn("\(missing); dated with the time of import, \(date.iso8601)")
        return (date, true)
    }

    private func items(_ items: [MarkupNode], feed: FeedInfo, base: URL?) -> Result {
        var result = Result()
        let source = feed.source
        for (number, item) in items.enumerated() {
            let ns = item.namespace
            let itemBase = Self.base(item.attribute("xml:base"), relativeTo: base) ?? base
            let urls = SafeURL(base: itemBase)
            let title = item.first("title", namespace: ns).map { Self.title($0.textContent) } ?? ""
            func fail(_ reason: String) {
                result.problems.append("item \(number + 1)\(title.isEmpty ? "" : " ('\(title)')"): \(reason)")
            }
            func warn(_ reason: String) {
                result.warnings.append("item \(number + 1)\(title.isEmpty ? "" : " ('\(title)')"): \(reason)")
            }
            var link = item.first("link", namespace: ns).flatMap { urls.resolve($0.textContent) }
            if link == nil, let guid = item.first("guid"), guid.attribute("isPermaLink")?.lowercased() != "false" {
                link = urls.resolve(guid.textContent)
            }
            if let l = link, !(l.hasPrefix("http://") || l.hasPrefix("https://")) { link = nil }
            let dateText = item.first("pubDate")?.textContent ?? item.first("date", namespace: Namespace.dc)?.textContent
            guard let (date, undated) = itemDate(dateText, feed: feed, warn: warn, missing: "no date (pubDate or dc:date)") else {
                fail("'\(dateText ?? "")' is not a date")
                continue
            }
            let categories =
                (item.children(named: "category").filter { $0.namespace == nil }
                + item.children(named: "subject", namespace: Namespace.dc)).map { HTMLToMarkdown.foldWhitespace($0.textContent) }
            var author = item.first("creator", namespace: Namespace.dc)?.textContent ?? item.first("author")?.textContent
            author = author.map(Self.personName)
            let description = item.first("description", namespace: ns)?.textContent
            let encoded = item.first("encoded", namespace: Namespace.content)?.textContent
            let converter = HTMLToMarkdown(base: itemBase)
            var body = (encoded ?? description).map { converter.convert(Self.fragment($0)) } ?? ""
            var summary: String?
            if encoded != nil, let description {
                summary = Self.plainText(fromHTML: description)
            }
            let itemSource = item.first("source").map { HTMLToMarkdown.foldWhitespace($0.textContent) }
            let finalTitle = title.isEmpty ? (summary ?? Self.plainText(fromHTML: description ?? "")).prefix(80).description : title
            guard !finalTitle.isEmpty else { fail("no title"); continue }
            if body.isEmpty, let summary, !summary.isEmpty { body = MarkdownEscaper.paragraph(summary) }
            var article = ImportedArticle(
                title: finalTitle, date: date, category: categories.first, tags: Array(categories.dropFirst()),
                source: itemSource.flatMap { $0.isEmpty ? nil : $0 } ?? source, author: Self.nonEmpty(author),
                originalURL: link, summary: Self.nonEmpty(summary), body: body)
            article.undated = undated
            if let image = Self.image(in: item, urls: urls) { image.apply(to: &article) }
            result.articles.append(article)
        }
        return result
    }

    // MARK: Atom

    private func entries(_ feed: MarkupNode) -> Result {
        var result = Result()
        let atom = Namespace.atom
        let feedBase =
            Self.base(feed.attribute("xml:base"), relativeTo: documentURL)
            ?? documentURL
            ?? Self.link(in: feed, base: nil).flatMap(SafeURL.absolute)
        let feedTitle = feed.first("title", namespace: atom).map { Self.atomText($0, base: feedBase).plain }
        let info = self.feed(
            title: feedTitle, site: Self.link(in: feed, base: feedBase), selfLinks: Self.selfLinks(feed),
            date: feed.first("updated", namespace: atom))
        let feedAuthor = feed.first("author", namespace: atom)?.first("name", namespace: atom)?.textContent
        for (number, entry) in feed.children(named: "entry", namespace: atom).enumerated() {
            let base = Self.base(entry.attribute("xml:base"), relativeTo: feedBase) ?? feedBase
            let title = entry.first("title", namespace: atom).map { Self.atomText($0, base: base).plain } ?? ""
            func fail(_ reason: String) {
                result.problems.append("entry \(number + 1)\(title.isEmpty ? "" : " ('\(title)')"): \(reason)")
            }
            func warn(_ reason: String) {
                result.warnings.append("entry \(number + 1)\(title.isEmpty ? "" : " ('\(title)')"): \(reason)")
            }
            guard !title.isEmpty else { fail("no title"); continue }
            let dateText = entry.first("published", namespace: atom)?.textContent ?? entry.first("updated", namespace: atom)?.textContent
            guard let (date, undated) = itemDate(dateText, feed: info, warn: warn, missing: "no date (published or updated)") else {
                fail("'\(dateText ?? "")' is not a date")
                continue
            }
            var link = Self.link(in: entry, base: base)
            if link == nil, let id = entry.first("id", namespace: atom)?.textContent, SafeURL.absolute(id) != nil {
                link = SafeURL.absolute(id)?.absoluteString
            }
            let categories = entry.children(named: "category", namespace: atom)
                .compactMap { Self.nonEmpty($0.attribute("label") ?? $0.attribute("term")) }
            let author = entry.first("author", namespace: atom)?.first("name", namespace: atom)?.textContent ?? feedAuthor
            let summary = entry.first("summary", namespace: atom).map { Self.atomText($0, base: base) }
            let content = entry.first("content", namespace: atom).map { Self.atomText($0, base: base) }
            var body = content?.markdown ?? ""
            if body.isEmpty { body = summary?.markdown ?? "" }
            let entrySource = entry.first("source", namespace: atom)?.first("title", namespace: atom)?.textContent
            var article = ImportedArticle(
                title: title, date: date, category: categories.first, tags: Array(categories.dropFirst()),
                source: Self.nonEmpty(entrySource.map(HTMLToMarkdown.foldWhitespace)) ?? info.source,
                author: Self.nonEmpty(author.map(HTMLToMarkdown.foldWhitespace)), originalURL: link,
                summary: content != nil ? Self.nonEmpty(summary?.plain) : nil, body: body)
            article.undated = undated
            if let image = Self.image(in: entry, urls: SafeURL(base: base)) { image.apply(to: &article) }
            result.articles.append(article)
        }
        return result
    }

    /// The `alternate` link (or one with no `rel`), resolved; for a feed, its `self` link will do.
    private static func link(in node: MarkupNode, base: URL?) -> String? {
        let links = node.children(named: "link", namespace: Namespace.atom)
        let chosen =
            links.first { ($0.attribute("rel") ?? "alternate") == "alternate" }
            ?? (node.name == "feed" ? links.first { $0.attribute("rel") == "self" } : nil)
        guard let href = chosen?.attribute("href"), let url = SafeURL(base: base).resolve(href),
            url.hasPrefix("http://") || url.hasPrefix("https://")
        else { return nil }
        return url
    }

    /// An Atom text construct (`type` text, html or xhtml) as plain text and as Markdown.
    private static func atomText(_ node: MarkupNode, base: URL?) -> (plain: String, markdown: String) {
        let nodeBase = Self.base(node.attribute("xml:base"), relativeTo: base) ?? base
        switch node.attribute("type")?.lowercased() ?? "text" {
        case "html", "text/html":
            let tree = fragment(node.textContent)
            return (HTMLToMarkdown.plainText(of: tree), HTMLToMarkdown(base: nodeBase).convert(tree))
        case "xhtml", "application/xhtml+xml":
            let div = node.first("div", namespace: Namespace.xhtml) ?? node
            let lowered = lowercasedNames(div)
            return (HTMLToMarkdown.plainText(of: lowered), HTMLToMarkdown(base: nodeBase).convert(lowered))
        case "text", "text/plain":
            let text = node.textContent
            let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
            return (HTMLToMarkdown.foldWhitespace(text), paragraphs.map(MarkdownEscaper.paragraph).joined(separator: "\n\n"))
        default:
            // Out-of-line content (`src=`) or a media type that is not text: nothing to show here.
            return ("", "")
        }
    }

    private static func lowercasedNames(_ node: MarkupNode) -> MarkupNode {
        var copy = node
        copy.name = node.name.lowercased()
        copy.children = node.children.map { $0.isElement ? lowercasedNames($0) : $0 }
        return copy
    }

    // MARK: Helpers

    /// An HTML fragment (a feed's escaped or CDATA HTML) as the `<body>` of a page.
    static func fragment(_ html: String) -> MarkupNode {
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        let root = LibXML.parseHTML(Array(page.utf8), encoding: "UTF-8")
        return root?.first("body") ?? .element("body")
    }

    /// An RSS title is text, but some feeds put HTML in it: read it as HTML only when it holds tags
    /// that HTML would act on, so that a title such as "Talks on <trade>" keeps its words.
    static func title(_ text: String) -> String {
        let tags = #"</?(a|b|i|u|s|em|strong|span|br|code|sup|sub|small|mark|abbr|q|cite|font|script|style|iframe|img)(\s[^>]*)?/?>"#
        if text.range(of: tags, options: [.regularExpression, .caseInsensitive]) != nil {
            return HTMLToMarkdown.plainText(of: fragment(text))
        }
        return HTMLToMarkdown.foldWhitespace(text)
    }

    /// Descriptions in RSS are escaped HTML; a reader sees its text.
    static func plainText(fromHTML text: String) -> String {
        guard text.contains("<") || text.contains("&") else { return HTMLToMarkdown.foldWhitespace(text) }
        return HTMLToMarkdown.plainText(of: fragment(text))
    }

    static func base(_ value: String?, relativeTo base: URL?) -> URL? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        guard let resolved = SafeURL(base: base).resolve(value) else { return nil }
        return SafeURL.absolute(resolved)
    }

    /// `jo@example.org (Jo Bloggs)` → `Jo Bloggs`.
    static func personName(_ text: String) -> String {
        let t = HTMLToMarkdown.foldWhitespace(text)
        if let open = t.firstIndex(of: "("), t.hasSuffix(")"), t[..<open].contains("@") {
            return String(t[t.index(after: open)..<t.index(before: t.endIndex)])
        }
        return t
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
}

extension MarkupNode {
    /// The first child element named `name` in exactly `namespace` (nil: no namespace).
    func first(_ name: String, namespace: String? = nil) -> MarkupNode? {
        children.first { $0.isElement && $0.name == name && $0.namespace == namespace }
    }
}
