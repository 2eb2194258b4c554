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

    /// Eight bytes, least significant first: a value read back without decoding a varint.
    mutating func fixed64(_ value: UInt64) { fixed(value) }

    /// Four bytes, least significant first.
    mutating func fixed32(_ value: UInt32) { fixed(value) }

    private mutating func fixed<T: FixedWidthInteger>(_ value: T) {
        for k in 0..<MemoryLayout<T>.size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * k))) }
    }

    /// Overwrites the four bytes at `offset` (written by `fixed32`) with `value`.
    mutating func patchFixed32(_ value: UInt32, at offset: Int) {
        for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> UInt32(8 * k)) }
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

    /// Reads a string and says whether it is `other`, without making it.
    mutating func stringEquals(_ other: String) throws(Truncated) -> Bool {
        let count = Int(try uint())
        guard count >= 0, offset + count <= end else { throw Truncated() }
        defer { offset += count }
        return other.utf8.count == count && bytes[offset..<(offset + count)].elementsEqual(other.utf8)
    }

    mutating func skipString() throws(Truncated) {
        let count = Int(try uint())
        guard count >= 0, offset + count <= end else { throw Truncated() }
        offset += count
    }

    /// Moves past `count` bytes.
    mutating func skip(_ count: Int) throws(Truncated) {
        guard count >= 0, count <= end - offset else { throw Truncated() }
        offset += count
    }

    /// What `ByteWriter.fixed64` wrote.
    mutating func fixed64() throws(Truncated) -> UInt64 { try fixed(UInt64.self) }

    /// What `ByteWriter.fixed32` wrote.
    mutating func fixed32() throws(Truncated) -> UInt32 { try fixed(UInt32.self) }

    private mutating func fixed<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws(Truncated) -> T {
        let size = MemoryLayout<T>.size
        guard end - offset >= size else { throw Truncated() }
        var value: T = 0
        for k in 0..<size { value |= T(bytes[offset + k]) << (8 * k) }
        offset += size
        return value
    }

    mutating func optional() throws(Truncated) -> String? {
        try bool() ? try string() : nil
    }
}

/// The frame of Gazette's own binary files (the build cache, the manifest): magic bytes, a body,
/// and a checksum of the body in the last 8 bytes, which catches a truncated or damaged file.
enum SealedFile {
    enum Problem: Error {
        /// Not a file of this kind at all.
        case foreign
        /// The checksum does not match.
        case damaged
    }

    /// A writer whose bytes start with `magic`: the body follows in the same buffer, so that
    /// sealing does not copy it.
    static func writer(magic: [UInt8]) -> ByteWriter {
        var w = ByteWriter()
        w.bytes = magic
        return w
    }

    /// Appends the checksum of everything after `magic`.
    static func seal(_ bytes: inout [UInt8], magic: [UInt8]) {
        var sum = SealChecksum.of(bytes[magic.count...])
        for _ in 0..<8 {
            bytes.append(UInt8(sum & 0xff))
            sum >>= 8
        }
    }

    /// A reader over the body of `bytes`, in place.
    static func open(_ bytes: [UInt8], magic: [UInt8]) -> Result<ByteReader, Problem> {
        guard bytes.count > magic.count + 8, bytes.prefix(magic.count).elementsEqual(magic) else { return .failure(.foreign) }
        let bodyEnd = bytes.count - 8
        var stored: UInt64 = 0
        for (i, b) in bytes.suffix(8).enumerated() { stored |= UInt64(b) << (8 * UInt64(i)) }
        guard SealChecksum.of(bytes[magic.count..<bodyEnd]) == stored else { return .failure(.damaged) }
        return .success(ByteReader(bytes, from: magic.count, to: bodyEnd))
    }
}

/// Writes a sealed file (magic, body, checksum) to a descriptor in pieces, checksumming the body
/// as it goes: the build cache is megabytes, and building it whole in memory first would touch
/// every page of it twice more before the kernel copied it once again.
struct SealedFileStream {
    private let fd: Int32
    private var buffer: [UInt8]
    private var sum = SealChecksum()
    private var failure: Int32?
    private static let capacity = 1 << 18

    /// Takes over `fd`: `finish()` closes it.
    init(fd: Int32, magic: [UInt8]) {
        self.fd = fd
        buffer = []
        buffer.reserveCapacity(Self.capacity)
        buffer.append(contentsOf: magic)
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        sum.combine(bytes)
        put(bytes)
    }

    mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    mutating func write(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { write($0) }
    }

    private mutating func put(_ bytes: UnsafeRawBufferPointer) {
        if buffer.count + bytes.count > Self.capacity { flush() }
        if bytes.count >= Self.capacity / 2 {
            drain(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private mutating func flush() {
        let pending = buffer
        pending.withUnsafeBytes { drain($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func drain(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        failure = FileSystem.writeAll(fd, bytes)
    }

    /// Appends the checksum (as `SealedFile.seal` does), writes what is left and closes the
    /// file; returns errno on failure.
    mutating func finish() -> Int32? {
        var value = sum.value
        var trailer: [UInt8] = []
        for _ in 0..<8 {
            trailer.append(UInt8(value & 0xff))
            value >>= 8
        }
        trailer.withUnsafeBytes { put($0) }
        flush()
        let closed = FileSystem.closeFile(fd)
        return failure ?? closed
    }
}
