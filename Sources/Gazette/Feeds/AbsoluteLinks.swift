import Foundation

/// Makes the `href` and `src` attributes of rendered HTML absolute, for feeds: a feed reader
/// has no page to resolve relative links against.
public enum AbsoluteLinks {
    public static func rewrite(_ html: String, base: String) -> String {
        guard html.contains("href=\"") || html.contains("src=\""), let baseURL = URL(string: base) else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        var rest = Substring(html)
        while let range = rest.range(of: #"(href|src)=""#, options: .regularExpression) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let value = String(rest[..<end])
            out += resolve(value, against: baseURL)
            rest = rest[end...]
        }
        out += rest
        return out
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
