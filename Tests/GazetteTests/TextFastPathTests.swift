import Testing

@testable import Gazette

/// The byte-level shortcuts for ASCII text agree with the Unicode rules they stand in for.
@Suite struct TextFastPathTests {
    static let samples = [
        "", " ", "\n\t \r\n", "Nikkei closes higher", "  Nikkei, closes: HIGHER!  ", "a_b-c.d/e'f 2024 3.5%",
        "\u{0B}\u{0C}x\u{0C}", "\u{1C}", "é", " \u{301}", "Ζεύς ΣΟΦΟΣ", "東京株式市場、3日続伸", "İstanbul STRASSE ß",
        "\u{A0}nbsp\u{A0}", "\u{2028}", "tab\tend\t", "x\u{85}",
    ]

    @Test func wordsAreUnicodeWords() {
        for text in Self.samples {
            let expected = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
            #expect(ContentLoader.words(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func blankIsWhitespaceCharacters() {
        for text in Self.samples + ["\u{A0}", "  \u{2028}\n", "\u{3000}"] {
            #expect(ContentLoader.isBlank(text) == text.allSatisfy(\.isWhitespace), "\(text.debugDescription)")
        }
    }

    @Test func trimmedTrimsUnicodeWhitespace() {
        for text in Self.samples {
            let scalars = text.unicodeScalars
            var expected = ""
            if let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
                let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
            {
                expected = String(scalars[first...last])
            }
            #expect(FrontMatter.trimmed(text) == expected, "\(text.debugDescription)")
        }
    }
}
