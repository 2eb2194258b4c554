import Foundation
import Testing

@testable import Gazette

@Suite struct OutputWriterTests {
    /// A file made from text and one made from its bytes are the same file: equal, hashed
    /// alike, the same bytes and text, and written to the same bytes on disk.
    @Test func textAndBytesMakeTheSameFile() async throws {
        for text in ["", "plain", "Tōkyō — 東京 😀 <b>&amp;</b>\n", String(repeating: "long line ", count: 5000)] {
            let fromText = OutputFile(path: "a/index.html", text: text)
            let fromBytes = OutputFile(path: "a/index.html", bytes: Array(text.utf8))
            #expect(fromText == fromBytes)
            #expect(fromText.hashValue == fromBytes.hashValue)
            #expect(fromText.bytes == Array(text.utf8) && fromBytes.text == text && fromText.text == text)
            #expect(fromText != OutputFile(path: "b/index.html", text: text))
            #expect(fromText != OutputFile(path: "a/index.html", text: text + "x"))
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-outputfile-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: out) }
            _ = try await OutputWriter(directory: out).write([fromText])
            #expect(try Data(contentsOf: out.appendingPathComponent("a/index.html")) == Data(text.utf8))
            // Written again from bytes, then from text: the same content, so the file is kept.
            for again in [fromBytes, fromText] {
                let report = try await OutputWriter(directory: out).write([again])
                #expect(report.unchanged == 1 && report.written.isEmpty)
                #expect(try Data(contentsOf: out.appendingPathComponent("a/index.html")) == Data(text.utf8))
            }
            // A different text replaces it.
            let changed = try await OutputWriter(directory: out).write([OutputFile(path: "a/index.html", text: text + "!")])
            #expect(changed.written == ["a/index.html"])
        }
    }

    let fm = FileManager.default

    func tempFolder() throws -> URL {
        let url = fm.temporaryDirectory.appendingPathComponent("gazette-writer-\(UUID().uuidString)")
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The stamped listing (each stamp taken relative to its folder) lists what `listFiles`
    /// lists, with the stamp a full-path `lstat` gives for each regular file and none for a link.
    @Test func stampedListingMatchesStampsByPath() throws {
        let root = try tempFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        for path in ["a.txt", "x/b.html", "x/y/z/c.md", "x/y/é d.txt", ".hidden/e"] {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
        try fm.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("x/link").path, withDestinationPath: "../a.txt")
        let stamped = FileSystem.listFilesWithStamps(root.path)
        #expect(stamped.map(\.path).sorted() == FileSystem.listFiles(root.path).sorted())
        #expect(stamped.count == 6)
        for (path, stamp) in stamped {
            #expect(stamp == FileStamp(path: root.path + "/" + path), "\(path)")
            #expect((stamp == nil) == (path == "x/link"), "\(path)")
        }
    }

    @Test func writesOnlyWhatChangedAndRemovesStaleFiles() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        let out = root.appendingPathComponent("public")
        let writer = OutputWriter(directory: out)
        let first = try await writer.write([
            OutputFile(path: "index.html", text: "a"), OutputFile(path: "x/y/index.html", text: "b"),
            OutputFile(path: "old/index.html", text: "c"),
        ])
        #expect(first.written.count == 3)
        try "keep".write(to: out.appendingPathComponent(".gitkeep"), atomically: true, encoding: .utf8)
        let before = try fm.attributesOfItem(atPath: out.appendingPathComponent("index.html").path)[.modificationDate] as? Date
        try await Task.sleep(for: .milliseconds(20))
        let second = try await writer.write([OutputFile(path: "index.html", text: "a"), OutputFile(path: "x/y/index.html", text: "B")])
        #expect(second.written == ["x/y/index.html"])
        #expect(second.unchanged == 1)
        #expect(second.removed == ["old/index.html"])
        let after = try fm.attributesOfItem(atPath: out.appendingPathComponent("index.html").path)[.modificationDate] as? Date
        #expect(before == after)
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("old").path))
        #expect(fm.fileExists(atPath: out.appendingPathComponent(".gitkeep").path))
        #expect(try String(contentsOf: out.appendingPathComponent("x/y/index.html"), encoding: .utf8) == "B")
        #expect(OutputWriter.listFiles(out.path).filter { $0.contains(".gazette-tmp") }.isEmpty)
    }

    @Test func neverFollowsASymlinkOutOfTheFolder() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        let outside = root.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try "precious".write(to: outside.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let out = root.appendingPathComponent("public")
        _ = try await OutputWriter(directory: out).write([OutputFile(path: "a.txt", text: "a")])
        // A link planted where the site needs a folder: Gazette did not write it, so the write
        // stops rather than replace it, and never writes through it.
        try fm.createSymbolicLink(at: out.appendingPathComponent("link"), withDestinationURL: outside)
        await #expect(throws: OutputWriter.Failure.self) {
            try await OutputWriter(directory: out).write([
                OutputFile(path: "link/index.html", text: "new"), OutputFile(path: "a.txt", text: "a"),
            ])
        }
        #expect(try String(contentsOf: outside.appendingPathComponent("index.html"), encoding: .utf8) == "precious")
        // Told to take the folder as it is, the link is replaced by a folder; its target stays.
        _ = try await OutputWriter(directory: out).write(
            [OutputFile(path: "link/index.html", text: "new"), OutputFile(path: "a.txt", text: "a")],
            force: true)
        #expect(try String(contentsOf: outside.appendingPathComponent("index.html"), encoding: .utf8) == "precious")
        #expect(try String(contentsOf: out.appendingPathComponent("link/index.html"), encoding: .utf8) == "new")
    }

    @Test func refusesPathsThatLeaveTheFolder() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        await #expect(throws: OutputWriter.Failure.self) {
            try await OutputWriter(directory: root.appendingPathComponent("public")).write([OutputFile(path: "../escape.txt", text: "x")])
        }
        #expect(!fm.fileExists(atPath: root.appendingPathComponent("escape.txt").path))
    }
}
