/// `sitemap.xml`: every page with the date of the newest thing on it.
public enum Sitemap {
    public static func render(_ entries: [(url: String, lastModified: Timestamp?)]) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            x += "<url><loc>\(HTML.escapeXML(entry.url))</loc>"
            if let lastModified = entry.lastModified { x += "<lastmod>\(lastModified.iso8601)</lastmod>" }
            x += "</url>\n"
        }
        x += "</urlset>\n"
        return x
    }
}
