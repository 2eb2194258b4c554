import Testing

@testable import Gazette

@Suite struct SealChecksumTests {
    /// A checksum taken piece by piece, at any cuts, equals the checksum of the whole, for
    /// lengths around the 32-byte blocks and the 8-byte words of the tail.
    @Test func piecesChecksumAsTheWhole() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let count = Int.random(in: 0...300, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var stream = SealChecksum()
            var start = 0
            while start < count {
                let end = min(count, start + Int.random(in: 0...40, using: &generator))
                bytes[start..<end].withUnsafeBytes { stream.combine($0) }
                start = end
            }
            #expect(stream.value == SealChecksum.of(bytes[...]), "\(bytes.count) bytes")
        }
    }

    /// Every byte counts wherever it is (each lane, the tail's words and bytes), and so does
    /// the length: a flipped bit, a byte moved to another lane or a zero appended changes it.
    @Test func everyByteAndTheLengthCount() {
        let bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let sum = SealChecksum.of(bytes[...])
        for i in bytes.indices {
            var flipped = bytes
            flipped[i] ^= 1
            #expect(SealChecksum.of(flipped[...]) != sum, "byte \(i)")
        }
        var swapped = bytes
        swapped.swapAt(0, 8)
        #expect(SealChecksum.of(swapped[...]) != sum)
        #expect(SealChecksum.of((bytes + [0])[...]) != sum)
        #expect(SealChecksum.of(bytes.dropLast()) != sum)
    }

    /// Sealed files written by one build are read by the next, on any machine: the value of a
    /// given input never changes (this one was worked out by hand, in Python, from the definition).
    @Test func theValueIsStable() {
        let bytes = (0..<100).map { UInt8($0) }
        #expect(SealChecksum.of(bytes[...]) == SealChecksumTests.reference)
    }

    static let reference: UInt64 = 0x64de_54eb_3c41_4d15
}
