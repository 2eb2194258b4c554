import Foundation

/// Makes the `href` and `src` attributes of rendered HTML absolute, for feeds: a feed reader
/// has no page to resolve relative links against.
public enum AbsoluteLinks {
    public static func rewrite(_ html: String, base: String) -> String {
        guard let baseURL = URL(string: base) else { return html }
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var copied = 0
        var i = 0
        // cmark writes attributes as ` href="…"` and ` src="…"`; scan bytes for exactly that.
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: " "), let start = valueStart(in: bytes, after: i) else { i += 1; continue }
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            out += bytes[copied..<start]
            out += Array(resolve(String(decoding: bytes[start..<end], as: UTF8.self), against: baseURL).utf8)
            copied = end
            i = end
        }
        if copied == 0 { return html }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    static let href = Array(" href=\"".utf8)
    static let src = Array(" src=\"".utf8)

    /// Index of the attribute value's first byte when `bytes[at...]` begins ` href="` or ` src="`.
    /// Called at every space of every feed item: no array of the patterns made for each call.
    static func valueStart(in bytes: [UInt8], after at: Int) -> Int? {
        func matches(_ pattern: [UInt8]) -> Bool {
            guard at + pattern.count <= bytes.count else { return false }
            for k in pattern.indices where bytes[at + k] != pattern[k] { return false }
            return true
        }
        if matches(href) { return at + href.count }
        if matches(src) { return at + src.count }
        return nil
    }

    static func resolve(_ escaped: String, against base: URL) -> String {
        // Values come HTML-escaped from cmark; resolve the real URL, then escape again.
        let value = escaped.replacingOccurrences(of: "&amp;", with: "&")
        if value.isEmpty { return escaped }
        if let scheme = value.split(separator: ":", maxSplits: 1).first, value.contains(":"),
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        {
            return escaped
        }
        guard let url = URL(string: value, relativeTo: base)?.absoluteURL else { return escaped }
        return url.absoluteString.replacingOccurrences(of: "&", with: "&amp;")
    }
}
