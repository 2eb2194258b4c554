import Foundation
import Testing

@testable import Gazette

@Suite struct FolderDeployerTests {
    let fm = FileManager.default

    func tempFolder() throws -> URL {
        let url = fm.temporaryDirectory.appendingPathComponent("gazette-folder-\(UUID().uuidString)")
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func write(_ files: [String: String], to folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func deployer(_ folder: URL) throws -> FolderDeployer {
        FolderDeployer(target: try PublishTarget(parsing: folder.path, relativeTo: folder), folder: folder)
    }

    @Test func replacesTheFolderAndCountsOnlyWhatChanged() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        let output = root.appendingPathComponent("public"), live = root.appendingPathComponent("live")
        try write(["index.html": "one", "a/index.html": "a", "old.html": "old", ".gitkeep": ""], to: output)
        let first = try await deployer(live).publish(try PublishSource(directory: output))
        #expect(first.uploads.count == 3 && first.uploads.allSatisfy(\.isNew))
        #expect(Set(OutputWriter.listFiles(live.path)) == ["index.html", "a/index.html", "old.html", FolderDeployer.marker])

        try fm.removeItem(at: output.appendingPathComponent("old.html"))
        try write(["index.html": "two", "b.css": "b"], to: output)
        let plan = try await deployer(live).plan(try PublishSource(directory: output))
        #expect(plan.uploads.map(\.path) == ["b.css", "index.html"])
        #expect(plan.deletions == ["old.html"])
        #expect(plan.unchanged == 1)
        #expect(String(decoding: fm.contents(atPath: live.appendingPathComponent("index.html").path) ?? Data(), as: UTF8.self) == "one")

        let second = try await deployer(live).publish(try PublishSource(directory: output))
        #expect(second == plan)
        #expect(String(decoding: fm.contents(atPath: live.appendingPathComponent("index.html").path) ?? Data(), as: UTF8.self) == "two")
        #expect(!fm.fileExists(atPath: live.appendingPathComponent("old.html").path))
        // No staging or backup folder is left beside the target.
        #expect(try fm.contentsOfDirectory(atPath: root.path).sorted() == ["live", "public"])
    }

    @Test func refusesFoldersItDidNotPublish() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        let output = root.appendingPathComponent("public"), home = root.appendingPathComponent("home")
        try write(["index.html": "x"], to: output)
        try write(["notes.txt": "precious"], to: home)
        await #expect(throws: PublishError.self) { try await deployer(home).publish(try PublishSource(directory: output)) }
        #expect(fm.contents(atPath: home.appendingPathComponent("notes.txt").path) == Data("precious".utf8))
        // Nor the output folder itself, a folder holding it, or one holding the site.
        await #expect(throws: PublishError.self) { try await deployer(output).publish(try PublishSource(directory: output)) }
        await #expect(throws: PublishError.self) { try await deployer(root).publish(try PublishSource(directory: output)) }
        let guarded = FolderDeployer(
            target: try PublishTarget(parsing: "./x", relativeTo: root), folder: root.appendingPathComponent("x"),
            protected: [root.appendingPathComponent("x/site")])
        await #expect(throws: PublishError.self) { try await guarded.publish(try PublishSource(directory: output)) }
    }

    @Test func aMissingParentIsUnreachableAndNothingIsCreated() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        try write(["index.html": "x"], to: output)
        let target = root.appendingPathComponent("not-mounted/www")
        do {
            _ = try await deployer(target).publish(try PublishSource(directory: output))
            Issue.record("expected an error")
        } catch let error as PublishError {
            #expect(error.kind == .unreachable)
        }
        #expect(try fm.contentsOfDirectory(atPath: root.path) == ["public"])
    }

    @Test func aSpecialFileInTheOutputStopsThePublishBeforeAnyChange() async throws {
        let root = try tempFolder()
        defer { try? fm.removeItem(at: root) }
        let output = root.appendingPathComponent("public"), live = root.appendingPathComponent("live")
        try write(["index.html": "one"], to: output)
        _ = try await deployer(live).publish(try PublishSource(directory: output))
        try write(["index.html": "two"], to: output)
        #expect(mkfifo(output.appendingPathComponent("zz-pipe").path, 0o644) == 0)
        #expect(throws: PublishError.self) { _ = try PublishSource(directory: output) }
        #expect(fm.contents(atPath: live.appendingPathComponent("index.html").path) == Data("one".utf8))
    }
}
