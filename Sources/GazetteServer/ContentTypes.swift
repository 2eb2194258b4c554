/// The `Content-Type` of each kind of file a site holds.
///
/// Every text type says `charset=utf-8`, since Gazette writes nothing else, and feeds are
/// named as feeds so that browsers and readers recognise them.
enum ContentTypes {
    static let html = "text/html; charset=utf-8"

    static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        switch name {
        case "feed.xml", "rss.xml", "index.xml": return "application/rss+xml; charset=utf-8"
        case "atom.xml": return "application/atom+xml; charset=utf-8"
        case "feed.json": return "application/feed+json; charset=utf-8"
        default: break
        }
        let ext = name.lastIndex(of: ".").map { String(name[name.index(after: $0)...]) } ?? ""
        return byExtension[ext] ?? "application/octet-stream"
    }

    static let byExtension: [String: String] = [
        "html": html,
        "htm": html,
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "xml": "application/xml; charset=utf-8",
        "xsl": "application/xslt+xml; charset=utf-8",
        "rss": "application/rss+xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8",
        "json": "application/json; charset=utf-8",
        "webmanifest": "application/manifest+json; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "svg": "image/svg+xml; charset=utf-8",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "bmp": "image/bmp",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "pdf": "application/pdf",
        "mp3": "audio/mpeg",
        "mp4": "video/mp4",
        "webm": "video/webm",
        "wasm": "application/wasm",
    ]

    static func isHTML(_ path: String) -> Bool {
        forPath(path) == html
    }
}
