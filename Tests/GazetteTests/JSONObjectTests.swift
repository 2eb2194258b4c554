import Foundation
import Testing

@testable import Gazette

@Suite struct JSONObjectTests {
    /// Every ASCII control character, the characters HTML and JavaScript give a meaning to, the
    /// two line separators JavaScript ends a line at, and text beyond ASCII.
    static let hostile =
        (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
        + "q\" b\\ / < > & \u{2028} \u{2029} \u{7F} é 日本 🗞 </script><!-- \u{E2}"
        // Long runs with nothing to escape, a special character at each place in a word.
        + (0..<9).map { String(repeating: "plain text ", count: 2) + String(repeating: "x", count: $0) + "\"<\n" }.joined()

    struct Document: Encodable {
        var a: String
        var b: [String]
        var c: [Item]
        var d: Item
    }

    struct Item: Encodable {
        var name: String
    }

    /// The JSON Feed is written as `JSONEncoder` with sorted keys writes it, to the byte.
    @Test func standardEscapingIsJSONEncoders() throws {
        let text = Self.hostile
        var item = JSONObject(escaping: .standard)
        item.add("name", text)
        var object = JSONObject(escaping: .standard)
        object.add("a", text)
        object.add("b", [text, "", "x"])
        object.add("c", [item, item])
        object.add("d", item)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode(
            Document(a: text, b: [text, "", "x"], c: [Item(name: text), Item(name: text)], d: Item(name: text)))
        #expect(object.finished("\n") == String(decoding: expected, as: UTF8.self) + "\n")
    }

    /// Script-safe JSON reads back as the same text, and holds nothing that can end its
    /// `<script>` element or a line of JavaScript.
    @Test func scriptSafeEscapingReadsBackTheSameText() throws {
        var object = JSONObject(escaping: .scriptSafe)
        object.add("a", Self.hostile)
        object.add("b", [Self.hostile])
        let json = object.finished()
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}"] { #expect(!json.contains(forbidden)) }
        #expect(!json.unicodeScalars.contains { $0.value < 0x20 })
        let read = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(read["a"] as? String == Self.hostile)
        #expect(read["b"] as? [String] == [Self.hostile])
        #expect(JSONObject(escaping: .scriptSafe).finished() == "{}")
    }
}
