import Foundation

/// Finds and reads every `content/**/*.md` of a site, in parallel, into `Article`s.
public struct ContentLoader: Sendable {
    public var siteDirectory: URL
    public var config: SiteConfig

    public init(siteDirectory: URL, config: SiteConfig) {
        self.siteDirectory = siteDirectory
        self.config = config
    }

    public static let contentFolder = "content"

    /// Site-relative paths of every article file, sorted, so that nothing depends on the
    /// order in which the file system lists them.
    public func articlePaths() -> [String] {
        let root = siteDirectory.appendingPathComponent(Self.contentFolder).path
        return Self.articlePaths(in: FileSystem.listFiles(root).map { Self.contentFolder + "/" + $0 })
    }

    /// Whether a component of `path` starts with a dot.
    static func containsHiddenComponent(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var previous = UInt8(ascii: "/")
            for byte in bytes {
                if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") { return true }
                previous = byte
            }
            return false
        }
    }

    /// The article files among site-relative `paths`, sorted.
    static func articlePaths(in paths: some Sequence<String>) -> [String] {
        let prefix = Array((contentFolder + "/").utf8)
        let articles = paths.filter { path in
            // Compared as bytes: `hasPrefix` and `hasSuffix` compare as Unicode text, at some
            // hundreds of instructions a path. A dotfile or anything in a dot-folder: the
            // components after the first never start at index 0, so "/." finds them all.
            var path = path
            return path.withUTF8 { bytes in
                bytes.starts(with: prefix) && (bytes.hasSuffix(".md") || bytes.hasSuffix(".markdown"))
            } && !containsHiddenComponent(path)
        }
        return sortedInBytes(articles, from: prefix.count)
    }

    /// `paths` in the order of `precedesInBytes`, when they share their first `skip` bytes.
    /// Each is sorted by its next sixteen bytes as two numbers first, and by all of its bytes
    /// only where those are equal: comparing the strings themselves, ten thousand of them
    /// took a one-article rebuild seven milliseconds.
    static func sortedInBytes(_ paths: [String], from skip: Int) -> [String] {
        func word(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt64 {
            // Big-endian, zero past the end: a path that ends first sorts first, as no path
            // holds a zero byte.
            var value: UInt64 = 0
            for i in start..<(start + 8) { value = value << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
            return value
        }
        var keyed: [(high: UInt64, low: UInt64, index: Int)] = []
        keyed.reserveCapacity(paths.count)
        for i in paths.indices {
            var path = paths[i]
            let key = path.withUTF8 { (word($0, skip), word($0, skip + 8)) }
            keyed.append((key.0, key.1, i))
        }
        keyed.sort { a, b in
            if a.high != b.high { return a.high < b.high }
            if a.low != b.low { return a.low < b.low }
            return precedesInBytes(paths[a.index], paths[b.index])
        }
        return keyed.map { paths[$0.index] }
    }

    /// Byte order of the UTF-8: a path sort that does not depend on the order the file system
    /// listed them in, even for two names Unicode holds equal (`é` and `e` + accent), which a
    /// `String` sort leaves in listing order. (It costs about what a `String` sort does.)
    static func precedesInBytes(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { l in
            rhs.withUTF8 { r in
                let common = min(l.count, r.count)
                let order = common == 0 ? 0 : memcmp(l.baseAddress!, r.baseAddress!, common)
                return order != 0 ? order < 0 : l.count < r.count
            }
        }
    }

    /// One file's outcome, with what the build cache needs to skip it next time.
    struct LoadedFile: Sendable {
        var path: String
        var stamp: FileStamp?
        var contentHash: UInt64
        var article: Article?
        var emptyBody: Bool
        var diagnostics: [Diagnostic]
        /// Whether it came from the cache without parsing.
        var reused: Bool
        /// The cache entry's bytes, when the file's stamp and bytes are as the cache has them:
        /// the entry is written back as it was.
        var encoded: ArraySlice<UInt8>? = nil
        /// The bytes of a cache entry for the article just read (see `BuildCache.encodeEntry`).
        var entryBytes: [UInt8]? = nil
    }

    /// Loads `paths`, reusing the cached article of every file whose stamp (or, failing that,
    /// whose bytes) did not change. `stamps` are the files' stamps when already known.
    func load(_ paths: [String], cache: [String: BuildCache.ArticleEntry]?,
              stamps: [String: FileStamp]? = nil) async -> [LoadedFile] {
        let site = siteDirectory.path
        let siteURL = siteDirectory
        let zone = config.timeZone
        let renderer = MarkdownRenderer(allowRawHTML: config.unsafeHTML)
        return await parallelMap(paths) { path -> LoadedFile in
            // The full path only when it is needed: from a listing, the stamp is known.
            let stamp = stamps?[path] ?? FileStamp(path: FileSystem.join(site, path))
            // Looked up once: each read of an entry out of the dictionary copies its article.
            let cached = cache?[path]
            if let cached, let stamp, cached.stamp == stamp {
                var file = Self.file(path, stamp, cached.contentHash, cached.article, cached.emptyBody, reused: true)
                file.encoded = cached.encoded
                return file
            }
            let bytes: [UInt8]
            switch SiteFile.open(site: siteURL, path: path) {
            case .success(let read): bytes = read
            case .failure(let problem):
                // Not an article (a pipe, a link out of the site): named, and left out.
                return LoadedFile(path: path, stamp: nil, contentHash: 0, article: nil, emptyBody: false,
                                  diagnostics: [.warning(path: path, problem.message)], reused: false)
            }
            var hasher = StableHasher()
            hasher.combine(path)
            hasher.combine(bytes: bytes)
            let hash = hasher.value
            if let cached, cached.contentHash == hash {
                return Self.file(path, stamp, hash, cached.article, cached.emptyBody, reused: true)
            }
            switch FrontMatter.parseArticle(bytes: bytes, path: path, timeZone: zone) {
            case .success(var article):
                article = Self.renderMarkdown(article, with: renderer)
                article.sourceHash = hash
                let empty = article.body.allSatisfy(\.isWhitespace)
                // The body is rendered; the cache and the pages need only its HTML.
                article.body = ""
                // The listing hash covers the article as the cache encodes it: encoded once,
                // the bytes serve the cache too.
                guard let stamp else {
                    article.listingHash = BuildCache.listingHash(of: article)
                    return Self.file(path, nil, hash, article, empty, reused: false)
                }
                let entry = BuildCache.encodeEntry(path: path, stamp: stamp, contentHash: hash, emptyBody: empty, article: article)
                article.listingHash = entry.listingHash
                var file = Self.file(path, stamp, hash, article, empty, reused: false)
                file.entryBytes = entry.bytes
                return file
            case .failure(let failure):
                return LoadedFile(path: path, stamp: stamp, contentHash: hash, article: nil, emptyBody: false,
                                  diagnostics: failure.diagnostics, reused: false)
            }
        }
    }

    static func file(_ path: String, _ stamp: FileStamp?, _ hash: UInt64, _ article: Article, _ empty: Bool, reused: Bool) -> LoadedFile {
        var a = article
        a.sourceHash = hash
        let warnings = empty ? [Diagnostic.warning(path: path, line: a.bodyLine, "article has an empty body")] : []
        return LoadedFile(path: path, stamp: stamp, contentHash: hash, article: a, emptyBody: empty,
                          diagnostics: warnings, reused: reused)
    }

    /// Renders the body of an article that came from the build cache without it.
    func renderBody(of article: Article) -> Article {
        var a = article
        a.htmlIsPending = false
        guard let bytes = FileSystem.readBytes(siteDirectory.path + "/" + article.path),
              case .success(let fresh) = FrontMatter.parseArticle(bytes: bytes, path: article.path, timeZone: config.timeZone)
        else { return a }
        a.html = MarkdownRenderer(allowRawHTML: config.unsafeHTML).render(fresh.body).html
        return a
    }

    static func renderMarkdown(_ article: Article, with renderer: MarkdownRenderer) -> Article {
        var a = article
        let out = renderer.render(a.body)
        a.html = out.html
        if let summary = a.summary {
            a.summaryText = summary
            a.summaryHTML = "<p>" + HTML.escape(summary) + "</p>"
        } else {
            a.summaryText = out.firstParagraphText
            a.summaryHTML = out.firstParagraphHTML
        }
        return a
    }
}

private extension UnsafeBufferPointer<UInt8> {
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard self.count >= count else { return false }
        return suffix.withUTF8Buffer { UnsafeBufferPointer(rebasing: self[(self.count - count)...]).elementsEqual($0) }
    }
}
