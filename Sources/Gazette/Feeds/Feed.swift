/// One of the site's feeds: whose it is, in which format, and which articles it carries.
///
/// Every feed comes in three formats (RSS 2.0, Atom 1.0, JSON Feed 1.1) with the same entries:
/// the site's, each category's, each tag's and each source's, and the editions feed, one entry per
/// day. What an entry carries is chosen so that the output stays small however many tags a site
/// has: the site's and the categories' feeds carry each article whole (its body's HTML), the
/// tags' and sources' feeds its summary and link, and the editions feed each day's headlines and
/// summaries. Every feed holds at most `feed_items` entries, newest first.
public struct Feed: Sendable {
    public enum Owner: Sendable, Hashable {
        case site
        case section(SiteIndex.Taxonomy, String)
        case editions
    }

    public enum Format: Sendable, Hashable, CaseIterable {
        case rss, atom, json

        public var fileName: String {
            switch self {
            case .rss: "feed.xml"
            case .atom: "atom.xml"
            case .json: "feed.json"
            }
        }

        /// The media type of `<link rel="alternate">`.
        public var mediaType: String {
            switch self {
            case .rss: "application/rss+xml"
            case .atom: "application/atom+xml"
            case .json: "application/feed+json"
            }
        }

        /// How the format is named to readers: in `<link title>` and the pages' feed links.
        public var label: String {
            switch self {
            case .rss: "RSS"
            case .atom: "Atom"
            case .json: "JSON Feed"
            }
        }
    }

    public enum Content: Sendable, Hashable {
        /// Articles (indices into the index's articles, newest first); `full` with their bodies.
        case articles([Int], full: Bool)
        /// Days (indices into `index.days`, newest first), each an edition.
        case editions([Int])
    }

    public var owner: Owner
    public var format: Format
    public var route: Route
    public var title: String
    public var description: String
    /// Absolute URL of the page the feed stands for.
    public var link: String
    public var content: Content

    /// The site's feeds, made once from the index: the site's, the editions', then each
    /// category's, tag's and source's, each in every format.
    static func all(_ index: SiteIndex, config: SiteConfig) -> [Feed] {
        var feeds: [Feed] = []
        func add(_ owner: Owner, title: String, link: Route, content: Content) {
            for format in Format.allCases {
                feeds.append(
                    Feed(
                        owner: owner, format: format, route: .feed(owner, format), title: title,
                        description: config.description, link: config.absoluteURL(link), content: content))
            }
        }
        add(
            .site, title: config.title, link: .home(page: 1),
            content: .articles(Array(index.articles.indices.prefix(config.feedItems)), full: true))
        let days = Array(index.days.indices.reversed().prefix(config.feedItems))
        add(.editions, title: config.labels("editions_feed_title", ["site": config.title]), link: .home(page: 1), content: .editions(days))
        for taxonomy in SiteIndex.Taxonomy.allCases {
            for section in index.sections(taxonomy) {
                add(
                    .section(taxonomy, section.slug), title: "\(config.title): \(section.name)",
                    link: .section(taxonomy, section.slug),
                    content: .articles(Array(section.articles.prefix(config.feedItems)), full: taxonomy == .category))
            }
        }
        return feeds
    }

    /// The feeds a page of `owner` links, one per format, from `links`.
    static func alternates(_ owner: Owner, title: String, _ links: Links) -> [(format: Format, title: String, url: String)] {
        Format.allCases.map { ($0, "\(title) (\($0.label))", links.href(.feed(owner, $0))) }
    }
}

extension Feed {
    /// The feed's file. `body(i)` is the HTML of article `i`'s body.
    func render(index: SiteIndex, config: SiteConfig, body: (Int) -> String) -> String {
        render(entries: FeedEntry.entries(of: self, index: index, config: config, body: body), config: config)
    }

    /// The feed's file, of `entries` made for a feed with the same owner and content (the three
    /// formats of one feed carry the same entries: made once, written three times).
    func render(entries: [FeedEntry], config: SiteConfig) -> String {
        switch format {
        case .rss: return RSSFeed.render(self, entries: entries, config: config)
        case .atom: return AtomFeed.render(self, entries: entries, config: config)
        case .json: return JSONFeed.render(self, entries: entries, config: config)
        }
    }
}
