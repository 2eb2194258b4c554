import Testing
@testable import Gazette

@Suite struct StableHashStreamTests {
    /// A checksum taken piece by piece, at any cuts, equals `StableHasher.hash` of the whole.
    @Test func piecesHashAsTheWhole() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let count = Int.random(in: 0...300, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var stream = StableHashStream()
            var start = 0
            while start < count {
                let end = min(count, start + Int.random(in: 0...20, using: &generator))
                bytes[start..<end].withUnsafeBytes { stream.combine($0) }
                start = end
            }
            #expect(stream.value == StableHasher.hash(bytes), "\(bytes.count) bytes")
        }
    }
}
