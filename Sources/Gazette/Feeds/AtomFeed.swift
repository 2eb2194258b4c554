/// Atom 1.0 (RFC 4287). The feed's id is its own URL and each entry's its permalink; the site
/// is the feed's author, which every entry without one of its own inherits.
enum AtomFeed {
    static func render(_ feed: Feed, entries: [FeedEntry], config: SiteConfig) -> String {
        let selfURL = config.absoluteURL(feed.route)
        var x = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="\(HTML.escapeXML(config.language))">
            <id>\(HTML.escapeXML(selfURL))</id>
            <title type="text">\(HTML.escapeXML(feed.title))</title>

            """
        if !feed.description.isEmpty { x += "<subtitle type=\"text\">\(HTML.escapeXML(feed.description))</subtitle>\n" }
        x += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(HTML.escapeXML(selfURL))\"/>\n"
        x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(HTML.escapeXML(feed.link))\"/>\n"
        x += "<updated>\(FeedEntry.newest(entries).converted(to: config.timeZone).iso8601)</updated>\n"
        x += "<author><name>\(HTML.escapeXML(config.title))</name></author>\n"
        x += "<generator>Gazette</generator>\n"
        for entry in entries {
            x += "<entry>\n"
            x += "<id>\(HTML.escapeXML(entry.url))</id>\n"
            x += "<title type=\"text\">\(HTML.escapeXML(entry.title))</title>\n"
            x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(HTML.escapeXML(entry.url))\"/>\n"
            if let original = entry.original {
                x += "<link rel=\"related\" type=\"text/html\" href=\"\(HTML.escapeXML(original))\"/>\n"
            }
            x += "<published>\(entry.published.iso8601)</published>\n"
            x += "<updated>\(entry.updated.iso8601)</updated>\n"
            if let author = entry.author { x += "<author><name>\(HTML.escapeXML(author))</name></author>\n" }
            for category in entry.categories { x += "<category term=\"\(HTML.escapeXML(category))\"/>\n" }
            x += "<summary type=\"text\">\(HTML.escapeXML(entry.summary))</summary>\n"
            if let html = entry.html { x += "<content type=\"html\">\(HTML.escapeXML(html))</content>\n" }
            x += entry.mediaContent
            x += "</entry>\n"
        }
        x += "</feed>\n"
        return x
    }
}
