import Foundation

/// Reads a saved article page: its metadata from the usual places (Open Graph, `article:*`,
/// `<link rel="canonical">`, JSON-LD `NewsArticle`) and its article body as Markdown, without the
/// page around it (navigation, share bars, comments, forms, scripts).
struct HTMLPageReader: Sendable {
    var timeZone: TimeZone
    /// Where the page was fetched from, when it was: its links are relative to it (HTML's
    /// document URL). A saved file has none, and its canonical link stands in.
    var documentURL: URL? = nil

    func read(_ page: MarkupNode) throws(ImportError) -> ImportedArticle {
        let head = page.first("head") ?? page
        let metas = Self.metas(in: page)
        func meta(_ keys: String...) -> String? {
            for key in keys { if let v = metas[key], !v.isEmpty { return v } }
            return nil
        }
        let ld = Self.linkedData(in: page)

        let canonicalLink = page.descendants {
            $0.name == "link" && ($0.attribute("rel") ?? "").lowercased().split(separator: " ").contains("canonical")
        }
        .first?.attribute("href")
        let baseHref = head.descendants { $0.name == "base" }.first?.attribute("href")
        let canonical = [canonicalLink, meta("og:url"), ld?.string("url"), ld?.mainEntityURL]
            .compactMap { $0.flatMap(SafeURL.absolute) }.first
        let documentBase = documentURL ?? canonical
        let base = baseHref.flatMap { SafeURL(base: documentBase).resolve($0) }.flatMap(SafeURL.absolute) ?? documentBase

        let container = Self.articleContainer(in: page)
        let h1 = container.flatMap { $0.firstDescendant { $0.name == "h1" } } ?? page.firstDescendant { $0.name == "h1" }
        let titleCandidates = [
            ld?.string("headline"), meta("og:title", "twitter:title"), h1.map { HTMLToMarkdown.plainText(of: $0) },
            page.firstDescendant { $0.name == "title" }.map(\.textContent),
        ]
        guard let title = titleCandidates.compactMap({ $0.map(HTMLToMarkdown.foldWhitespace) }).first(where: { !$0.isEmpty }) else {
            throw ImportError("no title in the page (og:title, <h1> or <title>)")
        }
        guard let container else {
            throw ImportError("no article in the page: no <article>, article body or paragraphs of text")
        }

        let timeElement = container.firstDescendant { $0.name == "time" && $0.attribute("datetime") != nil }?.attribute("datetime")
        let itemprop = page.firstDescendant { $0.attribute("itemprop") == "datePublished" }
        let dateTexts = [
            meta("article:published_time", "og:article:published_time", "og:published_time"), ld?.string("datePublished"),
            itemprop.flatMap { $0.attribute("content") ?? $0.attribute("datetime") },
            meta(
                "date", "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created",
                "sailthru.date", "parsely-pub-date"),
            timeElement, ld?.string("dateCreated"), meta("article:modified_time"),
        ].compactMap { $0 }
        guard let date = dateTexts.lazy.compactMap({ DateReader.read($0, in: self.timeZone) }).first else {
            throw ImportError(
                dateTexts.isEmpty
                    ? "no publication date in the page (article:published_time, JSON-LD datePublished or <time datetime>)"
                    : "'\(dateTexts[0])' is not a date")
        }

        let body = try Self.markdown(of: container, title: title, base: base)

        var author = ld?.personName("author") ?? meta("author", "article:author", "byl", "sailthru.author", "parsely-author")
        if let a = author, SafeURL.absolute(a) != nil { author = nil }  // article:author is often a profile URL
        author = author.map { $0.hasPrefix("By ") ? String($0.dropFirst(3)) : $0 }
        let source = ld?.personName("publisher") ?? meta("og:site_name", "application-name", "publisher")
        var tags = metas.all("article:tag")
        if tags.isEmpty { tags = ld?.keywords ?? [] }
        let category = ld?.string("articleSection") ?? meta("article:section", "section", "parsely-section")
        let summary = meta("og:description", "description", "twitter:description") ?? ld?.string("description")
        var article = ImportedArticle(
            title: title, date: date, category: category.map(HTMLToMarkdown.foldWhitespace),
            tags: tags.map(HTMLToMarkdown.foldWhitespace).filter { !$0.isEmpty },
            source: source.map(HTMLToMarkdown.foldWhitespace), author: author.map(HTMLToMarkdown.foldWhitespace),
            originalURL: (canonical ?? documentURL)?.absoluteString, summary: summary.map(HTMLToMarkdown.foldWhitespace), body: body)
        // The lead image: og:image (or twitter:image), resolved against the page; http(s) only.
        let urls = SafeURL(base: base)
        if let text = meta("og:image:secure_url", "og:image", "og:image:url", "twitter:image"), let url = urls.resolve(text),
            url.hasPrefix("http://") || url.hasPrefix("https://")
        {
            article.image = url
            article.imageAlt = meta("og:image:alt", "twitter:image:alt").map(HTMLToMarkdown.foldWhitespace)
            let size = [meta("og:image:width"), meta("og:image:height")].map {
                $0.flatMap { Int($0) }.flatMap { (1...100_000).contains($0) ? $0 : nil }
            }
            if let width = size[0], let height = size[1] { (article.imageWidth, article.imageHeight) = (width, height) }
        }
        return article
    }

    // MARK: The article

    /// The article text of a fetched page, for a feed item that carries only a teaser: the same
    /// container and conversion as `read(_:)`, without needing the page's own title or date.
    func body(of page: MarkupNode) throws(ImportError) -> String {
        guard let container = Self.articleContainer(in: page) else {
            throw ImportError("no article in the page: no <article>, article body or paragraphs of text")
        }
        let baseHref = (page.first("head") ?? page).descendants { $0.name == "base" }.first?.attribute("href")
        let base = baseHref.flatMap { SafeURL(base: documentURL).resolve($0) }.flatMap(SafeURL.absolute) ?? documentURL
        // A feed's title and its page's headline often differ a little (a kicker, a rewrite): the
        // page's first <h1> is its headline whatever it says.
        return try Self.markdown(of: container, title: nil, base: base)
    }

    /// The container as Markdown, without the page's furniture or its headline (the front
    /// matter's title; the page's own <h1> would say it twice).
    /// `title` nil: the first <h1> is the headline, whatever its text.
    static func markdown(of container: MarkupNode, title: String?, base: URL?) throws(ImportError) -> String {
        var converter = HTMLToMarkdown(base: base)
        converter.droppedElements = ["header", "footer", "aside"]
        converter.dropsFurnitureClasses = true
        let body = converter.convert(removingHeadline(title, from: container))
        guard body.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw ImportError("no article in the page: the article has no text")
        }
        return body
    }

    static let bodyClassHints = [
        "article-body", "articlebody", "article__body", "story-body", "storybody", "entry-content",
        "post-content", "article-content", "story-content", "article-text", "post-body",
    ]

    /// The element holding the story: `itemprop=articleBody`, the largest `<article>`, a container
    /// whose class says so, `<main>`, or the `<body>` when it has paragraphs of its own.
    static func articleContainer(in page: MarkupNode) -> MarkupNode? {
        func textLength(_ n: MarkupNode) -> Int {
            n.descendants { $0.name == "p" }.reduce(0) { $0 + HTMLToMarkdown.plainText(of: $1).count }
        }
        if let body = page.firstDescendant(where: { ($0.attribute("itemprop") ?? "").split(separator: " ").contains("articleBody") }) {
            return body
        }
        let articles = page.descendants { $0.name == "article" }
        if let best = articles.max(by: { textLength($0) < textLength($1) }), textLength(best) > 0 { return best }
        let hinted = page.descendants { node in
            let names = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
            return bodyClassHints.contains { names.contains($0) }
        }
        if let best = hinted.max(by: { textLength($0) < textLength($1) }), textLength(best) > 0 { return best }
        if let main = page.firstDescendant(where: { $0.name == "main" || $0.attribute("role") == "main" }), textLength(main) > 0 {
            return main
        }
        if let body = page.first("body"), textLength(body) > 0 { return body }
        if let article = articles.first { return article }
        return nil
    }

    static func removingHeadline(_ title: String?, from node: MarkupNode) -> MarkupNode {
        var removed = false
        func strip(_ n: MarkupNode) -> MarkupNode {
            var copy = n
            copy.children = n.children.compactMap { child in
                guard child.isElement else { return child }
                if !removed, child.name == "h1" {
                    removed = true
                    if title == nil || HTMLToMarkdown.plainText(of: child) == title { return nil }
                }
                return strip(child)
            }
            return copy
        }
        return strip(node)
    }

    // MARK: Metadata

    struct Metas {
        var pairs: [(key: String, value: String)] = []
        subscript(key: String) -> String? { pairs.first { $0.key == key }?.value.trimmingCharacters(in: .whitespacesAndNewlines) }
        func all(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }
    }

    /// `<meta property|name|itemprop=… content=…>`, keys lowercased.
    static func metas(in page: MarkupNode) -> Metas {
        var metas = Metas()
        for node in page.descendants(where: { $0.name == "meta" }) {
            guard let content = node.attribute("content") else { continue }
            for attribute in ["property", "name", "itemprop"] {
                if let key = node.attribute(attribute) { metas.pairs.append((key.lowercased(), content)) }
            }
        }
        return metas
    }

    /// The JSON-LD object of the page's article, if it has one.
    static func linkedData(in page: MarkupNode) -> LinkedData? {
        let articleTypes: Set<String> = [
            "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
            "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting",
        ]
        for script in page.descendants(where: { $0.name == "script" && ($0.attribute("type") ?? "").lowercased() == "application/ld+json" })
        {
            guard let data = script.textContent.data(using: .utf8),
                let json = try? JSONSerialization.jsonObject(with: data)
            else { continue }
            var queue: [Any] = [json]
            while !queue.isEmpty {
                let value = queue.removeFirst()
                if let list = value as? [Any] { queue += list; continue }
                guard let object = value as? [String: Any] else { continue }
                if let graph = object["@graph"] { queue.append(graph) }
                let types = (object["@type"] as? String).map { [$0] } ?? (object["@type"] as? [String]) ?? []
                if types.contains(where: articleTypes.contains) { return LinkedData(object) }
            }
        }
        return nil
    }

    /// The few JSON-LD values Gazette reads, copied out of `JSONSerialization`'s untyped tree.
    struct LinkedData: Sendable {
        var strings: [String: String] = [:]
        var names: [String: String] = [:]
        var keywords: [String] = []
        var mainEntityURL: String?

        init(_ object: [String: Any]) {
            for key in ["headline", "name", "url", "datePublished", "dateCreated", "articleSection", "description"] {
                if let s = object[key] as? String {
                    strings[key] = s
                } else if let list = object[key] as? [String], let first = list.first {
                    strings[key] = first
                }
            }
            for key in ["author", "publisher", "creator"] {
                var value = object[key]
                if let list = value as? [Any] { value = list.first }
                if let s = value as? String {
                    names[key] = s
                } else if let o = value as? [String: Any], let name = o["name"] as? String {
                    names[key] = name
                }
            }
            if let k = object["keywords"] as? String {
                keywords = k.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } else if let k = object["keywords"] as? [String] {
                keywords = k
            }
            if let m = object["mainEntityOfPage"] as? String {
                mainEntityURL = m
            } else if let m = object["mainEntityOfPage"] as? [String: Any] {
                mainEntityURL = (m["@id"] as? String) ?? (m["url"] as? String)
            }
        }

        func string(_ key: String) -> String? {
            strings[key].map(HTMLToMarkdown.foldWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        }

        func personName(_ key: String) -> String? {
            names[key].map(HTMLToMarkdown.foldWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}
