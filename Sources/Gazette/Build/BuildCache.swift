import Foundation

/// The on-disk build cache (`.gazette/cache/build-cache` in the site folder).
///
/// It remembers each article as parsed, keyed by the file's stamp, and each output file by a key
/// of everything its page shows, so that a rebuild re-reads only the articles that changed and
/// re-renders only the pages that show them. It is only an optimisation: a missing, damaged or
/// foreign cache is ignored (with a note) and the output is the same byte for byte.
///
/// The file: a header (format, Gazette's version, the article fingerprint, the output folder),
/// every article entry (path, stamp, content hash, whether the body is empty, the front matter's
/// warnings, then the article as `ArticleCoding` writes it), every output entry (path, key, stamp), and a checksum.
struct BuildCache: Sendable {
    struct ArticleEntry: Sendable {
        var stamp: FileStamp
        var contentHash: UInt64
        var emptyBody: Bool
        /// The warnings reading the file gave (`FrontMatter.Parsed.warnings`): a build that takes
        /// the article from here shows them again, as one that reads the file would.
        var warnings: [Diagnostic] = []
        var article: CachedArticle
        /// Read from the cache file and unchanged since: the file would hold it as it is.
        var carriedOver = false
    }

    struct OutputEntry: Sendable, Hashable {
        /// Hash of everything the file was rendered from.
        var key: UInt64
        /// Stamp of the file as written, to notice a file changed or removed behind our back.
        var stamp: FileStamp
        /// Read from the cache file and unchanged since.
        var carriedOver = false
    }

    static let folder = ".gazette/cache"
    static let fileName = "build-cache"
    static let magic: [UInt8] = Array("GZTCACHE".utf8)
    static let formatVersion = 11

    /// Fingerprint of what parsing and Markdown depend on: Gazette's version, the time zone,
    /// the raw-HTML switch. A change re-reads every article.
    var articleFingerprint: UInt64 = 0
    /// Output folder the output entries describe.
    var outputPath = ""
    var articles: [String: ArticleEntry] = [:]
    var outputs: [String: OutputEntry] = [:]
    /// The output entries as the cache file holds them, not yet in `outputs`: a build needs
    /// them only once it plans its pages, and decodes them meanwhile (`decodeOutputs`).
    private(set) var encodedOutputs: EncodedOutputs?

    struct EncodedOutputs: Sendable {
        /// The cache file's bytes, and where the entries are in them.
        var bytes: [UInt8]
        var start: Int
        var end: Int
        var count: Int

        /// The entries as a table. They were walked once when the cache was read: these reads
        /// cannot fail.
        func decoded() -> [String: OutputEntry] {
            var table: [String: OutputEntry] = Dictionary(minimumCapacity: count)
            var reader = ByteReader(bytes, from: start)
            for _ in 0..<count {
                guard let path = try? reader.string(), let key = try? reader.uint(),
                    let stamp = try? BuildCache.readStamp(&reader)
                else { break }
                table[path] = OutputEntry(key: key, stamp: stamp, carriedOver: true)
            }
            return table
        }
    }

    /// How many output entries the cache holds, in `outputs` or still encoded.
    var outputCount: Int { encodedOutputs?.count ?? outputs.count }

    /// Puts the entries still encoded into `outputs` (`decoded`, when decoded elsewhere).
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

    // MARK: Reading

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// Loads the cache; `nil` when there is none. Throws `Invalid` for a cache that cannot be
    /// used. The output entries are checked but left encoded (see `encodedOutputs`).
    static func load(from site: URL) throws(Invalid) -> BuildCache? {
        let path = site.appendingPathComponent(folder).appendingPathComponent(fileName).path
        guard let bytes = FileSystem.readBytes(path) else { return nil }
        return try decode(bytes)
    }

    static func decode(_ bytes: [UInt8]) throws(Invalid) -> BuildCache {
        // Read in place: the entries keep the bytes (see `CachedArticle`).
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
            let articleCount = try reader.count()
            cache.articles.reserveCapacity(articleCount)
            for _ in 0..<articleCount {
                let path = try reader.string()
                let stamp = try readStamp(&reader)
                let hash = try reader.uint()
                let emptyBody = try reader.bool()
                var warnings: [Diagnostic] = []
                for _ in 0..<(try reader.count()) {
                    let line = try reader.int(), column = try reader.int()
                    warnings.append(.warning(path: path, line: line, column: column, try reader.string()))
                }
                let start = reader.offset
                let head = try ArticleCoding.readHead(&reader, path: path)
                let article = CachedArticle(head: head, file: bytes, start: start, end: reader.offset)
                cache.articles[path] = ArticleEntry(
                    stamp: stamp, contentHash: hash, emptyBody: emptyBody, warnings: warnings, article: article,
                    carriedOver: true)
            }
            let outputCount = try reader.count()
            let start = reader.offset
            for _ in 0..<outputCount {
                try reader.skipString()
                _ = try reader.uint()
                _ = try readStamp(&reader)
            }
            cache.encodedOutputs = EncodedOutputs(bytes: bytes, start: start, end: reader.offset, count: outputCount)
            guard reader.atEnd else { throw Invalid(description: "the build cache is damaged") }
            return cache
        } catch let error as Invalid {
            throw error
        } catch {
            throw Invalid(description: "the build cache is damaged")
        }
    }

    // MARK: Writing

    /// Whether this cache is worth writing over the file it was read from, which held `old`
    /// entries (nil: a file of another kind, or none).
    ///
    /// Left as it is, a file wrong about a few entries costs the next build only those: an
    /// article whose stamp is not the recorded one is read again, and a page whose key or stamp
    /// is not is rendered again (and written only if its bytes differ). Rewriting a file of
    /// megabytes for a one-article edit costs more than that. So a cache wrong about at most 32
    /// entries, and about no more than one in 64 of them, is not written; the next build that
    /// changes more writes it whole.
    func isWorthWriting(over old: (articles: Int, outputs: Int)?) -> Bool {
        guard let old else { return true }
        // Read in place: an entry passed to a closure would be copied, its references retained.
        var carriedArticles = 0
        for i in articles.values.indices where articles.values[i].carriedOver { carriedArticles += 1 }
        var carriedOutputs = 0
        for i in outputs.values.indices where outputs.values[i].carriedOver { carriedOutputs += 1 }
        // Entries new or changed here, and entries of the file that are gone or changed.
        let wrong =
            (articles.count - carriedArticles) + (old.articles - carriedArticles)
            + (outputs.count - carriedOutputs) + (old.outputs - carriedOutputs)
        return wrong > Self.staleEntriesAllowed || wrong * 64 > old.articles + old.outputs
    }

    static let staleEntriesAllowed = 32

    /// A file written in the same clock tick as the cache could change again without its stamp
    /// changing (file times are only as fine as the kernel's tick). Such recent stamps are not
    /// trusted next time: the file is read and compared by its bytes instead.
    mutating func distrustRecentStamps(now: Date = Date()) {
        let limit = Int64(now.timeIntervalSince1970) - 2
        // Changed in place through the values: looking each path up again would copy its entry.
        var i = articles.values.startIndex
        while i != articles.values.endIndex {
            if articles.values[i].stamp.modifiedSeconds >= limit {
                articles.values[i].stamp.size = -1
                articles.values[i].carriedOver = false
            }
            articles.values.formIndex(after: &i)
        }
    }

    /// The whole cache file, in memory: what `save` streams to disk (the tests hold the two to
    /// the same bytes).
    func encode() -> [UInt8] {
        var w = SealedFile.writer(magic: Self.magic)
        var body = ByteWriter()
        writeBody { body.bytes.append(contentsOf: $0) }
        w.bytes += body.bytes
        SealedFile.seal(&w.bytes, magic: Self.magic)
        return w.bytes
    }

    /// Writes the cache atomically (a temporary file, then a rename), streamed: an article's
    /// bytes go out as the cache file or the loader left them, without the file in memory.
    func save(to site: URL) throws {
        let folder = site.appendingPathComponent(Self.folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let final = folder.appendingPathComponent(Self.fileName).path
        let temp = final + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let fd = FileSystem.createFile(temp)
        guard fd >= 0 else { throw Invalid(description: "cannot write the build cache: \(FileSystem.errorText(errno))") }
        var stream = SealedFileStream(fd: fd, magic: Self.magic)
        writeBody { stream.write($0) }
        if let code = stream.finish() {
            unlink(temp)
            throw Invalid(description: "cannot write the build cache: \(FileSystem.errorText(code))")
        }
        guard rename(temp, final) == 0 else {
            unlink(temp)
            throw Invalid(description: "cannot write the build cache: \(FileSystem.errorText(errno))")
        }
    }

    /// Everything between the magic and the checksum, in pieces, articles and outputs in a
    /// stable order.
    private func writeBody(_ put: (ArraySlice<UInt8>) -> Void) {
        var w = ByteWriter()
        w.bytes.reserveCapacity(1 << 16)
        w.int(Self.formatVersion)
        w.string(GazetteInfo.version)
        w.uint(articleFingerprint)
        w.string(outputPath)
        w.int(articles.count)
        // Read in place: binding an entry would copy it.
        for i in articles.stableOrder() {
            w.string(articles.keys[i])
            Self.writeStamp(articles.values[i].stamp, &w)
            w.uint(articles.values[i].contentHash)
            w.bool(articles.values[i].emptyBody)
            w.int(articles.values[i].warnings.count)
            for warning in articles.values[i].warnings {
                w.int(warning.line)
                w.int(warning.column)
                w.string(warning.message)
            }
            put(w.bytes[...])
            w.bytes.removeAll(keepingCapacity: true)
            put(articles.values[i].article.bytes)
        }
        if let encoded = encodedOutputs {
            // Not decoded: written back as they were read.
            w.int(encoded.count)
            put(w.bytes[...])
            put(encoded.bytes[encoded.start..<encoded.end])
            return
        }
        w.int(outputs.count)
        for i in outputs.stableOrder() {
            w.string(outputs.keys[i])
            w.uint(outputs.values[i].key)
            Self.writeStamp(outputs.values[i].stamp, &w)
            if w.bytes.count > 1 << 16 {
                put(w.bytes[...])
                w.bytes.removeAll(keepingCapacity: true)
            }
        }
        put(w.bytes[...])
    }

    static func writeStamp(_ s: FileStamp, _ w: inout ByteWriter) {
        w.int(Int(s.size))
        w.int(Int(s.modifiedSeconds))
        w.int(Int(s.modifiedNanoseconds))
        w.uint(s.inode)
        w.int(Int(s.changedSeconds))
        w.int(Int(s.changedNanoseconds))
    }

    static func readStamp(_ r: inout ByteReader) throws(ByteReader.Truncated) -> FileStamp {
        FileStamp(
            size: Int64(try r.int()), modifiedSeconds: Int64(try r.int()),
            modifiedNanoseconds: Int64(try r.int()), inode: try r.uint(),
            changedSeconds: Int64(try r.int()), changedNanoseconds: Int64(try r.int()))
    }
}
