import Foundation

/// URL slugs: stable, lowercase ASCII, readable for accented Latin.
///
/// `Japan may label Russia as ‘challenge’` → `japan-may-label-russia-as-challenge`;
/// `Économie & Société` → `economie-societe`. Text with no Latin letters or digits at all
/// (Chinese, Arabic, …) gets a short stable hash so that it still has a URL.
public enum Slug {
    /// Letters that canonical decomposition leaves alone.
    static let specialLetters: [Character: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "n", "Ŋ": "n", "ĸ": "k", "ſ": "s",
    ]

    public static let maximumLength = 80

    public static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for ch in text.decomposedStringWithCanonicalMapping {
            // Apostrophes join words: "Japan’s" is `japans`, not `japan-s`.
            if ch == "'" || ch == "’" { continue }
            var piece: Substring
            if let special = specialLetters[ch] {
                piece = Substring(special)
            } else {
                // Drop combining marks left by decomposition; keep the base letter.
                let scalars = ch.unicodeScalars.filter { $0.isASCII }
                piece = Substring(String(String.UnicodeScalarView(scalars)))
            }
            for c in piece.lowercased() {
                if c.isASCII && (c.isLetter || c.isNumber) {
                    if pendingDash && !out.isEmpty { out.append("-") }
                    pendingDash = false
                    out.append(c)
                } else {
                    pendingDash = true
                }
            }
            if piece.isEmpty && !ch.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
                pendingDash = true
            }
        }
        if out.count > maximumLength {
            var cut = String(out.prefix(maximumLength))
            if let dash = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: dash) > maximumLength / 2 {
                cut = String(cut[..<dash])
            }
            out = cut
        }
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count
        // Mostly non-Latin text: the few ASCII characters would make a misleading slug.
        if out.isEmpty || (out.count * 3 < letters) {
            let hash = stableHash(text)
            return out.isEmpty ? "a-\(hash)" : "\(out)-\(hash)"
        }
        return out
    }

    /// FNV-1a over UTF-8, 8 hex digits: the same on every machine and every run.
    public static func stableHash(_ text: String) -> String {
        var hasher = StableHasher()
        hasher.combine(bytes: text.utf8)
        let s = String(hasher.value & 0xffff_ffff, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
