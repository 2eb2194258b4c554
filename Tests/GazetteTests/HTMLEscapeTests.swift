import Foundation
import Testing
@testable import Gazette

@Suite struct HTMLEscapeTests {
    @Test func escapesTheFiveCharacters() {
        #expect(HTML.escape("") == "")
        #expect(HTML.escape("plain text, no change") == "plain text, no change")
        #expect(HTML.escape("<script>alert('x') & \"y\"</script>")
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
}
