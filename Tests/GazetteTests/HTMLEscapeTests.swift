import Foundation
import GazetteTemplates
import Testing

@testable import Gazette

@Suite struct HTMLEscapeTests {
    @Test func escapesTheFiveCharacters() {
        #expect(HTML.escape("") == "")
        #expect(HTML.escape("plain text, no change") == "plain text, no change")
        #expect(
            HTML.escape("<script>alert('x') & \"y\"</script>")
                == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(HTML.escape("Tōkyō's “quotes” & café — 東京 <b>") == "Tōkyō&#39;s “quotes” &amp; café — 東京 &lt;b&gt;")
        #expect(HTML.escape("&amp;") == "&amp;amp;")
    }

    /// Random text of ASCII, the five characters and multi-byte scalars, against a plain
    /// replacement chain (`&` first).
    @Test func matchesAReplacementChain() {
        let pieces = ["a", "Z", " ", "&", "<", ">", "\"", "'", "é", "—", "東", "😀", "\n", "&lt;"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0...40, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = text.replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
            #expect(HTML.escape(text) == expected, "\(text)")
        }
    }

    /// Templates escape variables straight into the page's bytes: the same text as `escape`.
    @Test func templatesEscapeAsEscapeDoes() throws {
        let pieces = ["a", "Z", " ", "&", "<", ">", "\"", "'", "é", "—", "東", "😀", "\n", "&lt;", "a long run of plain words"]
        var generator = SystemRandomNumberGenerator()
        let template = try Template("before|{{text}}")
        for _ in 0..<2000 {
            let count = Int.random(in: 0...40, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(template.render(["text": .string(text)]) == "before|" + HTML.escape(text), "\(text)")
        }
    }

    /// Random text with control characters, U+FFFE/U+FFFF and their UTF-8 neighbours, against
    /// a filter of the scalars `isForbiddenInXML` names.
    @Test func forbiddenXMLCharactersGoAsTheScalarFilterSays() {
        let pieces = [
            "a", " ", "\t", "\n", "\r", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}",
            "\u{FFFD}", "\u{FFBE}", "\u{EFBF}", "東", "😀", "]]>",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...10, using: &generator) {
                s += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            let expected = String(String.UnicodeScalarView(s.unicodeScalars.filter { !HTML.isForbiddenInXML($0) }))
            #expect(HTML.withoutForbiddenXML(s) == expected)
        }
    }

    /// Output paths: relative, and no part empty, "." or ".." (names of dots only are fine
    /// from three on), as splitting at "/" and comparing each part says.
    @Test func safeOutputPathsAsSplittingSays() {
        let pieces = ["a", "b.html", ".", "..", "...", "/", "//", ".a", "a.", "index.html"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var path = ""
            for _ in 0..<Int.random(in: 0...7, using: &generator) {
                path += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            let expected =
                !path.isEmpty && !path.hasPrefix("/")
                && !path.split(separator: "/", omittingEmptySubsequences: false)
                    .contains { $0 == ".." || $0 == "." || $0.isEmpty }
            #expect(OutputWriter.isSafe(path) == expected, "\(path)")
        }
    }
}
