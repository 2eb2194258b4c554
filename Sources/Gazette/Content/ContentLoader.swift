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
            // Compared as bytes (`hasPrefix` compares as Unicode text, far more slowly). A
            // dotfile or anything in a dot-folder: the components after the first never start
            // at index 0, so "/." finds them all.
            var path = path
            return path.withUTF8 { bytes in
                bytes.starts(with: prefix) && (bytes.hasSuffix(".md") || bytes.hasSuffix(".markdown"))
            } && !containsHiddenComponent(path)
        }
        return sortedInBytes(articles, from: prefix.count)
    }

    /// `paths` in the order of `precedesInBytes`, when they share their first `skip` bytes.
    static func sortedInBytes(_ paths: [String], from skip: Int) -> [String] {
        byteOrder(of: paths, from: skip).map { paths[$0] }
    }

    /// The places of `paths` in the order of `precedesInBytes`, when they share their first
    /// `skip` bytes. Each is sorted by its next sixteen bytes as two numbers first, and by all
    /// of its bytes only where those are equal, which is rare: far fewer string comparisons.
    static func byteOrder(of paths: [String], from skip: Int) -> [Int] {
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
        return keyed.map(\.index)
    }

    /// Byte order of the UTF-8: a path sort that does not depend on the order the file system
    /// listed them in, even for two names Unicode holds equal (`é` and `e` + accent), which a
    /// `String` sort leaves in listing order.
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

    /// One article file as a build found it, with what the build cache needs to skip it next time.
    struct LoadedFile: Sendable {
        var path: String
        /// nil when the file could not be stamped (a link, a file that went away): it is then
        /// read each time.
        var stamp: FileStamp?
        var contentHash: UInt64
        var emptyBody: Bool
        /// Every problem to report for the file.
        var diagnostics: [Diagnostic]
        /// The front matter's warnings, which the build cache keeps with the article.
        var fileWarnings: [Diagnostic] = []
        /// The article just read, with its body's HTML; nil when it came from the cache.
        var parsed: (article: Article, html: String)?
        /// The article as the cache holds it: the cache's own entry when the file is as the
        /// cache last saw it, else the article just read, encoded. Nil when the file is not an
        /// article.
        var cached: CachedArticle?
        /// Taken from the cache: not parsed this time.
        var reused = false
        /// Taken from the cache by its stamp: the cache's entry for it stands as it is.
        var unchanged = false
    }

    /// Loads `paths`, reusing the cached article of every file whose stamp (or, failing that,
    /// whose bytes) did not change. `stamps` are the files' stamps when already known.
    func load(
        _ paths: [String], cache: [String: BuildCache.ArticleEntry]?,
        stamps: [String: FileStamp]? = nil
    ) async -> [LoadedFile] {
        let site = siteDirectory
        let zone = config.timeZone
        let slugStyle = config.slugStyle
        let renderer = MarkdownRenderer(allowRawHTML: config.unsafeHTML)
        return await parallelMap(paths) { path -> LoadedFile in
            // From a listing, the stamp is known.
            let stamp = stamps?[path] ?? FileStamp(path: FileSystem.join(site.path, path))
            // Looked up once: each read of an entry out of the dictionary copies it.
            let entry = cache?[path]
            if let entry, let stamp, entry.stamp == stamp {
                return Self.cached(path, stamp, entry)
            }
            let bytes: [UInt8]
            switch SiteFile.open(site: site, path: path) {
            case .success(let read): bytes = read
            case .failure(let problem):
                // Not an article (a pipe, a link out of the site): named, and left out.
                return LoadedFile(
                    path: path, stamp: nil, contentHash: 0, emptyBody: false,
                    diagnostics: [.warning(path: path, problem.message)])
            }
            let hash = Self.contentHash(path, bytes)
            if let entry, entry.contentHash == hash {
                return Self.cached(path, stamp, entry)
            }
            switch FrontMatter.parseArticle(bytes: bytes, path: path, timeZone: zone, slugStyle: slugStyle) {
            case .success(let parsed):
                var article = parsed.article
                article.sourceHash = hash
                let out = renderer.render(parsed.body, paragraphs: Self.summaryNeedsBody(article))
                Self.setSummary(of: &article, from: out)
                let cached = CachedArticle(encoding: article)
                article.listingHash = cached.head.listingHash
                let empty = Self.isBlank(parsed.body)
                return LoadedFile(
                    path: path, stamp: stamp, contentHash: hash, emptyBody: empty,
                    diagnostics: parsed.warnings + (empty ? [Self.emptyBodyWarning(path, article.bodyLine)] : []),
                    fileWarnings: parsed.warnings, parsed: (article, out.html), cached: cached)
            case .failure(let failure):
                return LoadedFile(path: path, stamp: stamp, contentHash: hash, emptyBody: false, diagnostics: failure.diagnostics)
            }
        }
    }

    /// The cache's entry, for a file as the cache last saw it (by stamp, or by bytes).
    static func cached(_ path: String, _ stamp: FileStamp?, _ entry: BuildCache.ArticleEntry) -> LoadedFile {
        LoadedFile(
            path: path, stamp: stamp, contentHash: entry.contentHash, emptyBody: entry.emptyBody,
            diagnostics: entry.warnings + (entry.emptyBody ? [emptyBodyWarning(path, entry.article.head.bodyLine)] : []),
            fileWarnings: entry.warnings, cached: entry.article, reused: true, unchanged: stamp == entry.stamp)
    }

    static func emptyBodyWarning(_ path: String, _ line: Int) -> Diagnostic {
        .warning(path: path, line: line, "article has an empty body")
    }

    /// What decides the article's own page: its bytes, and where it is.
    static func contentHash(_ path: String, _ bytes: [UInt8]) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(path)
        hasher.combine(bytes: bytes)
        return hasher.value
    }

    /// The HTML of the body of the article at `path`, read from its file again: the cache keeps
    /// no bodies (they are most of an article), and a rebuild needs the few that the pages and
    /// feeds it renders show. Empty for a file that no longer reads as an article.
    func bodyHTML(ofArticleAt path: String) -> String {
        guard case .success(let bytes) = SiteFile.open(site: siteDirectory, path: path),
            case .success(let parsed) = FrontMatter.parseArticle(
                bytes: bytes, path: path, timeZone: config.timeZone, slugStyle: config.slugStyle)
        else { return "" }
        return MarkdownRenderer(allowRawHTML: config.unsafeHTML).render(parsed.body, paragraphs: false).html
    }

    /// The summary lists show: the front matter's own, else the body's first paragraph with
    /// text. Never the headline again: a summary (or paragraph) that only repeats it, word for
    /// word, gives way to the next paragraph, else to no summary at all.
    static func setSummary(of article: inout Article, from body: MarkdownRenderer.Output) {
        let title = article.title
        func repeatsHeadline(_ text: String) -> Bool { Self.repeatsHeadline(text, title) }
        if let summary = article.summary, !repeatsHeadline(summary) {
            article.summaryText = summary
            article.summaryHTML = "<p>" + HTML.escape(summary) + "</p>"
        } else if let paragraph = body.paragraphs.first(where: { !repeatsHeadline($0.text) }) {
            article.summaryText = paragraph.text
            article.summaryHTML = paragraph.html
        } else {
            article.summaryText = ""
            article.summaryHTML = ""
        }
    }

    /// Whether `text` only repeats `title`, word for word.
    static func repeatsHeadline(_ text: String, _ title: String) -> Bool {
        // Texts of very different lengths cannot be the same words: most are not compared.
        abs(text.utf8.count - title.utf8.count) <= max(16, title.utf8.count / 2) && words(text) == words(title)
    }

    /// Whether the summary comes from the body: the front matter gives none, or one that only
    /// repeats the headline. Otherwise the body's paragraphs need not be picked out.
    static func summaryNeedsBody(_ article: Article) -> Bool {
        article.summary.map { repeatsHeadline($0, article.title) } ?? true
    }

    /// The words of `text`, lowercased, without punctuation: what "word for word" compares.
    /// ASCII text is split and lowercased byte by byte, as Unicode's rules would: only other
    /// text pays for them.
    static func words(_ text: String) -> [String] {
        var text = text
        let ascii: [String]? = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var words: [String] = []
            var word: [UInt8] = []
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                default:
                    if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                    word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
        return ascii ?? text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Whether `text` is whitespace only, as its characters say: told from the bytes while they
    /// are ASCII (most bodies are found not blank at their first letter).
    static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case 0x09...0x0D, 0x20: continue
            case 0x80...: return text.allSatisfy(\.isWhitespace)
            default: return false
            }
        }
        return true
    }
}

private extension UnsafeBufferPointer<UInt8> {
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard self.count >= count else { return false }
        return suffix.withUTF8Buffer { UnsafeBufferPointer(rebasing: self[(self.count - count)...]).elementsEqual($0) }
    }
}
