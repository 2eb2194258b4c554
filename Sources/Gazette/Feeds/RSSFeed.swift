/// RSS 2.0 with `content:encoded` (an entry's HTML, links made absolute), `media:content` for
/// images, and `atom:link rel="self"`.
enum RSSFeed {
    static func render(_ feed: Feed, entries: [FeedEntry], config: SiteConfig) -> String {
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
            <channel>
            <title>\(HTML.escapeXML(feed.title))</title>
            <link>\(HTML.escapeXML(feed.link))</link>
            <description>\(HTML.escapeXML(feed.description.isEmpty ? feed.title : feed.description))</description>
            <language>\(HTML.escapeXML(config.language))</language>
            <generator>Gazette</generator>
            <atom:link href="\(HTML.escapeXML(config.absoluteURL(feed.route)))" rel="self" type="application/rss+xml"/>

            """
        if !entries.isEmpty {
            x += "<lastBuildDate>\(FeedEntry.newest(entries).converted(to: config.timeZone).rfc822)</lastBuildDate>\n"
        }
        for entry in entries {
            x += "<item>\n"
            x += "<title>\(HTML.escapeXML(entry.title))</title>\n"
            x += "<link>\(HTML.escapeXML(entry.url))</link>\n"
            x += "<guid isPermaLink=\"true\">\(HTML.escapeXML(entry.url))</guid>\n"
            x += "<pubDate>\(entry.published.rfc822)</pubDate>\n"
            if let author = entry.author { x += "<dc:creator>\(HTML.escapeXML(author))</dc:creator>\n" }
            for category in entry.categories { x += "<category>\(HTML.escapeXML(category))</category>\n" }
            x += "<description>\(HTML.escapeXML(entry.summary))</description>\n"
            if let html = entry.html { x += "<content:encoded>\(cdata(html))</content:encoded>\n" }
            x += entry.mediaContent
            x += "</item>\n"
        }
        x += "</channel>\n</rss>\n"
        return x
    }

    /// CDATA cannot contain `]]>`; split it across two sections.
    static func cdata(_ s: String) -> String {
        var cleaned = HTML.withoutForbiddenXML(s)
        // Looked for byte by byte: Foundation's search goes through UTF-16, and every entry of
        // every full feed is searched.
        let closes = cleaned.withUTF8 { bytes in
            bytes.count >= 3 && (0..<(bytes.count - 2)).contains { bytes[$0] == 0x5D && bytes[$0 + 1] == 0x5D && bytes[$0 + 2] == 0x3E }
        }
        let body = closes ? cleaned.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") : cleaned
        return "<![CDATA[" + body + "]]>"
    }
}
