/// A 64-bit FNV-1a hash that is the same on every machine and every run (Swift's `Hasher` is
/// seeded per process), for the build cache's fingerprints.
struct StableHasher {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    /// Eight bytes at a time: a byte-wise loop over a cache of megabytes is several times slower.
    mutating func combine(bytes: [UInt8]) {
        combine(bytes: bytes[...])
    }

    mutating func combine(bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { combine(raw: $0) }
    }

    private mutating func combine(raw: UnsafeRawBufferPointer) {
        var h = value
        let count = raw.count
        var i = 0
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0x100_0000_01b3
            h ^= h >> 29
            i += 8
        }
        while i < count {
            h = (h ^ UInt64(raw[i])) &* 0x100_0000_01b3
            i += 1
        }
        h = (h ^ UInt64(count)) &* 0x100_0000_01b3
        value = h ^ (h >> 32)
    }

    /// Plain FNV-1a, byte by byte: slugs and import hashes already on disk were made with it.
    mutating func combine(bytes: String.UTF8View) {
        var h = value
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        value = h
    }

    /// Eight bytes at a time, the length mixed in: the cache's keys and orders hash every
    /// page's path at each build.
    mutating func combine(_ string: String) {
        var text = string
        text.withUTF8 { combine(raw: UnsafeRawBufferPointer($0)) }
    }

    mutating func combine(_ n: UInt64) {
        var h = (value ^ n) &* 0x100_0000_01b3
        h ^= h >> 29
        value = h
    }

    mutating func combine(_ n: Int) { combine(UInt64(bitPattern: Int64(n))) }
}

/// The checksum that seals Gazette's own files (`SealedFile`), taken in one go or over bytes that
/// arrive in pieces (the same value as taking it of them joined), so that a file can be
/// checksummed as it is written instead of held whole first.
///
/// Four lanes of `StableHasher`'s word step, each over every fourth word of 32-byte blocks,
/// folded together at the end: one lane waits for each multiply before the next, while four
/// independent lanes keep the processor busy, about four times as fast on a cache of megabytes.
struct SealChecksum {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (
        0xcbf2_9ce4_8422_2325, 0x9e37_79b9_7f4a_7c15,
        0xc2b2_ae3d_27d4_eb4f, 0x1656_67b1_9e37_79f9
    )
    private var count = 0
    /// Bytes of a block not yet complete.
    private var pending: [UInt8] = []

    init() {}

    static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var sum = SealChecksum()
        bytes.withUnsafeBytes { sum.combine($0) }
        return sum.value
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let m = (h ^ word) &* 0x100_0000_01b3
        return m ^ (m >> 29)
    }

    private mutating func blocks(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int {
        var (a, b, c, d) = lanes
        var i = start
        while i + 32 <= raw.count {
            a = Self.mix(a, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            b = Self.mix(b, raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            c = Self.mix(c, raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            d = Self.mix(d, raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        lanes = (a, b, c, d)
        return i
    }

    mutating func combine(_ raw: UnsafeRawBufferPointer) {
        count += raw.count
        var i = 0
        if !pending.isEmpty {
            let taken = min(32 - pending.count, raw.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<taken]))
            i = taken
            guard pending.count == 32 else { return }
            _ = pending.withUnsafeBytes { blocks($0, from: 0) }
            pending.removeAll(keepingCapacity: true)
        }
        i = blocks(raw, from: i)
        if i < raw.count { pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...])) }
    }

    /// The checksum of the bytes combined so far: the lanes folded, then the bytes short of a
    /// block (whole words, then single bytes) and the count.
    var value: UInt64 {
        var h = Self.mix(Self.mix(Self.mix(lanes.0, lanes.1), lanes.2), lanes.3)
        pending.withUnsafeBytes { rest in
            var i = 0
            while i + 8 <= rest.count {
                h = Self.mix(h, rest.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            while i < rest.count {
                h = (h ^ UInt64(rest[i])) &* 0x100_0000_01b3
                i += 1
            }
        }
        h = (h ^ UInt64(count)) &* 0x100_0000_01b3
        return h ^ (h >> 32)
    }
}

extension Dictionary where Key == String {
    /// The dictionary's positions in an order that is the same in every process, for writing
    /// it to a file: by a stable hash of each key, then by the key. Sorting a hundred thousand
    /// paths that share long prefixes costs far more than sorting their hashes.
    func stableOrder() -> [Index] {
        var keyed: [(hash: UInt64, index: Index)] = []
        keyed.reserveCapacity(count)
        for i in indices {
            var h = StableHasher()
            h.combine(keys[i])
            keyed.append((h.value, i))
        }
        keyed.sort { a, b in a.hash != b.hash ? a.hash < b.hash : keys[a.index] < keys[b.index] }
        return keyed.map(\.index)
    }
}
