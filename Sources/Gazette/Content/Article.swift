/// One news article: what its front matter says, and its summary. A plain value.
///
/// Its body is not part of it: lists show an article's front matter and summary, not its body,
/// so the body's HTML is kept apart (see `SiteIndex.Text`) and an edit to the body alone changes
/// nothing a list shows.
public struct Article: Sendable, Hashable {
    /// Where it came from, relative to the site folder (`content/2022/03/12/x.md`).
    public var path: String
    public var title: String
    public var date: Timestamp
    /// `updated:` in front matter, when the article was revised after publication.
    public var updated: Timestamp?
    public var category: String
    public var categorySlug: String
    public var tags: [String]
    public var source: String?
    public var publisher: String?
    public var author: String?
    public var originalURL: String?
    /// `image:`: an absolute http(s) URL, or a path to a file of `static/` (`images/quake.jpg`,
    /// as the output has it: no leading `/`).
    public var image: String?
    /// `image_alt:`, the image's text alternative.
    public var imageAlt: String?
    /// `canonical:` as written (`original` or `permalink`); nil follows the site's setting.
    public var canonical: String?
    /// The summary as written in front matter (plain text), if any.
    public var summary: String?
    public var slug: String
    /// `story:`: the key of the story this article is one version of (the address of the
    /// story's first article, `2024/03/12/quake-hits-fukushima`); nil: a story of its own.
    public var story: String?
    public var draft: Bool
    /// `featured: true`: the editor's lead story for its edition's home page.
    public var featured: Bool
    /// Every front matter key as written, known or not, for the templates.
    public var metadata: MetadataValue
    /// The file line the body starts on (for diagnostics).
    public var bodyLine: Int
    /// The summary as lists show it: the front matter's, else the body's first paragraph.
    public var summaryHTML: String
    public var summaryText: String
    /// Hash of the file's bytes and path: what decides the article's own page.
    public var sourceHash: UInt64
    /// Hash of everything a list shows of the article: every field above but `sourceHash` (see
    /// `ArticleCoding`). An edit to the body alone leaves it as it was.
    public var listingHash: UInt64

    public init(
        path: String, title: String, date: Timestamp, updated: Timestamp? = nil, category: String,
        categorySlug: String, tags: [String] = [], source: String? = nil, publisher: String? = nil,
        author: String? = nil, originalURL: String? = nil, image: String? = nil, imageAlt: String? = nil,
        canonical: String? = nil, summary: String? = nil, slug: String, story: String? = nil,
        draft: Bool = false, featured: Bool = false, metadata: MetadataValue = .map([]), bodyLine: Int = 1,
        summaryHTML: String = "", summaryText: String = "", sourceHash: UInt64 = 0, listingHash: UInt64 = 0
    ) {
        self.path = path
        self.title = title
        self.date = date
        self.updated = updated
        self.category = category
        self.categorySlug = categorySlug
        self.tags = tags
        self.source = source
        self.publisher = publisher
        self.author = author
        self.originalURL = originalURL
        self.image = image
        self.imageAlt = imageAlt
        self.canonical = canonical
        self.summary = summary
        self.slug = slug
        self.story = story
        self.draft = draft
        self.featured = featured
        self.metadata = metadata
        self.bodyLine = bodyLine
        self.summaryHTML = summaryHTML
        self.summaryText = summaryText
        self.sourceHash = sourceHash
        self.listingHash = listingHash
    }

    /// What the index and the plan need of it.
    public var head: ArticleHead {
        ArticleHead(
            path: path, date: date, updated: updated, category: category, categorySlug: categorySlug,
            tags: tags, source: source, image: image, slug: slug, story: story, draft: draft, featured: featured, bodyLine: bodyLine,
            sourceHash: sourceHash,
            listingHash: listingHash)
    }
}

/// What the index, the plan and the cache keys need of an article: where it is published, how it
/// is ordered and grouped, and the hashes of what its pages show. Small and free of text, so that
/// a rebuild can read ten thousand from the build cache without decoding what they say.
public struct ArticleHead: Sendable, Hashable {
    public var path: String
    public var date: Timestamp
    public var updated: Timestamp?
    public var category: String
    public var categorySlug: String
    /// Tags and source: the index lists the articles of each (`tag/<slug>/`, `source/<slug>/`).
    public var tags: [String]
    public var source: String?
    /// The plan checks that an image of `static/` is there.
    public var image: String?
    public var slug: String
    /// `story:` as written: the index groups the versions of a story by it.
    public var story: String?
    public var draft: Bool
    /// The home page leads with it when it is in the newest edition.
    public var featured: Bool
    /// The file line the body starts on (for diagnostics).
    public var bodyLine: Int
    public var sourceHash: UInt64
    public var listingHash: UInt64

    /// The date a page showing the article was last changed by it.
    public var lastModified: Timestamp { updated ?? date }

    /// The story it belongs to: its `story:`, else its own address (a story of one, which
    /// other articles name to join it).
    public var storyKey: String { story ?? Route.article(self).storyKey }
}
