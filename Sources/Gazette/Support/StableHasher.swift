/// A 64-bit FNV-1a hash that is the same on every machine and every run (Swift's `Hasher` is
/// seeded per process), for the build cache's fingerprints.
struct StableHasher {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    /// Eight bytes at a time: a byte-wise FNV loop over a 50 MB cache costs a tenth of a second.
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
    /// page's path at each build (byte by byte, a tenth of a one-article rebuild's work).
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

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        hash(bytes[...])
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h = StableHasher()
        h.combine(bytes: bytes)
        return h.value
    }
}

/// `StableHasher.hash` of bytes that arrive in pieces: the same value as hashing them joined,
/// so that a file can be checksummed as it is written instead of held whole first.
struct StableHashStream {
    private var h: UInt64 = 0xcbf2_9ce4_8422_2325
    private var count = 0
    /// Bytes of a word not yet complete, in memory order, as `loadUnaligned` would read them.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    private mutating func mix(_ word: UInt64) {
        h = (h ^ word) &* 0x100_0000_01b3
        h ^= h >> 29
    }

    private mutating func hold(_ byte: UInt8) {
        withUnsafeMutableBytes(of: &pending) { $0[pendingCount] = byte }
        pendingCount += 1
    }

    mutating func combine(_ raw: UnsafeRawBufferPointer) {
        let n = raw.count
        count += n
        var i = 0
        if pendingCount > 0 {
            while pendingCount < 8, i < n {
                hold(raw[i])
                i += 1
            }
            guard pendingCount == 8 else { return }
            mix(pending)
            pending = 0
            pendingCount = 0
        }
        while i + 8 <= n {
            mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        while i < n {
            hold(raw[i])
            i += 1
        }
    }

    var value: UInt64 {
        var h = self.h
        withUnsafeBytes(of: pending) { bytes in
            for j in 0..<pendingCount { h = (h ^ UInt64(bytes[j])) &* 0x100_0000_01b3 }
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
