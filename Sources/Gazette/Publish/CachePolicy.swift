/// The `Cache-Control` a web host should send for each file of the site.
///
/// Pages and feeds change whenever an article is added, so caches must check back every time
/// (a revalidation costs a 304, not the page). A file whose name carries a hash of its content
/// never changes under that name, so it may be kept for a year. Anything else is kept briefly,
/// so that a fix to the stylesheet reaches readers within minutes.
public struct CachePolicy: Sendable, Hashable {
    public var revalidate = "public, max-age=0, must-revalidate"
    public var immutable = "public, max-age=31536000, immutable"
    public var short = "public, max-age=300"
    /// Only files below this folder are trusted to carry content hashes in their names.
    public var fingerprintedFolder = "assets/"

    public init() {}

    public static let `default` = CachePolicy()

    public func cacheControl(forPath path: String) -> String {
        if Self.isPage(path) { return revalidate }
        if path.hasPrefix(fingerprintedFolder), Self.isFingerprinted(ContentTypes.fileName(path)) { return immutable }
        return short
    }

    /// HTML pages, feeds, the sitemap and robots.txt: what names the rest of the site.
    public static func isPage(_ path: String) -> Bool {
        let name = ContentTypes.fileName(path).lowercased()
        let ext = ContentTypes.fileExtension(name)
        return ["html", "htm", "xml", "rss", "atom", "txt"].contains(ext) || ContentTypes.byFileName[name] != nil
    }

    /// `style.3f2a9c1b.css`, `app-5d41402abc4b2a76.js`: a part of at least eight hex digits
    /// (with at least one digit, so that a word such as `deadbeef` or `facade` does not count).
    public static func isFingerprinted(_ name: String) -> Bool {
        let parts = name.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).dropFirst()
        return parts.contains { part in
            part.count >= 8 && part.allSatisfy(\.isHexDigit) && part.contains(where: \.isNumber)
        }
    }
}
