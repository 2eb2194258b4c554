/// Line and column (both 1-based, columns counted in characters) of a UTF-8 byte offset.
func textPosition(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    let end = min(offset, bytes.count)
    var index = 0
    while index < end {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }
    // Count characters, not bytes: continuation bytes (10xxxxxx) do not start a column.
    var column = 1
    var i = lineStart
    while i < end {
        if bytes[i] & 0xC0 != 0x80 { column += 1 }
        i += 1
    }
    return (line, column)
}

/// The byte offset of the first byte that is not part of valid UTF-8, or nil when all is valid.
func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { buffer -> Int? in
        guard let base = buffer.baseAddress else { return nil }
        let n = buffer.count
        var i = 0
        while i < n {
            // Runs of ASCII, most of a news article, eight bytes at a time.
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let b = base[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var minValue: UInt32 = 0
            var value: UInt32 = 0
            switch b {
            case 0xC2...0xDF: need = 1; value = UInt32(b & 0x1F); minValue = 0x80
            case 0xE0...0xEF: need = 2; value = UInt32(b & 0x0F); minValue = 0x800
            case 0xF0...0xF4: need = 3; value = UInt32(b & 0x07); minValue = 0x10000
            default: return i
            }
            for k in 1...need {
                guard i + k < n, base[i + k] & 0xC0 == 0x80 else { return i }
                value = (value << 6) | UInt32(base[i + k] & 0x3F)
            }
            if value < minValue || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
            i += need + 1
        }
        return nil
    }
}
