import Foundation

/// The on-disk build cache (`.gazette/cache/` in the site folder).
///
/// It remembers each article as parsed and rendered, keyed by the file's stamp, and each output
/// file by a key of everything its page shows, so that a rebuild re-reads only the articles that
/// changed and re-renders only the pages that show them. It is only an optimisation: a missing,
/// corrupt or foreign cache is ignored (with a note) and the output is the same byte for byte.
struct BuildCache: Sendable {
    struct ArticleEntry: Sendable {
        var stamp: FileStamp
        var contentHash: UInt64
        var article: Article
        var emptyBody: Bool
        /// This entry's bytes in the cache file it was read from. An entry carried over as it was
        /// is written back by copying them, not by encoding the article again.
        var encoded: ArraySlice<UInt8>?
    }

    struct OutputEntry: Sendable, Hashable {
        /// Hash of everything the file was rendered from.
        var key: UInt64
        /// Stamp of the file as written, to notice a file changed or removed behind our back.
        var stamp: FileStamp
        /// As for `ArticleEntry.encoded`.
        var encoded: ArraySlice<UInt8>?
    }

    static let folder = ".gazette/cache"
    static let fileName = "build-cache"
    static let magic: [UInt8] = Array("GZTCACHE".utf8)
    static let formatVersion = 6

    /// Fingerprint of what parsing and Markdown depend on: Gazette's version, the time zone,
    /// the raw-HTML switch. A change re-reads every article.
    var articleFingerprint: UInt64 = 0
    /// Output folder the output entries describe.
    var outputPath = ""
    var articles: [String: ArticleEntry] = [:]
    var outputs: [String: OutputEntry] = [:]
    /// The output entries as the cache file holds them, not yet in `outputs` (see
    /// `load(from:deferringOutputs:)` and `decodeOutputs()`).
    private(set) var encodedOutputs: EncodedOutputs?

    struct EncodedOutputs: Sendable {
        /// The cache file's bytes, and where the first entry starts in them.
        var bytes: [UInt8]
        var start: Int
        var count: Int

        /// The entries as a table.
        func decoded() -> [String: OutputEntry] {
            var table: [String: OutputEntry] = Dictionary(minimumCapacity: count)
            var reader = ByteReader(bytes, from: start)
            // Walked once already when the cache was read: these reads cannot fail.
            for _ in 0..<count {
                let entryStart = reader.offset
                guard let path = try? reader.string(), let key = try? reader.uint(),
                      let stamp = try? BuildCache.readStamp(&reader) else { break }
                table[path] = OutputEntry(key: key, stamp: stamp, encoded: reader.bytes[entryStart..<reader.offset])
            }
            return table
        }
    }

    /// How many output entries the cache holds, in `outputs` or still encoded.
    var outputCount: Int { encodedOutputs?.count ?? outputs.count }

    /// Puts the entries still encoded into `outputs`, as `decoded` does on another core.
    mutating func decodeOutputs(_ decoded: [String: OutputEntry]? = nil) {
        guard let encoded = encodedOutputs else { return }
        outputs = decoded ?? encoded.decoded()
        encodedOutputs = nil
    }

    init() {}

    init(articleFingerprint: UInt64, outputPath: String) {
        self.articleFingerprint = articleFingerprint
        self.outputPath = outputPath
    }

    // MARK: Reading and writing

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// Loads the cache; `nil` when there is none. Throws `Invalid` for a cache that cannot be used.
    /// `deferringOutputs`: the output entries are checked but left encoded (`encodedOutputs`):
    /// a build needs them only once it plans its pages, and decodes them while it loads the
    /// articles, on a core that has less to do by then than while the cache is read.
    static func load(from site: URL, deferringOutputs: Bool = false) throws(Invalid) -> BuildCache? {
        let path = site.appendingPathComponent(folder).appendingPathComponent(fileName).path
        guard let bytes = FileSystem.readBytes(path) else { return nil }
        return try decode(bytes, deferringOutputs: deferringOutputs)
    }

    static func decode(_ bytes: [UInt8], deferringOutputs: Bool = false) throws(Invalid) -> BuildCache {
        // Read in place, not copied: the entries keep slices of these bytes (see `encoded`).
        var reader: ByteReader
        switch SealedFile.open(bytes, magic: magic) {
        case .success(let opened): reader = opened
        case .failure(.foreign): throw Invalid(description: "not a Gazette build cache")
        case .failure(.damaged):
            // A cache of another format is sealed another way: say so, rather than "damaged".
            var version = ByteReader(bytes, from: magic.count)
            if let found = try? version.int(), found != formatVersion {
                throw Invalid(description: "the build cache was written by another version of Gazette")
            }
            throw Invalid(description: "the build cache is damaged")
        }
        do {
            guard try reader.int() == formatVersion, try reader.string() == GazetteInfo.version else {
                throw Invalid(description: "the build cache was written by another version of Gazette")
            }
            var cache = BuildCache()
            cache.articleFingerprint = try reader.uint()
            cache.outputPath = try reader.string()
            let articleCount = try reader.int()
            cache.articles.reserveCapacity(max(0, articleCount))
            for _ in 0..<max(0, articleCount) {
                let start = reader.offset
                let path = try reader.string()
                let stamp = try readStamp(&reader)
                let hash = try reader.uint()
                let emptyBody = try reader.bool()
                var article = try readArticle(&reader, path: path)
                // Stored after the article's bytes, whose hash it is: not hashed again here.
                article.listingHash = try reader.fixed64()
                // Moved in: a copy retained each of the article's strings, for ten thousand.
                cache.articles[path] = ArticleEntry(stamp: stamp, contentHash: hash, article: consume article,
                                                    emptyBody: emptyBody, encoded: reader.bytes[start..<reader.offset])
            }
            let outputCount = try reader.int()
            if deferringOutputs {
                let start = reader.offset
                for _ in 0..<max(0, outputCount) {
                    try reader.skipString()
                    _ = try reader.uint()
                    _ = try readStamp(&reader)
                }
                cache.encodedOutputs = EncodedOutputs(bytes: reader.bytes, start: start, count: max(0, outputCount))
            }
            cache.outputs.reserveCapacity(deferringOutputs ? 0 : max(0, outputCount))
            for _ in 0..<(deferringOutputs ? 0 : max(0, outputCount)) {
                let start = reader.offset
                let path = try reader.string()
                let key = try reader.uint()
                let stamp = try readStamp(&reader)
                cache.outputs[path] = OutputEntry(key: key, stamp: stamp, encoded: reader.bytes[start..<reader.offset])
            }
            guard reader.atEnd else { throw Invalid(description: "the build cache is damaged") }
            return cache
        } catch let error as Invalid {
            throw error
        } catch {
            throw Invalid(description: "the build cache is damaged")
        }
    }

    /// The whole cache file in memory, encoded on one core: what `save` streams to disk, by a
    /// plainer route (the tests hold the two to the same bytes).
    func encode() -> [UInt8] {
        var w = header()
        writeArticles(articles.stableOrder()[...], to: &w)
        finish(&w)
        return w.bytes
    }

    /// Writes what `encode()` returns to `stream`, without holding the file in memory: entries
    /// read from the old cache go out as the bytes they were read from, and the others are
    /// encoded on every core first (after a first build none has its bytes, and encoding ten
    /// thousand took one core a twentieth of a second).
    func write(to stream: inout SealedFileStream) async {
        var head = ByteWriter()
        head.int(Self.formatVersion)
        head.string(GazetteInfo.version)
        head.uint(articleFingerprint)
        head.string(outputPath)
        head.int(articles.count)
        stream.write(head.bytes)
        let order = articles.stableOrder()
        let missing = order.filter { articles.values[$0].encoded == nil }
        let size = max(256, missing.count / (ProcessInfoCores.count * 4) + 1)
        let ranges = stride(from: 0, to: missing.count, by: size).map { $0..<min($0 + size, missing.count) }
        // Each part: its entries' bytes one after another, and where each one ends.
        let parts = await parallelMap(ranges, chunkSize: 1) { [self] range -> (bytes: [UInt8], ends: [Int]) in
            var w = ByteWriter()
            w.bytes.reserveCapacity(range.count * 1536)
            var ends: [Int] = []
            ends.reserveCapacity(range.count)
            for i in missing[range] {
                writeArticles(CollectionOfOne(i), to: &w)
                ends.append(w.bytes.count)
            }
            return (w.bytes, ends)
        }
        var part = 0, entry = 0, start = 0
        for i in order {
            if let encoded = articles.values[i].encoded {
                stream.write(encoded)
                continue
            }
            let end = parts[part].ends[entry]
            stream.write(parts[part].bytes[start..<end])
            start = end
            entry += 1
            if entry == parts[part].ends.count {
                part += 1
                entry = 0
                start = 0
            }
        }
        var w = ByteWriter()
        w.int(outputs.count)
        for i in outputs.stableOrder() {
            if let encoded = outputs.values[i].encoded {
                stream.write(w.bytes)
                w.bytes.removeAll(keepingCapacity: true)
                stream.write(encoded)
                continue
            }
            writeOutput(i, to: &w)
            if w.bytes.count > 1 << 16 {
                stream.write(w.bytes)
                w.bytes.removeAll(keepingCapacity: true)
            }
        }
        stream.write(w.bytes)
    }

    /// Magic, format, fingerprints and the article count, in a buffer sized for the whole file:
    /// growing a buffer of megabytes by doubling copies it again each time.
    private func header() -> ByteWriter {
        var w = SealedFile.writer(magic: Self.magic)
        var size = 1 << 16
        for entry in articles.values { size += entry.encoded?.count ?? 512 }
        for entry in outputs.values { size += entry.encoded?.count ?? 96 }
        w.bytes.reserveCapacity(size)
        w.int(Self.formatVersion)
        w.string(GazetteInfo.version)
        w.uint(articleFingerprint)
        w.string(outputPath)
        w.int(articles.count)
        return w
    }

    /// The article entries at `positions`. Entries read in place: binding them would copy every
    /// article.
    private func writeArticles(_ positions: some Sequence<[String: ArticleEntry].Index>, to w: inout ByteWriter) {
        for i in positions {
            if let encoded = articles.values[i].encoded {
                w.bytes.append(contentsOf: encoded)
                continue
            }
            Self.writeEntryHead(path: articles.keys[i], stamp: articles.values[i].stamp,
                                contentHash: articles.values[i].contentHash, emptyBody: articles.values[i].emptyBody, &w)
            let articleStart = w.bytes.count
            Self.writeArticle(articles.values[i].article, &w)
            w.fixed64(Self.listingHash(path: articles.keys[i], encoded: w.bytes[articleStart...]))
        }
    }

    private static func writeEntryHead(path: String, stamp: FileStamp, contentHash: UInt64, emptyBody: Bool,
                                       _ w: inout ByteWriter) {
        w.string(path)
        writeStamp(stamp, &w)
        w.uint(contentHash)
        w.bool(emptyBody)
    }

    /// The bytes of an article's entry, as `write` would encode it, and its `listingHash`,
    /// which hashes the article's part of them. A first build keeps them from reading the
    /// article on: its cache file is then written without encoding ten thousand articles again.
    static func encodeEntry(path: String, stamp: FileStamp, contentHash: UInt64, emptyBody: Bool,
                            article: Article) -> (bytes: [UInt8], listingHash: UInt64) {
        var w = ByteWriter()
        w.bytes.reserveCapacity(1024)
        writeEntryHead(path: path, stamp: stamp, contentHash: contentHash, emptyBody: emptyBody, &w)
        let articleStart = w.bytes.count
        writeArticle(article, &w)
        let hash = listingHash(path: path, encoded: w.bytes[articleStart...])
        // After the article: a rebuild reads it rather than hashing every article again.
        w.fixed64(hash)
        return (w.bytes, hash)
    }

    /// The output table, in a stable order, and the checksum.
    private func finish(_ w: inout ByteWriter) {
        w.int(outputs.count)
        for i in outputs.stableOrder() {
            if let encoded = outputs.values[i].encoded {
                w.bytes.append(contentsOf: encoded)
                continue
            }
            writeOutput(i, to: &w)
        }
        SealedFile.seal(&w.bytes, magic: Self.magic)
    }

    private func writeOutput(_ i: [String: OutputEntry].Index, to w: inout ByteWriter) {
        w.string(outputs.keys[i])
        w.uint(outputs.values[i].key)
        Self.writeStamp(outputs.values[i].stamp, &w)
    }

    /// Drops the body HTML of every article, as a cache read from disk has none: a cache kept in
    /// memory between builds should not hold the whole site's text.
    mutating func forgetBodies() {
        let rendered = articles.indices.filter { !articles.values[$0].article.htmlIsPending }.map { articles.keys[$0] }
        for path in rendered {
            articles[path]?.article.html = ""
            articles[path]?.article.htmlIsPending = true
        }
    }

    /// A file written in the same clock tick as the cache could change again without its stamp
    /// changing (file times are only as fine as the kernel's tick). Such recent stamps are not
    /// trusted next time: the file is read and compared by its bytes instead.
    mutating func distrustRecentStamps(now: Date = Date()) {
        let limit = Int64(now.timeIntervalSince1970) - 2
        // Changed in place through the values: looking each path up again copied its entry
        // (every string of its article retained), for every article of a fresh checkout. Not
        // `for i in articles.values.indices`: those indices hold the dictionary, so the first
        // change copied all of it.
        var i = articles.values.startIndex
        let end = articles.values.endIndex
        while i != end {
            if articles.values[i].stamp.modifiedSeconds >= limit {
                articles.values[i].stamp.size = -1
                articles.values[i].encoded = nil
            }
            articles.values.formIndex(after: &i)
        }
    }

    /// Whether this cache is worth writing over the file it was read from, which held `old`
    /// entries (-1: a file of another kind, or none). The entries carried over unchanged hold
    /// the bytes they were read from; the others are what the file would have wrong.
    ///
    /// Left as it is, a file wrong about a few entries costs the next build only those: an
    /// article whose stamp is not the recorded one is read again, and a page whose key or
    /// stamp is not is rendered again (and written only if its bytes differ). Rewriting twelve
    /// megabytes for a one-article edit of a 10,000-article site cost more than that edit's
    /// whole rebuild otherwise did in one phase. So a cache wrong about at most 32 entries, and
    /// about no more than one in 64 of them, is not written; the next build that changes more
    /// writes it whole.
    func isWorthWriting(over old: (articles: Int, outputs: Int)) -> Bool {
        guard old.articles >= 0, old.outputs >= 0 else { return true }
        var carriedArticles = 0
        for entry in articles.values where entry.encoded != nil { carriedArticles += 1 }
        var carriedOutputs = 0
        for entry in outputs.values where entry.encoded != nil { carriedOutputs += 1 }
        // Entries new or changed here, and entries of the file that are gone or changed.
        let wrong = (articles.count - carriedArticles) + (old.articles - carriedArticles)
            + (outputs.count - carriedOutputs) + (old.outputs - carriedOutputs)
        return wrong > Self.staleEntriesAllowed || wrong * 64 > old.articles + old.outputs
    }

    static let staleEntriesAllowed = 32

    /// Writes the cache atomically (a temporary file, then a rename).
    func save(to site: URL) async throws {
        let folder = site.appendingPathComponent(Self.folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let final = folder.appendingPathComponent(Self.fileName).path
        let temp = final + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let fd = FileSystem.createFile(temp)
        guard fd >= 0 else { throw Invalid(description: "cannot write the build cache: \(FileSystem.errorText(errno))") }
        var stream = SealedFileStream(fd: fd, magic: Self.magic)
        await write(to: &stream)
        if let code = stream.finish() {
            unlink(temp)
            throw Invalid(description: "cannot write the build cache: \(FileSystem.errorText(code))")
        }
        guard rename(temp, final) == 0 else {
            unlink(temp)
            throw Invalid(description: "cannot write the build cache: \(FileSystem.errorText(errno))")
        }
    }

    // MARK: Pieces

    static func writeStamp(_ s: FileStamp, _ w: inout ByteWriter) {
        w.int(Int(s.size))
        w.int(Int(s.modifiedSeconds))
        w.int(Int(s.modifiedNanoseconds))
        w.uint(s.inode)
        w.int(Int(s.changedSeconds))
        w.int(Int(s.changedNanoseconds))
    }

    static func readStamp(_ r: inout ByteReader) throws -> FileStamp {
        FileStamp(size: Int64(try r.int()), modifiedSeconds: Int64(try r.int()),
                  modifiedNanoseconds: Int64(try r.int()), inode: try r.uint(),
                  changedSeconds: Int64(try r.int()), changedNanoseconds: Int64(try r.int()))
    }

    static func writeTimestamp(_ t: Timestamp, _ w: inout ByteWriter) {
        w.int(Int(t.seconds))
        w.int(Int(t.nanoseconds))
        w.int(Int(t.offset))
    }

    static func readTimestamp(_ r: inout ByteReader) throws -> Timestamp {
        Timestamp(seconds: Int64(try r.int()), nanoseconds: Int32(truncatingIfNeeded: try r.int()),
                  offset: Int32(truncatingIfNeeded: try r.int()))
    }

    static func writeValue(_ v: MetadataValue, _ w: inout ByteWriter) {
        switch v {
        case .string(let s): w.int(0); w.string(s)
        case .list(let items): w.int(1); w.int(items.count); for i in items { writeValue(i, &w) }
        case .map(let pairs): w.int(2); w.int(pairs.count); for (k, x) in pairs { w.string(k); writeValue(x, &w) }
        case .null: w.int(3)
        }
    }

    /// Moves past one value as `readValue` would read it, making none of its strings.
    static func skipValue(_ r: inout ByteReader, depth: Int = 0) throws {
        guard depth < 64 else { throw ByteReader.Truncated() }
        switch try r.int() {
        case 0: try r.skipString()
        case 1:
            let n = try r.int()
            guard n >= 0, n <= r.bytes.count else { throw ByteReader.Truncated() }
            for _ in 0..<n { try skipValue(&r, depth: depth + 1) }
        case 2:
            let n = try r.int()
            guard n >= 0, n <= r.bytes.count else { throw ByteReader.Truncated() }
            for _ in 0..<n {
                try r.skipString()
                try skipValue(&r, depth: depth + 1)
            }
        case 3: break
        default: throw ByteReader.Truncated()
        }
    }

    static func readValue(_ r: inout ByteReader, depth: Int = 0) throws -> MetadataValue {
        guard depth < 64 else { throw ByteReader.Truncated() }
        switch try r.int() {
        case 0: return .string(try r.string())
        case 1:
            let n = try r.int()
            guard n >= 0, n <= r.bytes.count else { throw ByteReader.Truncated() }
            var items: [MetadataValue] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try readValue(&r, depth: depth + 1)) }
            return .list(items)
        case 2:
            let n = try r.int()
            guard n >= 0, n <= r.bytes.count else { throw ByteReader.Truncated() }
            var pairs: [(key: String, value: MetadataValue)] = []
            pairs.reserveCapacity(n)
            for _ in 0..<n {
                let key = try r.string()
                pairs.append((key, try readValue(&r, depth: depth + 1)))
            }
            return .map(pairs)
        case 3: return .null
        default: throw ByteReader.Truncated()
        }
    }

    static func writeArticle(_ a: Article, _ w: inout ByteWriter) {
        w.string(a.title)
        writeTimestamp(a.date, &w)
        w.bool(a.updated != nil)
        if let u = a.updated { writeTimestamp(u, &w) }
        w.string(a.category)
        w.string(a.categorySlug)
        w.int(a.tags.count)
        for t in a.tags { w.string(t) }
        w.optional(a.source)
        w.optional(a.publisher)
        w.optional(a.author)
        w.optional(a.originalURL)
        w.optional(a.summary)
        w.string(a.slug)
        w.bool(a.draft)
        // Its length first: a rebuild steps over it without walking its structure.
        let lengthAt = w.bytes.count
        w.fixed32(0)
        if let encoded = a.frontMatter.encoded {
            w.bytes.append(contentsOf: encoded)
        } else {
            writeValue(a.metadata, &w)
        }
        w.patchFixed32(UInt32(w.bytes.count - lengthAt - 4), at: lengthAt)
        w.int(a.bodyLine)
        w.string(a.summaryHTML)
        w.string(a.summaryText)
    }

    /// What `Article.listingHash` holds: a hash of the article's path and of the fields the
    /// cache keeps of it (everything but the body), as the cache encodes them.
    static func listingHash(of article: Article) -> UInt64 {
        var w = ByteWriter()
        writeArticle(article, &w)
        return listingHash(path: article.path, encoded: w.bytes[...])
    }

    static func listingHash(path: String, encoded: ArraySlice<UInt8>) -> UInt64 {
        var h = StableHasher()
        h.combine(path)
        h.combine(bytes: encoded)
        return h.value
    }

    /// Reads an article as `writeArticle` wrote it. Its text (title, tags, the optional fields,
    /// the summary) is stepped over and left in the cache's bytes until read (`EncodedArticleText`).
    static func readArticle(_ r: inout ByteReader, path: String) throws -> Article {
        let titleAt = r.offset
        try r.skipString()
        let date = try readTimestamp(&r)
        let updated = try r.bool() ? try readTimestamp(&r) : nil
        let category = try r.string()
        let categorySlug = try r.string()
        let tagsAt = r.offset
        let tagCount = try r.int()
        guard tagCount >= 0, tagCount <= r.bytes.count else { throw ByteReader.Truncated() }
        for _ in 0..<tagCount { try r.skipString() }
        for _ in 0..<5 {
            if try r.bool() { try r.skipString() }
        }
        let slug = try r.string()
        let draft = try r.bool()
        // Stepped over by its length, not decoded: see `LazyMetadata`.
        let metadataLength = Int(try r.fixed32())
        let metadataStart = r.offset
        try r.skip(metadataLength)
        let frontMatter = LazyMetadata(encoded: r.bytes, range: metadataStart..<r.offset)
        let bodyLine = try r.int()
        let summaryAt = r.offset
        try r.skipString()
        try r.skipString()
        var article = Article(path: path, encodedText: EncodedArticleText(bytes: r.bytes, titleAt: titleAt, tagsAt: tagsAt, summaryAt: summaryAt),
                              date: date, updated: updated, category: category, categorySlug: categorySlug, slug: slug,
                              draft: draft, frontMatter: frontMatter, bodyLine: bodyLine)
        // The body's HTML is not kept: it is most of the bytes, and a rebuild needs it only for
        // the few pages and feeds it re-renders (see `Article.htmlIsPending`).
        article.htmlIsPending = true
        return article
    }
}

/// Keeps two builds of one site from using the cache at once (`flock`, released when the
/// process ends, even if it crashes).
struct CacheLock: ~Copyable {
    private let fd: Int32

    init?(site: URL) {
        let folder = site.appendingPathComponent(BuildCache.folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fd = open(folder.appendingPathComponent("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { close(fd); return nil }
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

public enum GazetteInfo {
    /// Written into the build cache: a cache from another version is ignored.
    public static let version = "0.1.0"
}
