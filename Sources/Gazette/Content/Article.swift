/// One news article: its front matter, its Markdown body and, once rendered, its HTML.
public struct Article: Sendable, Hashable {
    /// Where it came from, relative to the site folder (`content/2022/03/12/x.md`).
    public var path: String
    public var title: String {
        get { if let text = encodedText { text.title } else { storedTitle } }
        set { decodeText(); storedTitle = newValue }
    }
    public var date: Timestamp
    /// `updated:` in front matter, when the article was revised after publication.
    public var updated: Timestamp?
    public var category: String
    public var categorySlug: String
    public var tags: [String] {
        get { if let text = encodedText { text.tags } else { storedTags } }
        set { decodeText(); storedTags = newValue }
    }
    public var source: String? {
        get { if let text = encodedText { text.optional(.source) } else { storedSource } }
        set { decodeText(); storedSource = newValue }
    }
    public var publisher: String? {
        get { if let text = encodedText { text.optional(.publisher) } else { storedPublisher } }
        set { decodeText(); storedPublisher = newValue }
    }
    public var author: String? {
        get { if let text = encodedText { text.optional(.author) } else { storedAuthor } }
        set { decodeText(); storedAuthor = newValue }
    }
    public var originalURL: String? {
        get { if let text = encodedText { text.optional(.originalURL) } else { storedOriginalURL } }
        set { decodeText(); storedOriginalURL = newValue }
    }
    /// The summary as written in front matter (plain text), if any.
    public var summary: String? {
        get { if let text = encodedText { text.optional(.summary) } else { storedSummary } }
        set { decodeText(); storedSummary = newValue }
    }
    public var slug: String
    public var draft: Bool
    /// Every front matter key as written, known or not, for the templates.
    public var metadata: MetadataValue {
        get { frontMatter.value }
        set { frontMatter = LazyMetadata(newValue) }
    }
    /// `metadata`, kept as the build cache encoded it until something reads it: a rebuild reads
    /// ten thousand articles from the cache and the templates look at the front matter of few.
    var frontMatter: LazyMetadata
    /// The Markdown body and the file line it starts on (for diagnostics).
    public var body: String
    public var bodyLine: Int
    /// Hash of the file's bytes (and path): what the build cache keys pages on.
    public var sourceHash: UInt64 = 0
    /// Hash of all that a listing shows of the article: every field but its body's HTML (see
    /// `BuildCache.listingHash(of:)`). A change to the body alone leaves the listings as they are.
    public var listingHash: UInt64 = 0
    /// The article came from the build cache without its body's HTML; the build renders the
    /// body again only if a page or feed that shows it is re-rendered.
    public var htmlIsPending = false

    // Filled by the Markdown phase.
    public var html: String = ""
    public var summaryHTML: String {
        get { if let text = encodedText { text.summaryHTML } else { storedSummaryHTML } }
        set { decodeText(); storedSummaryHTML = newValue }
    }
    public var summaryText: String {
        get { if let text = encodedText { text.summaryText } else { storedSummaryText } }
        set { decodeText(); storedSummaryText = newValue }
    }

    // What pages and feeds show of the article but its body. When `encodedText` is set, these
    // are empty and the fields are read from it instead (see `EncodedArticleText`).
    private var storedTitle = ""
    private var storedTags: [String] = []
    private var storedSource: String?
    private var storedPublisher: String?
    private var storedAuthor: String?
    private var storedOriginalURL: String?
    private var storedSummary: String?
    private var storedSummaryHTML = ""
    private var storedSummaryText = ""
    /// Where the build cache holds the fields above, for an article read from it.
    private(set) var encodedText: EncodedArticleText?

    /// Takes the fields out of `encodedText`, before one of them is changed.
    private mutating func decodeText() {
        guard let text = encodedText else { return }
        encodedText = nil
        storedTitle = text.title
        storedTags = text.tags
        storedSource = text.optional(.source)
        storedPublisher = text.optional(.publisher)
        storedAuthor = text.optional(.author)
        storedOriginalURL = text.optional(.originalURL)
        storedSummary = text.optional(.summary)
        storedSummaryHTML = text.summaryHTML
        storedSummaryText = text.summaryText
    }

    /// Site-relative path of the article page's folder: `2022/03/12/slug/`.
    public var routePath: String { Self.routePath(date: date, slug: slug) }

    /// `routePath` from the two fields it reads: called on an article inside an array, a
    /// computed property copies the whole article (a retain for each of its strings) first.
    static func routePath(date: Timestamp, slug: String) -> String {
        routePath(date: date, slug: slug, prefix: "", suffix: "")
    }

    /// `prefix`, the route path and `suffix`, written into one new string: listings make a URL
    /// for every article they show, and interpolating then concatenating made four strings.
    static func routePath(date: Timestamp, slug: String, prefix: String, suffix: String) -> String {
        let c = date.civil
        guard (0...9999).contains(c.year) else {
            return prefix + "\(pad(c.year, 4))/\(pad(c.month))/\(pad(c.day))/\(slug)/" + suffix
        }
        let count = prefix.utf8.count + 11 + slug.utf8.count + 1 + suffix.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var i = 0
            func put(_ text: String) {
                var text = text
                text.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else { return }
                    UnsafeMutableRawPointer(buffer.baseAddress! + i).copyMemory(from: base, byteCount: bytes.count)
                    i += bytes.count
                }
            }
            func digits(_ value: Int, _ width: Int) {
                writeDigits(value, width: width, into: buffer, at: &i)
                buffer[i] = UInt8(ascii: "/")
                i += 1
            }
            put(prefix)
            digits(c.year, 4)
            digits(c.month, 2)
            digits(c.day, 2)
            put(slug)
            buffer[i] = UInt8(ascii: "/")
            i += 1
            put(suffix)
            return i
        }
    }

    public init(path: String, title: String, date: Timestamp, updated: Timestamp?, category: String,
                categorySlug: String, tags: [String], source: String?, publisher: String?, author: String?,
                originalURL: String?, summary: String?, slug: String, draft: Bool, metadata: MetadataValue,
                body: String, bodyLine: Int) {
        self.path = path
        self.storedTitle = title
        self.date = date
        self.updated = updated
        self.category = category
        self.categorySlug = categorySlug
        self.storedTags = tags
        self.storedSource = source
        self.storedPublisher = publisher
        self.storedAuthor = author
        self.storedOriginalURL = originalURL
        self.storedSummary = summary
        self.slug = slug
        self.draft = draft
        self.frontMatter = LazyMetadata(metadata)
        self.body = body
        self.bodyLine = bodyLine
    }

    /// An article read from the build cache, its text left there (see `EncodedArticleText`).
    init(path: String, encodedText: EncodedArticleText, date: Timestamp, updated: Timestamp?, category: String,
         categorySlug: String, slug: String, draft: Bool, frontMatter: LazyMetadata, bodyLine: Int) {
        self.path = path
        self.encodedText = encodedText
        self.date = date
        self.updated = updated
        self.category = category
        self.categorySlug = categorySlug
        self.slug = slug
        self.draft = draft
        self.frontMatter = frontMatter
        self.body = ""
        self.bodyLine = bodyLine
    }

    // Equal by what they hold, whether their text is decoded or still encoded.
    public static func == (a: Article, b: Article) -> Bool {
        a.path == b.path && a.date == b.date && a.updated == b.updated && a.category == b.category
            && a.categorySlug == b.categorySlug && a.slug == b.slug && a.draft == b.draft
            && a.frontMatter == b.frontMatter && a.body == b.body && a.bodyLine == b.bodyLine
            && a.sourceHash == b.sourceHash && a.listingHash == b.listingHash && a.htmlIsPending == b.htmlIsPending
            && a.html == b.html && a.title == b.title && a.tags == b.tags && a.source == b.source
            && a.publisher == b.publisher && a.author == b.author && a.originalURL == b.originalURL
            && a.summary == b.summary && a.summaryHTML == b.summaryHTML && a.summaryText == b.summaryText
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(date)
        hasher.combine(title)
        hasher.combine(sourceHash)
    }

    /// Newest first; ties broken by path so that order never depends on the file system.
    /// Borrowed: a sort compares articles in place, without copying them.
    public static func newestFirst(_ a: borrowing Article, _ b: borrowing Article) -> Bool {
        if a.date != b.date { return a.date > b.date }
        return a.path < b.path
    }
}

/// Where the build cache holds an article's text: its title, tags, optional fields and summary.
/// A rebuild reads ten thousand articles from the cache to index and plan the site, which needs
/// none of their text; the few pages it renders read the fields they show, each decoded as it
/// is read.
struct EncodedArticleText: Sendable {
    /// The cache file's bytes (shared, not copied), holding the fields as
    /// `BuildCache.writeArticle` writes them (checksummed, and walked once when the cache was read).
    var bytes: [UInt8]
    /// Where the title, the tags (followed by the optional fields) and the summary's HTML (then
    /// its text) start.
    var titleAt: Int
    var tagsAt: Int
    var summaryAt: Int

    /// The optional fields, in the order the cache writes them.
    enum Field: Int {
        case source, publisher, author, originalURL, summary
    }

    var title: String {
        var r = ByteReader(bytes, from: titleAt)
        return (try? r.string()) ?? ""
    }

    var tags: [String] {
        var r = ByteReader(bytes, from: tagsAt)
        guard let count = try? r.int(), count >= 0, count <= bytes.count else { return [] }
        return (0..<count).map { _ in (try? r.string()) ?? "" }
    }

    func optional(_ field: Field) -> String? {
        var r = ByteReader(bytes, from: tagsAt)
        do {
            let count = try r.int()
            guard count >= 0 else { return nil }
            for _ in 0..<count { try r.skipString() }
            for _ in 0..<field.rawValue {
                if try r.bool() { try r.skipString() }
            }
            return try r.optional()
        } catch {
            return nil
        }
    }

    var summaryHTML: String {
        var r = ByteReader(bytes, from: summaryAt)
        return (try? r.string()) ?? ""
    }

    var summaryText: String {
        var r = ByteReader(bytes, from: summaryAt)
        guard (try? r.skipString()) != nil, let text = try? r.string() else { return "" }
        return text
    }
}
