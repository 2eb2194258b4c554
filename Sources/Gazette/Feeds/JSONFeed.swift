import Foundation

/// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Written by `JSONEncoder` with sorted
/// keys, so that the same feed always gives the same bytes.
enum JSONFeed {
    struct Document: Encodable {
        var version = "https://jsonfeed.org/version/1.1"
        var title: String
        var home_page_url: String
        var feed_url: String
        var description: String?
        var language: String
        var authors: [Author]
        var items: [Item]
    }

    struct Author: Encodable {
        var name: String
    }

    struct Item: Encodable {
        var id: String
        var url: String
        var external_url: String?
        var title: String
        var content_html: String?
        var content_text: String?
        var summary: String?
        var image: String?
        var date_published: String
        var date_modified: String
        var authors: [Author]?
        var tags: [String]
    }

    static func render(_ feed: Feed, entries: [FeedEntry], config: SiteConfig) -> String {
        let document = Document(
            title: feed.title, home_page_url: feed.link, feed_url: config.absoluteURL(feed.route),
            description: feed.description.isEmpty ? nil : feed.description, language: config.language,
            authors: [Author(name: config.title)],
            items: entries.map { entry in
                Item(
                    id: entry.url, url: entry.url, external_url: entry.original, title: entry.title,
                    // One of the two is required: the HTML, else the summary as text.
                    content_html: entry.html, content_text: entry.html == nil ? entry.summary : nil,
                    summary: entry.summary.isEmpty ? nil : entry.summary, image: entry.image,
                    date_published: entry.published.iso8601, date_modified: entry.updated.iso8601,
                    authors: entry.author.map { [Author(name: $0)] }, tags: entry.categories)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

}
