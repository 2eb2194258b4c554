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
        if let fast = fastSlug(text) { return fast }
        return general(text)
    }

    /// The common case, ASCII text with perhaps typographic punctuation (curly quotes, dashes,
    /// ellipses), without Unicode normalisation: the same slug as `general(_:)` gives, many times
    /// faster (it runs for every article of a build). Nil for any other text.
    static func fastSlug(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(text.utf8.count, maximumLength + 1))
        var pendingDash = false
        var letters = 0
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            i += 1
            if byte >= 0x80 {
                // U+2010–U+2027 and U+2030–U+203E: dashes, quotes, bullets, ellipsis, primes.
                // None is a letter, none joins a neighbour into one character, none decomposes.
                guard byte == 0xE2, i + 1 < utf8.count, utf8[i] == 0x80,
                    case let low = utf8[i + 1], (0x90...0xA7).contains(low) || (0xB0...0xBE).contains(low)
                else { return nil }
                i += 2
                // ’ joins words, as the ASCII apostrophe does.
                if low != 0x99 { pendingDash = true }
                continue
            }
            if byte == UInt8(ascii: "'") { continue }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                letters += 1
                if pendingDash && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(lower)
            } else {
                pendingDash = true
            }
        }
        return finish(String(decoding: bytes, as: UTF8.self), text: text, letters: letters)
    }

    static func general(_ text: String) -> String {
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
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count
        return finish(out, text: text, letters: letters)
    }

    /// Cuts a long slug at a word boundary, and gives text with few Latin letters a hash.
    private static func finish(_ slug: String, text: String, letters: Int) -> String {
        var out = slug
        if out.utf8.count > maximumLength {
            var cut = String(out.prefix(maximumLength))
            if let dash = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: dash) > maximumLength / 2 {
                cut = String(cut[..<dash])
            }
            out = cut
        }
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
