/// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Members are written in the order of
/// their names, as `JSONEncoder` with `.sortedKeys` wrote them, so that the same feed always
/// gives the same bytes; a member with no value is left out.
enum JSONFeed {
    static func render(_ feed: Feed, entries: [FeedEntry], config: SiteConfig) -> String {
        var document = JSONObject(escaping: .standard)
        document.add("authors", [author(config.title)])
        if !feed.description.isEmpty { document.add("description", feed.description) }
        document.add("feed_url", config.absoluteURL(feed.route))
        document.add("home_page_url", feed.link)
        document.add(
            "items",
            entries.map { entry in
                var item = JSONObject(escaping: .standard)
                if let name = entry.author { item.add("authors", [author(name)]) }
                // One of the two is required: the HTML, else the summary as text.
                if let html = entry.html {
                    item.add("content_html", html)
                } else {
                    item.add("content_text", entry.summary)
                }
                item.add("date_modified", entry.updated.iso8601)
                item.add("date_published", entry.published.iso8601)
                if let original = entry.original { item.add("external_url", original) }
                item.add("id", entry.url)
                if let image = entry.image { item.add("image", image) }
                if !entry.summary.isEmpty { item.add("summary", entry.summary) }
                item.add("tags", entry.categories)
                item.add("title", entry.title)
                item.add("url", entry.url)
                return item
            })
        document.add("language", config.language)
        document.add("title", feed.title)
        document.add("version", "https://jsonfeed.org/version/1.1")
        return document.finished("\n")
    }

    static func author(_ name: String) -> JSONObject {
        var author = JSONObject(escaping: .standard)
        author.add("name", name)
        return author
    }
}
