import Foundation

/// The URLs an imported article may link to: http, https and mailto, or relative ones, resolved
/// against the document's base when it has one. `javascript:`, `data:`, `vbscript:` and every other
/// scheme are refused, however they are disguised with case, whitespace or control characters.
struct SafeURL: Sendable {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The document's base (a feed's `xml:base` or link, a page's `<base>` or canonical URL).
    var base: URL?

    init(base: URL? = nil) {
        self.base = base
    }

    init(base: String?) {
        self.base = base.flatMap { SafeURL.absolute($0) }
    }

    /// `text` as a safe absolute URL, or relative when there is no base; nil when it is not allowed.
    func resolve(_ text: String) -> String? {
        // Browsers ignore tabs and newlines inside URLs ("java\tscript:"), and trim the ends.
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value > 0x20 || $0 == " " }))
            .trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { return nil }
        if let scheme = Self.scheme(of: cleaned) {
            guard Self.allowedSchemes.contains(scheme) else { return nil }
            if scheme == "mailto" { return cleaned }
            return Self.absolute(cleaned).map(\.absoluteString)
        }
        guard let base else {
            return cleaned.hasPrefix("//") ? nil : cleaned
        }
        guard let resolved = URL(string: Self.percentEncodeUnsafe(cleaned), relativeTo: base)?.absoluteURL,
            let scheme = resolved.scheme?.lowercased(), Self.allowedSchemes.contains(scheme)
        else { return nil }
        return resolved.absoluteString
    }

    /// The scheme, lowercased, when `text` has one before any `/`, `?` or `#`.
    static func scheme(of text: String) -> String? {
        var scheme = ""
        for c in text.unicodeScalars {
            if c == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            if c == "/" || c == "?" || c == "#" { return nil }
            scheme.unicodeScalars.append(c)
        }
        return nil
    }

    /// An absolute http(s) URL, tolerating spaces and other characters people paste into links.
    static func absolute(_ text: String) -> URL? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: t) ?? URL(string: percentEncodeUnsafe(t)),
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil
        else { return nil }
        return url
    }

    static func percentEncodeUnsafe(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case " ": out += "%20"
            case "\"": out += "%22"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "\\": out += "%5C"
            case "^": out += "%5E"
            case "`": out += "%60"
            case "{": out += "%7B"
            case "|": out += "%7C"
            case "}": out += "%7D"
            default:
                if c.isASCII {
                    out.unicodeScalars.append(c)
                } else {
                    for b in String(c).utf8 { out += String(format: "%%%02X", b) }
                }
            }
        }
        return out
    }

    /// A URL written as a CommonMark link destination: nothing in it can end the link early
    /// or be read as an entity.
    static func markdownDestination(_ url: String) -> String {
        var out = ""
        let scalars = Array(url.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case " ": out += "%20"
            case "(": out += "%28"
            case ")": out += "%29"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "\\": out += "%5C"
            case "&":
                // `&amp;` in a destination is an entity to CommonMark; a lone `&` is not.
                var j = i + 1
                while j < scalars.count, scalars[j].properties.isAlphabetic || ("0"..."9").contains(scalars[j]) || scalars[j] == "#" {
                    j += 1
                }
                out += (j < scalars.count && scalars[j] == ";" && j > i + 1) ? "\\&" : "&"
            default:
                if c.value < 0x20 || c.value == 0x7F { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
