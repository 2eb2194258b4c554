/// A JSON object written member by member into UTF-8 bytes, in the order the code adds them: the
/// JSON-LD of every page and the JSON Feeds. Made here rather than by `JSONSerialization`, which
/// took most of a build's time sorting the keys of ten thousand dictionaries through `NSString`
/// comparisons, or `JSONEncoder`, which builds a tree of boxed values before writing any: this
/// writes the text in one pass, its order fixed by the code (so the same input gives the same
/// bytes).
///
/// Strings are escaped as RFC 8259 asks (`"`, `\`, control characters), as `JSONEncoder` does
/// (`\b`, `\f`, `\n`, `\r`, `\t`, else `\u00XX`). `scriptSafe` escapes `<`, `>`, `&`, U+2028 and
/// U+2029 as `\u` escapes too (and `\b` and `\f` as `\u0008` and `\u000c`), which JSON reads as
/// the same characters: no text can then close the `<script>` element the JSON stands in, open
/// a comment in it, or end a line of JavaScript.
struct JSONObject: Sendable {
    enum Escaping: Sendable {
        /// As `JSONEncoder` writes strings (with `.withoutEscapingSlashes`).
        case standard
        /// Safe inside `<script>`.
        case scriptSafe
    }

    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private let escaping: Escaping

    init(escaping: Escaping) {
        self.escaping = escaping
    }

    /// `key: "value"`.
    mutating func add(_ key: String, _ value: String) {
        member(key)
        appendQuoted(value)
    }

    /// `key: ["a", "b"]`.
    mutating func add(_ key: String, _ values: [String]) {
        member(key)
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            appendQuoted(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// `key: {…}`.
    mutating func add(_ key: String, _ object: JSONObject) {
        member(key)
        bytes += object.bytes
        bytes.append(UInt8(ascii: "}"))
    }

    /// `key: [{…}, {…}]`.
    mutating func add(_ key: String, _ objects: [JSONObject]) {
        member(key)
        bytes.append(UInt8(ascii: "["))
        for (i, object) in objects.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += object.bytes
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The object's text, followed by `suffix`.
    func finished(_ suffix: String = "") -> String {
        var suffix = suffix
        return suffix.withUTF8 { tail in
            String(unsafeUninitializedCapacity: bytes.count + 1 + tail.count) { buffer in
                _ = buffer.initialize(from: bytes)
                buffer[bytes.count] = UInt8(ascii: "}")
                _ = UnsafeMutableBufferPointer(rebasing: buffer[(bytes.count + 1)...]).initialize(from: tail)
                return bytes.count + 1 + tail.count
            }
        }
    }

    private mutating func member(_ key: String) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Scans the UTF-8: every character to escape is ASCII, but U+2028 and U+2029 (`E2 80 A8`,
    /// `E2 80 A9`). The runs between them are copied whole.
    private mutating func appendQuoted(_ s: String) {
        var s = s
        let scriptSafe = escaping == .scriptSafe
        bytes.append(UInt8(ascii: "\""))
        s.withUTF8 { text in
            var runStart = 0
            var i = 0
            while i < text.count {
                // Whole words with nothing to escape are skipped eight bytes at a time.
                if i + 8 <= text.count, let base = text.baseAddress,
                    !Self.mayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), scriptSafe: scriptSafe)
                {
                    i += 8
                    continue
                }
                let b = text[i]
                var length = 1
                let escape: Bool
                switch b {
                case 0x22, 0x5C: escape = true
                case 0x3C, 0x3E, 0x26: escape = scriptSafe
                case 0xE2:
                    escape = scriptSafe && i + 2 < text.count && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9)
                    if escape { length = 3 }
                default: escape = b < 0x20
                }
                guard escape else {
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<i]))
                appendEscape(b == 0xE2 ? (text[i + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt32(b), scriptSafe: scriptSafe)
                i += length
                runStart = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<text.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether `word` holds a byte that may need escaping: a control character, `"` or `\`
    /// (and, script-safe, `<`, `>`, `&` or the first byte of U+2028 and U+2029). May say yes
    /// for a word without one (a borrow carries into the next byte); never says no for one with.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64, scriptSafe: Bool) -> Bool {
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let controls = (word &- ones &* 0x20) & ~word & highs
        var found = controls | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
        if scriptSafe {
            found |=
                zeroBytes(word ^ (ones &* 0x3C)) | zeroBytes(word ^ (ones &* 0x3E)) | zeroBytes(word ^ (ones &* 0x26))
                | zeroBytes(word ^ (ones &* 0xE2))
        }
        return found != 0
    }

    private mutating func appendEscape(_ value: UInt32, scriptSafe: Bool) {
        let short: UInt8?
        switch value {
        case 0x22: short = UInt8(ascii: "\"")
        case 0x5C: short = UInt8(ascii: "\\")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        case 0x08: short = scriptSafe ? nil : UInt8(ascii: "b")
        case 0x0C: short = scriptSafe ? nil : UInt8(ascii: "f")
        default: short = nil
        }
        bytes.append(UInt8(ascii: "\\"))
        if let short {
            bytes.append(short)
            return
        }
        bytes.append(UInt8(ascii: "u"))
        for shift: UInt32 in [12, 8, 4, 0] { bytes.append(Self.hex[Int((value >> shift) & 0xF)]) }
    }
}
