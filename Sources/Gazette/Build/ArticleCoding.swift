/// How the build cache writes an article and reads it back: one table of fields drives both, so
/// a field added to `Article` and to the table is written and read in the same place, and the
/// round-trip test (which walks `Article`'s properties) fails for a field left out.
///
/// An article is written as its head (what `ArticleHead` holds), then its text as one block with
/// its length first, then its two hashes. A rebuild reads the heads of ten thousand articles
/// and steps over their text; only the pages it renders decode a whole article.
enum ArticleCoding {
    enum Block: Sendable { case head, text }

    struct Field: Sendable {
        /// The `Article` property it codes.
        let name: String
        let block: Block
        let write: @Sendable (inout ByteWriter, Article) -> Void
        let read: @Sendable (inout ByteReader, inout Article) throws -> Void
    }

    /// Every field but the two hashes, in the order they are written.
    static let fields: [Field] = [
        Field(name: "date", block: .head, write: { $0.timestamp($1.date) }, read: { $1.date = try $0.timestamp() }),
        Field(
            name: "updated", block: .head,
            write: { w, a in
                w.bool(a.updated != nil)
                if let u = a.updated { w.timestamp(u) }
            }, read: { r, a in a.updated = try r.bool() ? try r.timestamp() : nil }),
        Field(name: "category", block: .head, write: { $0.string($1.category) }, read: { $1.category = try $0.string() }),
        Field(name: "categorySlug", block: .head, write: { $0.string($1.categorySlug) }, read: { $1.categorySlug = try $0.string() }),
        Field(name: "slug", block: .head, write: { $0.string($1.slug) }, read: { $1.slug = try $0.string() }),
        Field(name: "draft", block: .head, write: { $0.bool($1.draft) }, read: { $1.draft = try $0.bool() }),
        Field(name: "featured", block: .head, write: { $0.bool($1.featured) }, read: { $1.featured = try $0.bool() }),
        Field(name: "bodyLine", block: .head, write: { $0.int($1.bodyLine) }, read: { $1.bodyLine = try $0.int() }),
        Field(
            name: "tags", block: .head,
            write: { w, a in
                w.int(a.tags.count)
                for tag in a.tags { w.string(tag) }
            },
            read: { r, a in
                let count = try r.count()
                a.tags = []
                a.tags.reserveCapacity(count)
                for _ in 0..<count { a.tags.append(try r.string()) }
            }),
        Field(name: "source", block: .head, write: { $0.optional($1.source) }, read: { $1.source = try $0.optional() }),
        Field(name: "image", block: .head, write: { $0.optional($1.image) }, read: { $1.image = try $0.optional() }),
        Field(name: "story", block: .head, write: { $0.optional($1.story) }, read: { $1.story = try $0.optional() }),
        Field(name: "title", block: .text, write: { $0.string($1.title) }, read: { $1.title = try $0.string() }),
        Field(name: "publisher", block: .text, write: { $0.optional($1.publisher) }, read: { $1.publisher = try $0.optional() }),
        Field(name: "author", block: .text, write: { $0.optional($1.author) }, read: { $1.author = try $0.optional() }),
        Field(name: "originalURL", block: .text, write: { $0.optional($1.originalURL) }, read: { $1.originalURL = try $0.optional() }),
        Field(name: "imageAlt", block: .text, write: { $0.optional($1.imageAlt) }, read: { $1.imageAlt = try $0.optional() }),
        Field(name: "canonical", block: .text, write: { $0.optional($1.canonical) }, read: { $1.canonical = try $0.optional() }),
        Field(name: "summary", block: .text, write: { $0.optional($1.summary) }, read: { $1.summary = try $0.optional() }),
        Field(name: "metadata", block: .text, write: { $0.metadata($1.metadata) }, read: { $1.metadata = try $0.metadata() }),
        Field(name: "summaryHTML", block: .text, write: { $0.string($1.summaryHTML) }, read: { $1.summaryHTML = try $0.string() }),
        Field(name: "summaryText", block: .text, write: { $0.string($1.summaryText) }, read: { $1.summaryText = try $0.string() }),
    ]

    /// The properties written after the fields: `sourceHash`, then `listingHash`, which is a
    /// hash of the path and of the fields' bytes (everything a list shows of the article).
    static let hashes = ["sourceHash", "listingHash"]
    /// The property the cache files an article under, and hands to `read`.
    static let key = "path"

    /// Writes `article` and returns its `listingHash`, computed from what was written.
    @discardableResult
    static func write(_ article: Article, to w: inout ByteWriter) -> UInt64 {
        let start = w.bytes.count
        for field in fields where field.block == .head { field.write(&w, article) }
        let lengthAt = w.bytes.count
        w.fixed32(0)
        for field in fields where field.block == .text { field.write(&w, article) }
        w.patchFixed32(UInt32(w.bytes.count - lengthAt - 4), at: lengthAt)
        var hasher = StableHasher()
        hasher.combine(article.path)
        hasher.combine(bytes: w.bytes[start...])
        let listingHash = hasher.value
        w.fixed64(article.sourceHash)
        w.fixed64(listingHash)
        return listingHash
    }

    /// Reads an article's head, stepping over its text.
    static func readHead(_ r: inout ByteReader, path: String) throws(ByteReader.Truncated) -> ArticleHead {
        try read(&r, path: path, text: false).head
    }

    /// Reads a whole article.
    static func read(_ r: inout ByteReader, path: String) throws(ByteReader.Truncated) -> Article {
        try read(&r, path: path, text: true)
    }

    private static func read(_ r: inout ByteReader, path: String, text: Bool) throws(ByteReader.Truncated) -> Article {
        var article = Article(path: path, title: "", date: Timestamp(seconds: 0, offset: 0), category: "", categorySlug: "", slug: "")
        do {
            for field in fields where field.block == .head { try field.read(&r, &article) }
            let length = Int(try r.fixed32())
            if text {
                for field in fields where field.block == .text { try field.read(&r, &article) }
            } else {
                try r.skip(length)
            }
            article.sourceHash = try r.fixed64()
            article.listingHash = try r.fixed64()
        } catch {
            throw ByteReader.Truncated()
        }
        return article
    }

    /// `article.listingHash` as writing it gives.
    static func listingHash(of article: Article) -> UInt64 {
        var w = ByteWriter()
        return write(article, to: &w)
    }
}

/// An article as the build cache holds it: its head, read when the cache is, and the bytes it
/// was written as, read into an `Article` only when a page shows it.
struct CachedArticle: Sendable {
    let head: ArticleHead
    /// The cache file's bytes (shared, not copied), and where in them the article is.
    let file: [UInt8]
    let start: Int
    let end: Int

    init(head: ArticleHead, file: [UInt8], start: Int, end: Int) {
        self.head = head
        self.file = file
        self.start = start
        self.end = end
    }

    /// `article` as the cache will hold it, its `listingHash` set from its bytes.
    init(encoding article: Article) {
        var w = ByteWriter()
        w.bytes.reserveCapacity(1024)
        var article = article
        article.listingHash = ArticleCoding.write(article, to: &w)
        self.init(head: article.head, file: w.bytes, start: 0, end: w.bytes.count)
    }

    /// The article's bytes as the cache file holds them.
    var bytes: ArraySlice<UInt8> { file[start..<end] }

    /// The whole article. The cache file is checksummed as it is read, so the bytes are as they
    /// were written; a failure here would be a bug, answered with the head's fields alone.
    var article: Article {
        var reader = ByteReader(file, from: start)
        if let article = try? ArticleCoding.read(&reader, path: head.path) { return article }
        return Article(
            path: head.path, title: "", date: head.date, updated: head.updated, category: head.category,
            categorySlug: head.categorySlug, tags: head.tags, source: head.source, image: head.image, slug: head.slug,
            draft: head.draft, featured: head.featured,
            sourceHash: head.sourceHash, listingHash: head.listingHash)
    }
}

extension ByteWriter {
    mutating func timestamp(_ t: Timestamp) {
        int(Int(t.seconds))
        int(Int(t.nanoseconds))
        int(Int(t.offset))
    }

    mutating func metadata(_ v: MetadataValue) {
        switch v {
        case .string(let s): int(0); string(s)
        case .list(let items): int(1); int(items.count); for i in items { metadata(i) }
        case .map(let pairs): int(2); int(pairs.count); for (k, x) in pairs { string(k); metadata(x) }
        case .null: int(3)
        }
    }
}

extension ByteReader {
    mutating func timestamp() throws(Truncated) -> Timestamp {
        Timestamp(
            seconds: Int64(try int()), nanoseconds: Int32(truncatingIfNeeded: try int()),
            offset: Int32(truncatingIfNeeded: try int()))
    }

    /// A count of items that each take at least a byte: never more than the bytes left.
    mutating func count() throws(Truncated) -> Int {
        let n = try int()
        guard n >= 0, n <= end - offset else { throw Truncated() }
        return n
    }

    mutating func metadata(depth: Int = 0) throws(Truncated) -> MetadataValue {
        guard depth < 64 else { throw Truncated() }
        switch try int() {
        case 0: return .string(try string())
        case 1:
            let n = try count()
            var items: [MetadataValue] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try metadata(depth: depth + 1)) }
            return .list(items)
        case 2:
            let n = try count()
            var pairs: [(key: String, value: MetadataValue)] = []
            pairs.reserveCapacity(n)
            for _ in 0..<n {
                let key = try string()
                pairs.append((key, try metadata(depth: depth + 1)))
            }
            return .map(pairs)
        case 3: return .null
        default: throw Truncated()
        }
    }
}
