/// Escaping for HTML and XML text and attribute values.
public enum HTML {
    public static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// XML 1.0 text: escaped, and without the control characters XML forbids.
    public static func escapeXML(_ s: String) -> String {
        let cleaned = s.unicodeScalars.contains(where: isForbiddenInXML)
            ? String(String.UnicodeScalarView(s.unicodeScalars.filter { !isForbiddenInXML($0) })) : s
        return escape(cleaned)
    }

    static func isForbiddenInXML(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v < 0x20 && v != 0x9 && v != 0xA && v != 0xD) || v == 0xFFFE || v == 0xFFFF
    }
}
