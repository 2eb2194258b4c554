/// The sitemaps: `sitemap.xml`, an index naming the parts `sitemap-1.xml`, `sitemap-2.xml`, …,
/// which list every page with the date of the newest article it shows, at most
/// `maximumURLs` each (the sitemaps.org limit is 50,000 URLs and 50 MB: a URL of the site is far
/// under a kilobyte); and `news-sitemap.xml`, the Google News sitemap of the articles published
/// in the 48 hours before the build's time, at most 1,000.
struct SitemapPlan: Sendable {
    static let maximumURLs = 50_000
    static let newsWindow: Int64 = 48 * 3600
    static let maximumNews = 1_000

    struct Entry: Sendable, Hashable {
        var url: String
        var lastModified: Timestamp?
    }

    enum File: Sendable, Hashable {
        case index
        case part(Int)
        case news

        var route: Route {
            switch self {
            case .index: .sitemap
            case .part(let n): .sitemap(part: n)
            case .news: .newsSitemap
            }
        }
    }

    /// Each part's entries, in the order of their URLs; one part, empty, for a site with no pages.
    let parts: [[Entry]]
    /// The articles of the news sitemap, newest first.
    let news: [Int]
    /// When the oldest article of `news` leaves its 48 hours (`Int64.max` without any): the build
    /// is not "unchanged" after that, whatever its inputs.
    let validUntil: Int64

    var files: [File] { [.index] + parts.indices.map { .part($0 + 1) } + [.news] }

    /// `partSize` is `maximumURLs` but in tests.
    init(pages: [Page], index: SiteIndex, config: SiteConfig, now: Timestamp, partSize: Int = maximumURLs) {
        func newest(_ items: some Sequence<Int>) -> Timestamp? {
            items.map { index.articles[$0].lastModified }.max()
        }
        var entries: [Entry] = []
        entries.reserveCapacity(pages.count)
        for page in Self.byAddress(pages) {
            let lastModified: Timestamp?
            switch page.kind {
            case .notFound: continue
            case .home(let n):
                lastModified = newest(
                    index.homePagination.range(ofPage: n).map { index.homeItems[$0] })
            case .article(let i): lastModified = index.articles[i].lastModified
            case .section(let taxonomy, let s, let n):
                let section = index.sections(taxonomy)[s]
                lastModified = newest(
                    Pagination(totalItems: section.articles.count, perPage: config.perPage)
                        .range(ofPage: n).map { section.articles[$0] })
            case .sectionIndex(let taxonomy): lastModified = newest(index.sections(taxonomy).compactMap(\.articles.first))
            case .archive(let g, let i): lastModified = newest(index.archives(g)[i].articles)
            case .archiveIndex: lastModified = newest(index.years.compactMap(\.articles.first))
            }
            entries.append(Entry(url: config.absoluteURL(page.route), lastModified: lastModified?.converted(to: config.timeZone)))
        }
        parts =
            entries.isEmpty
            ? [[]] : stride(from: 0, to: entries.count, by: partSize).map { Array(entries[$0..<min($0 + partSize, entries.count)]) }
        // Newest first: the first articles not after `now` are the ones in the window.
        let earliest = now.seconds - Self.newsWindow
        news = Array(
            index.articles.indices.lazy.filter { index.articles[$0].date.seconds <= now.seconds }
                .prefix { index.articles[$0].date.seconds > earliest }.prefix(Self.maximumNews))
        validUntil = news.last.map { index.articles[$0].date.seconds + Self.newsWindow } ?? Int64.max
    }

    /// `pages` in the order of their addresses (`Route`'s, a `String` order). Where every address
    /// is ASCII, as nearly every site's are, that is the order of their bytes, sorted by
    /// sixteen-byte keys instead of a `String` comparison for each of the two million or so
    /// comparisons that 125,000 pages take.
    static func byAddress(_ pages: [Page]) -> [Page] {
        let paths = pages.map(\.route.path)
        guard paths.allSatisfy(Route.isASCII) else { return pages.sorted { $0.route < $1.route } }
        return ContentLoader.byteOrder(of: paths, from: 0).map { pages[$0] }
    }

    /// The cache key of `file`: its entries (or for the index, every part's newest date; for the
    /// news sitemap, its articles) on top of what every output's key holds.
    func key(for file: File, keys: CacheKeys) -> UInt64 {
        var h = StableHasher()
        h.combine(keys.global)
        h.combine(file.route.path)
        switch file {
        case .index:
            h.combine(parts.count)
            for part in parts { h.combine(Self.newest(part)?.iso8601 ?? "") }
        case .part(let n):
            for entry in parts[n - 1] {
                h.combine(entry.url)
                h.combine(entry.lastModified?.iso8601 ?? "")
            }
            h.combine(parts[n - 1].count)
        case .news:
            for i in news { h.combine(keys.index.articles[i].listingHash) }
            h.combine(news.count)
        }
        return h.value
    }

    /// `news:language` as Google News asks: the ISO 639 code (`en` for `en-GB`), but `zh-cn` or
    /// `zh-tw` for Chinese, by script or region (`zh-Hant`, `zh-TW`, `zh-HK` are traditional).
    static func newsLanguage(_ language: String) -> String {
        let parts = language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = parts.first else { return language }
        guard first == "zh" else { return first }
        return parts.dropFirst().contains(where: { ["hant", "tw", "hk", "mo"].contains($0) }) ? "zh-tw" : "zh-cn"
    }

    static func newest(_ part: [Entry]) -> Timestamp? { part.compactMap(\.lastModified).max() }

    func render(_ file: File, index: SiteIndex, config: SiteConfig) -> String {
        switch file {
        case .index:
            var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for (n, part) in parts.enumerated() {
                x += "<sitemap><loc>\(HTML.escapeXML(config.absoluteURL(.sitemap(part: n + 1))))</loc>"
                if let newest = Self.newest(part) { x += "<lastmod>\(newest.iso8601)</lastmod>" }
                x += "</sitemap>\n"
            }
            return x + "</sitemapindex>\n"
        case .part(let n):
            var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for entry in parts[n - 1] {
                x += "<url><loc>\(HTML.escapeXML(entry.url))</loc>"
                if let lastModified = entry.lastModified { x += "<lastmod>\(lastModified.iso8601)</lastmod>" }
                x += "</url>\n"
            }
            return x + "</urlset>\n"
        case .news:
            var x = """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">

                """
            let name = HTML.escapeXML(config.newsName ?? config.title)
            let language = HTML.escapeXML(Self.newsLanguage(config.language))
            for i in news {
                let article = index.article(i)
                x += "<url><loc>\(HTML.escapeXML(config.absoluteURL(.article(index.articles[i]))))</loc>"
                x +=
                    "<news:news><news:publication><news:name>\(name)</news:name><news:language>\(language)</news:language></news:publication>"
                x += "<news:publication_date>\(article.date.iso8601)</news:publication_date>"
                x += "<news:title>\(HTML.escapeXML(article.title))</news:title></news:news></url>\n"
            }
            return x + "</urlset>\n"
        }
    }
}
