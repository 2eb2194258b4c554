/// The `Content-Type` a web host should send for each kind of file Gazette writes.
///
/// Shared by publishing (S3 objects carry their own type) and by anything that serves the output
/// folder, so that a page looks the same in preview and in production.
public enum ContentTypes {
    /// Text types carry `charset=utf-8`: Gazette writes every text file as UTF-8, and without
    /// the parameter some browsers guess Latin-1 for CSS and plain text.
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "xml": "application/xml; charset=utf-8",
        "rss": "application/rss+xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json; charset=utf-8",
        "map": "application/json; charset=utf-8",
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
        "ico": "image/vnd.microsoft.icon",
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

    /// Feeds are named by what they hold rather than by extension: `feed.xml` is RSS 2.0.
    static let byFileName: [String: String] = [
        "feed.xml": "application/rss+xml; charset=utf-8",
        "atom.xml": "application/atom+xml; charset=utf-8",
        "feed.json": "application/feed+json; charset=utf-8",
    ]

    public static let fallback = "application/octet-stream"
    public static let html = "text/html; charset=utf-8"

    public static func isHTML(_ path: String) -> Bool {
        contentType(forPath: path) == html
    }

    /// The content type for a path in the output folder, such as `2022/03/12/a/index.html`.
    public static func contentType(forPath path: String) -> String {
        let name = fileName(path).lowercased()
        if let type = byFileName[name] { return type }
        return byExtension[fileExtension(name)] ?? fallback
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }
}
