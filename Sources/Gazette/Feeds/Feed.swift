/// One of the site's feeds: which articles it carries, and what it says of itself.
public struct Feed: Sendable {
    public var route: Route
    public var title: String
    public var description: String
    /// Absolute URL of the page the feed stands for.
    public var link: String
    /// Indices into the index's articles, newest first; at most `feed_items`.
    public var articles: [Int]

    /// The site's feeds, made once from the index: the whole site's, then each category's.
    static func all(_ index: SiteIndex, config: SiteConfig) -> [Feed] {
        var feeds = [
            Feed(
                route: .siteFeed, title: config.title, description: config.description, link: config.baseURL,
                articles: Array(index.articles.indices.prefix(config.feedItems)))
        ]
        for category in index.categories {
            feeds.append(
                Feed(
                    route: .categoryFeed(category.slug), title: "\(config.title): \(category.name)",
                    description: config.description, link: config.absoluteURL(.category(category.slug)),
                    articles: Array(category.articles.prefix(config.feedItems))))
        }
        return feeds
    }
}
