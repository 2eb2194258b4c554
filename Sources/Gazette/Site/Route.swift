/// An address of the site: a page's folder (`2022/03/12/slug/`, `""` for the home page) or a
/// file (`feed.xml`, `assets/style.css`, `404.html`), relative to the site root.
///
/// The URL map lives here and nowhere else: every page and file of the site gets its path from
/// one of these constructors, its file in the output folder from `outputPath` (the only place
/// `index.html` is added), its links from `Links`, and its absolute URL from
/// `SiteConfig.absoluteURL(_:)`.
public struct Route: Sendable, Hashable, Comparable {
    /// A page's folder, ending with `/` (empty for the home page), or a file's path.
    public let path: String

    private init(_ path: String) {
        self.path = path
    }

    /// A page: its address is a folder, served as the folder's `index.html`.
    public var isPage: Bool { path.isEmpty || path.utf8.last == UInt8(ascii: "/") }

    /// The file in the output folder: a page's `index.html`, or the file itself.
    public var outputPath: String { isPage ? FileSystem.concatenate(path, "index.html") : path }

    public static func < (a: Route, b: Route) -> Bool { a.path < b.path }

    /// Whether `text` is ASCII, as nearly every address is: checked on the bytes, without a
    /// generic walk.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains { $0 >= 0x80 } } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// `path` as a URL writes it: every byte of the UTF-8 of a non-ASCII character
    /// percent-encoded (`%E6%97%A5`), as RFC 3987 maps an IRI to a URI; ASCII is left exactly as
    /// it is, so that an ASCII address, or one encoded already, comes out unchanged. Paths on
    /// disk keep the characters themselves; every link, feed and sitemap goes through this.
    public static func encoded(_ path: String) -> String {
        guard !isASCII(path) else { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count * 3)
        for byte in path.utf8 {
            if byte < 0x80 {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Pages

    public static func home(page: Int) -> Route { Route(page <= 1 ? "" : "page/\(page)/") }

    /// `YYYY/MM/DD/<slug>/`, by the article's date in the site's time zone.
    public static func article(date: Timestamp, slug: String) -> Route {
        let c = date.civil
        guard (0...9999).contains(c.year) else {
            return Route("\(pad(c.year, 4))/\(pad(c.month))/\(pad(c.day))/\(slug)/")
        }
        // Written into one new string: listings make an address for every article they show.
        var slug = slug
        let count = 11 + slug.utf8.count + 1
        return Route(
            String(unsafeUninitializedCapacity: count) { buffer in
                var i = 0
                for (value, width) in [(c.year, 4), (c.month, 2), (c.day, 2)] {
                    writeDigits(value, width: width, into: buffer, at: &i)
                    buffer[i] = UInt8(ascii: "/")
                    i += 1
                }
                slug.withUTF8 { bytes in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[i...]).initialize(from: bytes)
                    i += bytes.count
                }
                buffer[i] = UInt8(ascii: "/")
                return i + 1
            })
    }

    public static func article(_ article: ArticleHead) -> Route { Self.article(date: article.date, slug: article.slug) }

    /// An article's address as a story's key (`story:`): its path without the slash at the end.
    public var storyKey: String {
        // By bytes: dropping the last Character would ask where the last grapheme starts.
        path.utf8.last == UInt8(ascii: "/") ? String(Substring(path.utf8.dropLast())) : path
    }

    public static func category(_ slug: String, page: Int = 1) -> Route { section(.category, slug, page: page) }

    /// `category/<slug>/`, `tag/<slug>/` or `source/<slug>/`, then `page/<n>/`.
    public static func section(_ taxonomy: SiteIndex.Taxonomy, _ slug: String, page: Int = 1) -> Route {
        Route(page <= 1 ? "\(taxonomy.folder)/\(slug)/" : "\(taxonomy.folder)/\(slug)/page/\(page)/")
    }

    /// `tags/`, `sources/`: every section of the taxonomy, with its count.
    public static func sectionIndex(_ taxonomy: SiteIndex.Taxonomy) -> Route { Route("\(taxonomy.indexFolder)/") }

    /// `YYYY/`, `YYYY/MM/` or `YYYY/MM/DD/`.
    public static func period(_ period: Period) -> Route {
        switch period.granularity {
        case .year: return Route("\(pad(period.year, 4))/")
        case .month: return Route("\(pad(period.year, 4))/\(pad(period.month))/")
        case .day: return Route("\(pad(period.year, 4))/\(pad(period.month))/\(pad(period.day))/")
        }
    }

    /// `archive/`: every year, with its months.
    public static let archiveIndex = Route("archive/")

    /// Served for any address the site does not have, at any depth.
    public static let notFound = Route("404.html")

    // MARK: Files

    /// A feed in `format` of `owner`: `feed.xml`, `atom.xml` or `feed.json` in the site's root,
    /// a section's folder, or `editions/`.
    public static func feed(_ owner: Feed.Owner, _ format: Feed.Format) -> Route {
        let folder: String
        switch owner {
        case .site: folder = ""
        case .section(let taxonomy, let slug): folder = "\(taxonomy.folder)/\(slug)/"
        case .editions: folder = "editions/"
        }
        return Route(folder + format.fileName)
    }

    public static let siteFeed = feed(.site, .rss)
    /// The sitemap index, naming `sitemap(part:)` for each part.
    public static let sitemap = Route("sitemap.xml")
    /// `sitemap-1.xml`, …: at most `Sitemap.maximumURLs` addresses each.
    public static func sitemap(part: Int) -> Route { Route("sitemap-\(part).xml") }
    /// Google News: the articles of the last 48 hours.
    public static let newsSitemap = Route("news-sitemap.xml")
    public static let robots = Route("robots.txt")

    /// A file of the theme's `assets/` or of `static/`, at its path in the output.
    public static func file(_ path: String) -> Route { Route(path) }
}

/// The links a page makes to the site's other pages and files.
///
/// Relative (`../../2022/03/12/slug/`), so that a site works under any sub-path of any host;
/// the 404 page, which a server shows at any depth, links from the base path of `base_url`
/// instead. Pages are linked as folders, as every web host serves them and as the canonical
/// URLs, the sitemap and the feeds name them; with `file_links` they are linked as their
/// `index.html`, for reading the output straight from the file system.
public struct Links: Sendable {
    /// What leads from the page back to the site root: `../../` for `2022/03/`.
    public let root: String
    let fileLinks: Bool
    /// How many folders down from the root the page is (`root` is that many `../`); -1 for the
    /// 404 page, whose links start at the site's base path. Pages of one site with the same
    /// depth have the same links.
    let depth: Int

    public init(from page: Route, config: SiteConfig) {
        if page == .notFound {
            root = config.basePath
            depth = -1
        } else {
            depth = page.path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
            root = String(repeating: "../", count: depth)
        }
        fileLinks = config.fileLinks
    }

    /// The link to `target` from the page, percent-encoded where it holds other than ASCII.
    public func href(_ target: Route) -> String {
        let tail = target.isPage && fileLinks ? target.outputPath : target.path
        if tail.isEmpty && root.isEmpty { return "./" }
        return Route.encoded(FileSystem.concatenate(root, tail))
    }
}
