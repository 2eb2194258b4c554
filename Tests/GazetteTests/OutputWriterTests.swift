import Foundation
import Testing
@testable import Gazette

@Suite struct OutputWriterTests {
    let fm = FileManager.default

    func tempFolder() throws -> URL {
        let url = fm.temporaryDirectory.appendingPathComponent("gazette-writer-\(UUID().uuidString)")
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesOnlyWhatChangedAndRemovesStaleFiles() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        let out = root.appendingPathComponent("public")
        let writer = OutputWriter(directory: out)
        let first = try await writer.write([OutputFile(path: "index.html", text: "a"), OutputFile(path: "x/y/index.html", text: "b"),
                                      OutputFile(path: "old/index.html", text: "c")])
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
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: out.appendingPathComponent("link"), withDestinationURL: outside)
        _ = try await OutputWriter(directory: out).write([OutputFile(path: "link/index.html", text: "new"), OutputFile(path: "a.txt", text: "a")])
        #expect(try String(contentsOf: outside.appendingPathComponent("index.html"), encoding: .utf8) == "precious")
        // A stale symlink is removed as a link; its target stays.
        _ = try await OutputWriter(directory: out).write([OutputFile(path: "a.txt", text: "a")])
        #expect(fm.fileExists(atPath: outside.appendingPathComponent("index.html").path))
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
