/// HTML escaping of `& < > " '` as `&amp; &lt; &gt; &quot; &#39;`, on bytes: runs without
/// those bytes are copied as they are, found eight bytes at a time. None of the five is a byte
/// of a multi-byte UTF-8 sequence, so multi-byte characters pass through untouched, and a
/// special character is escaped whatever follows it (swift-mustache compares whole
/// `Character`s, so it leaves `"` unescaped when a combining mark follows it).
enum HTMLEscaping {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that is one of the five, and maybe of a few bytes
    /// after one (a borrow can carry into the next byte): exact enough to tell a word without
    /// any from one with some, which the byte loop then handles.
    @inline(__always)
    private static func specials(in word: UInt64) -> UInt64 {
        func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        return zeroBytes(word ^ (ones &* 0x26)) | zeroBytes(word ^ (ones &* 0x3C)) | zeroBytes(word ^ (ones &* 0x3E))
            | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x27))
    }

    @inline(__always)
    private static func entity(for byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return "&quot;"
        case UInt8(ascii: "'"): return "&#39;"
        default: return nil
        }
    }

    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout OutputBuffer) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            // Skip whole words that hold none of the five.
            if index + 8 <= count,
                specials(in: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) == 0
            {
                index += 8
                continue
            }
            let end = min(index + 8, count)
            while index < end {
                if let entity = entity(for: base[index]) {
                    output.append(UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                    output.append(entity)
                    runStart = index + 1
                }
                index += 1
            }
        }
        output.append(UnsafeBufferPointer(start: base + runStart, count: count - runStart))
    }
}
