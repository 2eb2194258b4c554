/// One news article: its front matter, its Markdown body and, once rendered, its HTML.
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
    /// The summary as written in front matter (plain text), if any.
    public var summary: String?
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
    public var summaryHTML: String = ""
    public var summaryText: String = ""

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
        self.summary = summary
        self.slug = slug
        self.draft = draft
        self.frontMatter = LazyMetadata(metadata)
        self.body = body
        self.bodyLine = bodyLine
    }

    /// Newest first; ties broken by path so that order never depends on the file system.
    /// Borrowed: a sort compares articles in place, without copying them.
    public static func newestFirst(_ a: borrowing Article, _ b: borrowing Article) -> Bool {
        if a.date != b.date { return a.date > b.date }
        return a.path < b.path
    }
}
