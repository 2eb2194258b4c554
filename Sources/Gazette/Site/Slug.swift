import Foundation

/// URL slugs: stable, lowercase, readable in any script.
///
/// `Japan may label Russia as ‘challenge’` → `japan-may-label-russia-as-challenge`;
/// `Économie & Société` → `economie-societe`: Latin letters are folded to ASCII, as they always
/// were, so that no slug that was ASCII before changes. Text mostly in another script keeps its
/// letters and digits, lowercased where the script has case: `日本、安保戦略を改定` →
/// `日本-安保戦略を改定`, `Путин заявил` → `путин-заявил`. Such a slug names folders on disk as it
/// is (in NFC, at most `maximumLength` bytes of UTF-8, cut between characters); links, feeds and
/// sitemaps carry it percent-encoded (`Route.encoded(_:)`).
///
/// With `Style.ascii` (site.yml `ascii_slugs: true`) text mostly in another script gets a short
/// stable hash instead (`a-1ab30f80`), so that every address is plain ASCII.
public enum Slug {
    public enum Style: Sendable, Hashable {
        /// Letters and digits of every script.
        case unicode
        /// Only `a-z`, `0-9` and `-`.
        case ascii
    }

    /// Letters that canonical decomposition leaves alone.
    static let specialLetters: [Character: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "n", "Ŋ": "n", "ĸ": "k", "ſ": "s",
    ]

    public static let maximumLength = 80

    public static func make(_ text: String, style: Style = .unicode) -> String {
        // ASCII text (with typographic punctuation) has the same slug in both styles.
        if let fast = fastSlug(text) { return fast }
        guard style == .unicode else { return asciiSlug(text).slug }
        // One slug for one title however it was typed: composed and decomposed forms count
        // their letters alike, and hash alike.
        let text = text.precomposedStringWithCanonicalMapping
        let ascii = asciiSlug(text)
        // Only text that would get a hash has its own letters kept: a readable ASCII slug is
        // left as it is, so that existing addresses stay where they are.
        guard ascii.hashed, let unicode = unicodeSlug(text) else { return ascii.slug }
        return unicode
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
        return finish(String(decoding: bytes, as: UTF8.self), text: text, letters: letters).slug
    }

    /// The ASCII slug of any text (what `Style.ascii` gives).
    static func general(_ text: String) -> String { asciiSlug(text).slug }

    /// The ASCII slug, and whether it carries a hash because the text had too few Latin letters.
    static func asciiSlug(_ text: String) -> (slug: String, hashed: Bool) {
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
    private static func finish(_ slug: String, text: String, letters: Int) -> (slug: String, hashed: Bool) {
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
            return (out.isEmpty ? "a-\(hash)" : "\(out)-\(hash)", true)
        }
        return (out, false)
    }

    /// The slug that keeps the letters and digits of every script; nil when the text has none
    /// outside the Latin alphabet (an ASCII slug is then the better one).
    ///
    /// Works on the text in NFC, so that one title typed two ways gives one slug. A Latin letter
    /// is folded to ASCII as `asciiSlug` folds it; a character of another script is kept whole
    /// with the marks that belong to it (Devanagari vowel signs, Thai tone marks), lowercased by
    /// its scalars' own mappings (the same on every machine); everything else separates words.
    static func unicodeSlug(_ text: String) -> String? {
        var out = ""
        var pendingDash = false
        var other = false
        func append(_ piece: String) {
            if pendingDash && !out.isEmpty { out.append("-") }
            pendingDash = false
            out += piece
        }
        for ch in text.precomposedStringWithCanonicalMapping {
            if ch == "'" || ch == "’" { continue }
            if let special = specialLetters[ch] {
                append(special)
                continue
            }
            let decomposed = String(ch).decomposedStringWithCanonicalMapping.unicodeScalars
            guard let first = decomposed.first else { continue }
            if first.isASCII {
                // Latin, with or without accents: folded as the ASCII slug folds it.
                for scalar in decomposed where scalar.isASCII {
                    let c = Character(scalar).lowercased()
                    if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                        append(c)
                    } else {
                        pendingDash = true
                    }
                }
                continue
            }
            var kept = String.UnicodeScalarView()
            var hasLetter = false
            for scalar in ch.unicodeScalars {
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                    .decimalNumber, .letterNumber, .otherNumber:
                    hasLetter = true
                    kept.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    kept.append(scalar)
                default:
                    continue
                }
            }
            if hasLetter {
                other = other || kept.contains { !$0.isASCII }
                append(String(kept))
            } else if !ch.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
                pendingDash = true
            }
        }
        guard other else { return nil }
        return cut(out.precomposedStringWithCanonicalMapping)
    }

    /// At most `maximumLength` bytes of UTF-8, cut between two characters, at a word boundary
    /// when one is past the middle: a folder name well within every file system's limit, with
    /// room for the `-2` of a name taken twice.
    static func cut(_ slug: String) -> String {
        guard slug.utf8.count > maximumLength else { return slug }
        var end = slug.startIndex
        var bytes = 0
        var lastDash: (index: String.Index, bytes: Int)?
        for i in slug.indices {
            let size = slug[i].utf8.count
            if bytes + size > maximumLength { break }
            if slug[i] == "-" { lastDash = (i, bytes) }
            bytes += size
            end = slug.index(after: i)
        }
        if let dash = lastDash, dash.bytes > maximumLength / 2 { end = dash.index }
        var out = String(slug[..<end])
        while out.hasSuffix("-") { out.removeLast() }
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
