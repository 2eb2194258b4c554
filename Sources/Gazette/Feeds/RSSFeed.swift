/// RSS 2.0 with `content:encoded` (full HTML with absolute links) and `atom:link rel="self"`.
public struct RSSFeed: Sendable {
    public var title: String
    public var description: String
    /// Absolute URL of the HTML page the feed stands for.
    public var link: String
    /// Absolute URL of the feed itself.
    public var selfURL: String
    public var language: String
    public var articles: [Article]

    public init(title: String, description: String, link: String, selfURL: String, language: String, articles: [Article]) {
        self.title = title
        self.description = description
        self.link = link
        self.selfURL = selfURL
        self.language = language
        self.articles = articles
    }

    public func render(config: SiteConfig) -> String {
        var x = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>\(HTML.escapeXML(title))</title>
        <link>\(HTML.escapeXML(link))</link>
        <description>\(HTML.escapeXML(description.isEmpty ? title : description))</description>
        <language>\(HTML.escapeXML(language))</language>
        <generator>Gazette</generator>
        <atom:link href="\(HTML.escapeXML(selfURL))" rel="self" type="application/rss+xml"/>

        """
        // The newest article dates the feed: the same input always gives the same bytes.
        if let newest = articles.map({ max($0.date, $0.updated ?? $0.date) }).max() {
            x += "<lastBuildDate>\(newest.converted(to: config.timeZone).rfc822)</lastBuildDate>\n"
        }
        for article in articles {
            let permalink = config.absoluteURL(Route.article(article))
            x += "<item>\n"
            x += "<title>\(HTML.escapeXML(article.title))</title>\n"
            x += "<link>\(HTML.escapeXML(permalink))</link>\n"
            x += "<guid isPermaLink=\"true\">\(HTML.escapeXML(permalink))</guid>\n"
            x += "<pubDate>\(article.date.rfc822)</pubDate>\n"
            if let author = article.author ?? article.source {
                x += "<dc:creator>\(HTML.escapeXML(author))</dc:creator>\n"
            }
            x += "<category>\(HTML.escapeXML(article.category))</category>\n"
            for tag in article.tags { x += "<category>\(HTML.escapeXML(tag))</category>\n" }
            x += "<description>\(HTML.escapeXML(article.summaryText))</description>\n"
            let content = AbsoluteLinks.rewrite(article.html, base: permalink)
            x += "<content:encoded>\(cdata(content))</content:encoded>\n"
            x += "</item>\n"
        }
        x += "</channel>\n</rss>\n"
        return x
    }

    /// CDATA cannot contain `]]>`; split it across two sections.
    func cdata(_ s: String) -> String {
        let cleaned = HTML.withoutForbiddenXML(s)
        // Most bodies hold no `]]>`; look for it in bytes, in place, before paying for a
        // Foundation replace.
        var text = cleaned
        let hasTerminator = text.withUTF8 { bytes in
            bytes.count >= 3 && (0..<(bytes.count - 2)).contains {
                bytes[$0] == UInt8(ascii: "]") && bytes[$0 + 1] == UInt8(ascii: "]") && bytes[$0 + 2] == UInt8(ascii: ">")
            }
        }
        let body = hasTerminator ? cleaned.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") : cleaned
        return "<![CDATA[" + body + "]]>"
    }
}
