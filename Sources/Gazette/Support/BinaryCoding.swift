/// A compact binary format for the build cache: varints and length-prefixed UTF-8.
/// Reading is a fraction of the cost of JSON for tens of thousands of articles.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) { uint(UInt64(bitPattern: Int64(value))) }

    mutating func uint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var v = value
        v.withUTF8 { buffer in
            uint(UInt64(buffer.count))
            bytes.append(contentsOf: buffer)
        }
    }

    mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }
}

struct ByteReader {
    struct Truncated: Error {}

    let bytes: [UInt8]
    var offset: Int
    /// Reading stops here: a file's trailer (a checksum) need not be cut off by copying.
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var atEnd: Bool { offset >= end }

    mutating func uint() throws(Truncated) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw Truncated() }
            let b = bytes[offset]
            offset += 1
            result |= UInt64(b & 0x7f) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws(Truncated) -> Int { Int(Int64(bitPattern: try uint())) }

    mutating func bool() throws(Truncated) -> Bool {
        guard offset < end else { throw Truncated() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws(Truncated) -> String {
        let count = Int(try uint())
        guard count >= 0, offset + count <= end else { throw Truncated() }
        let s = String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
        offset += count
        return s
    }

    mutating func optional() throws(Truncated) -> String? {
        try bool() ? try string() : nil
    }
}
