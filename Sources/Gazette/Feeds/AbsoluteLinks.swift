import Foundation

/// Makes the `href` and `src` attributes of rendered HTML absolute, for feeds: a feed reader
/// has no page to resolve relative links against.
public enum AbsoluteLinks {
    public static func rewrite(_ html: String, base: String) -> String {
        guard html.contains("href=\"") || html.contains("src=\""), let baseURL = URL(string: base) else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        var rest = Substring(html)
        while let attribute = nextAttribute(in: rest) {
            out += rest[..<attribute.valueStart]
            out += resolve(String(rest[attribute.valueStart..<attribute.valueEnd]), against: baseURL)
            rest = rest[attribute.valueEnd...]
        }
        out += rest
        return out
    }

    /// The value range of the next `href="…"` or `src="…"` (cmark always writes double quotes).
    static func nextAttribute(in text: Substring) -> (valueStart: String.Index, valueEnd: String.Index)? {
        var search = text
        while let equals = search.firstIndex(of: "=") {
            let before = search[..<equals]
            let afterEquals = search.index(after: equals)
            if (before.hasSuffix(" href") || before.hasSuffix(" src")), afterEquals < search.endIndex, search[afterEquals] == "\"" {
                let start = search.index(after: afterEquals)
                guard let end = search[start...].firstIndex(of: "\"") else { return nil }
                return (start, end)
            }
            search = search[afterEquals...]
        }
        return nil
    }

    static func resolve(_ escaped: String, against base: URL) -> String {
        // Values come HTML-escaped from cmark; resolve the real URL, then escape again.
        let value = escaped.replacingOccurrences(of: "&amp;", with: "&")
        if value.isEmpty { return escaped }
        if let scheme = value.split(separator: ":", maxSplits: 1).first, value.contains(":"),
           scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
            return escaped
        }
        guard let url = URL(string: value, relativeTo: base)?.absoluteURL else { return escaped }
        return url.absoluteString.replacingOccurrences(of: "&", with: "&amp;")
    }
}
