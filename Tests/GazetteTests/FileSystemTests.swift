import Foundation
import Testing

@testable import Gazette

@Suite struct PathJoinTests {
    @Test(arguments: [
        ("", ""), ("a", "b"), ("2022/03", "index.html"), ("", "index.html"),
        ("/dev/shm/a-long-site-folder", "content/2022/03/an-article.md"), ("é", "ü/ß"),
        ("fourteen-bytes", "x"), ("fifteen-bytes!!", "y"), ("日本", "ニュース/記事.md"),
    ])
    func joinAndConcatenateAsPlusDoes(a: String, b: String) {
        #expect(FileSystem.join(a, b) == a + "/" + b)
        #expect(FileSystem.concatenate(a, b) == a + b)
        #expect(FileSystem.join(a, b).utf8.elementsEqual((a + "/" + b).utf8))
    }
}

@Suite struct LargeReadTests {
    /// A file of megabytes is read into a buffer prepared in one step (huge pages, faulted in
    /// at once): the bytes are the file's, whatever the buffer's alignment.
    @Test(arguments: [(4 << 20) - 1, 4 << 20, (5 << 20) + 12_345])
    func largeFilesReadAsWritten(size: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-large-\(UUID().uuidString)").path
        defer { unlink(path) }
        var state: UInt64 = UInt64(size)
        let bytes = (0..<size).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        #expect(FileSystem.writeBytes(path, bytes) == nil)
        #expect(FileSystem.readBytes(path) == bytes)
    }
}
