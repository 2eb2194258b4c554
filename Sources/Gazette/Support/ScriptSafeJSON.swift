/// A JSON object written key by key, in the order the code adds them, for the JSON-LD of every
/// page. Made here rather than by `JSONSerialization`, which took most of a build's time
/// sorting the keys of ten thousand dictionaries through `NSString` comparisons: this writes the
/// same text in one pass, its order fixed by the code (so the same input gives the same bytes).
///
/// Strings are escaped as RFC 8259 asks (`"`, `\`, control characters), and `<`, `>`, `&`,
/// U+2028 and U+2029 as `\u` escapes too, which JSON reads as the same characters: no text can
/// then close the `<script>` element the JSON stands in, open a comment in it, or end a line of
/// JavaScript.
struct ScriptSafeJSON: Sendable {
    private var text = "{"

    init() {}

    /// `key: "value"`.
    mutating func add(_ key: String, _ value: String) {
        member(key)
        Self.appendQuoted(value, to: &text)
    }

    /// `key: ["a", "b"]`.
    mutating func add(_ key: String, _ values: [String]) {
        member(key)
        text += "["
        for (i, value) in values.enumerated() {
            if i > 0 { text += "," }
            Self.appendQuoted(value, to: &text)
        }
        text += "]"
    }

    /// `key: {…}`.
    mutating func add(_ key: String, _ object: ScriptSafeJSON) {
        member(key)
        text += object.finished
    }

    /// The object's text.
    var finished: String { text + "}" }

    private mutating func member(_ key: String) {
        if text.utf8.count > 1 { text += "," }
        Self.appendQuoted(key, to: &text)
        text += ":"
    }

    /// Scans UTF-8 bytes: every character to escape is ASCII, but U+2028 and U+2029
    /// (`E2 80 A8`, `E2 80 A9`). Text with none of them is appended whole.
    static func appendQuoted(_ s: String, to out: inout String) {
        var s = s
        let escaped: String? = s.withUTF8 { bytes in
            func needsEscape(_ i: Int) -> Bool {
                let b = bytes[i]
                switch b {
                case 0x22, 0x5C, 0x3C, 0x3E, 0x26: return true
                case 0xE2: return i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)
                default: return b < 0x20
                }
            }
            guard bytes.indices.contains(where: needsEscape) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 16)
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                guard needsEscape(i) else {
                    result.append(b)
                    i += 1
                    continue
                }
                let value: UInt32
                switch b {
                case 0x22: result += [0x5C, 0x22]; i += 1; continue
                case 0x5C: result += [0x5C, 0x5C]; i += 1; continue
                case 0x0A: result += [0x5C, UInt8(ascii: "n")]; i += 1; continue
                case 0x0D: result += [0x5C, UInt8(ascii: "r")]; i += 1; continue
                case 0x09: result += [0x5C, UInt8(ascii: "t")]; i += 1; continue
                case 0xE2:
                    value = bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029
                    i += 3
                default:
                    value = UInt32(b)
                    i += 1
                }
                let hex = Array("0123456789abcdef".utf8)
                result += [0x5C, UInt8(ascii: "u")]
                for shift in [12, 8, 4, 0] { result.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
            }
            return String(decoding: result, as: UTF8.self)
        }
        out += "\""
        out += escaped ?? s
        out += "\""
    }
}
