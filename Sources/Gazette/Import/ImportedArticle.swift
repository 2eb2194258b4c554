/// An article read from a capture, a page or a feed, before it is written as a Markdown file.
public struct ImportedArticle: Sendable, Hashable {
    public var title: String
    public var date: Timestamp
    /// nil when the input names none; the importer then uses `--category` or its default.
    public var category: String?
    public var tags: [String] = []
    /// The outlet that wrote it (`Mainichi`).
    public var source: String?
    /// Who carried it (`Intellasia`).
    public var publisher: String?
    public var author: String?
    public var originalURL: String?
    /// An absolute http(s) URL of the article's lead image, and its text alternative.
    public var image: String?
    public var imageAlt: String?
    /// Who made the image (`media:credit`), its caption, and its size in pixels when the
    /// input says (`media:content width height`, `og:image:width`).
    public var imageCredit: String?
    public var imageCaption: String?
    public var imageWidth: Int?
    public var imageHeight: Int?
    /// Plain text.
    public var summary: String?
    /// CommonMark.
    public var body: String
    /// The input gave no date: `date` is a stand-in (the feed's date, or the time of import).
    /// Such an article, once written, keeps the date it was given when it is imported again.
    public var undated = false

    public init(
        title: String, date: Timestamp, category: String? = nil, tags: [String] = [], source: String? = nil,
        publisher: String? = nil, author: String? = nil, originalURL: String? = nil, summary: String? = nil,
        body: String
    ) {
        self.title = title
        self.date = date
        self.category = category
        self.tags = tags
        self.source = source
        self.publisher = publisher
        self.author = author
        self.originalURL = originalURL
        self.summary = summary
        self.body = body
    }

    /// What makes two imports the same article: the original's address when known (normalised:
    /// `ArticleIdentity.normalizedURL`), else a hash of the title, the instant and the source
    /// (stable across runs and machines).
    public var identity: String {
        if let originalURL { return ArticleIdentity.normalizedURL(originalURL) }
        // A stand-in date would make the same article another one at each import.
        let key = [title, undated ? "" : String(date.seconds), source ?? ""].joined(separator: "\u{1F}")
        return "text:" + ContentHash.hex(of: key)
    }
}

/// FNV-1a, 64 bits, over UTF-8: a stable fingerprint for identities and edit detection
/// (not a defence against anyone forging a collision, which nothing here needs).
public enum ContentHash {
    public static func hex(of text: String) -> String {
        var hasher = StableHasher()
        hasher.combine(bytes: text.utf8)
        let s = String(hasher.value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
