/// RSS 2.0 with `content:encoded` (the full HTML, links made absolute) and `atom:link rel="self"`.
enum RSSFeed {
    /// `feed` as RSS. `body(i)` is the HTML of article `i`'s body.
    static func render(_ feed: Feed, index: SiteIndex, config: SiteConfig, body: (Int) -> String) -> String {
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel>
            <title>\(HTML.escapeXML(feed.title))</title>
            <link>\(HTML.escapeXML(feed.link))</link>
            <description>\(HTML.escapeXML(feed.description.isEmpty ? feed.title : feed.description))</description>
            <language>\(HTML.escapeXML(config.language))</language>
            <generator>Gazette</generator>
            <atom:link href="\(HTML.escapeXML(config.absoluteURL(feed.route)))" rel="self" type="application/rss+xml"/>

            """
        // The newest article dates the feed: the same input always gives the same bytes.
        if let newest = feed.articles.map({ max(index.articles[$0].date, index.articles[$0].lastModified) }).max() {
            x += "<lastBuildDate>\(newest.converted(to: config.timeZone).rfc822)</lastBuildDate>\n"
        }
        for i in feed.articles {
            let article = index.article(i)
            let permalink = config.absoluteURL(.article(index.articles[i]))
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
            let content = AbsoluteLinks.rewrite(body(i), base: permalink)
            x += "<content:encoded>\(cdata(content))</content:encoded>\n"
            x += "</item>\n"
        }
        x += "</channel>\n</rss>\n"
        return x
    }

    /// CDATA cannot contain `]]>`; split it across two sections.
    static func cdata(_ s: String) -> String {
        let cleaned = HTML.withoutForbiddenXML(s)
        let body = cleaned.contains("]]>") ? cleaned.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") : cleaned
        return "<![CDATA[" + body + "]]>"
    }
}
