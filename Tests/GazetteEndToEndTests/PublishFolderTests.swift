import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `gazette publish ./folder`: the web root of a server on this machine or a mounted share.
@Suite struct PublishFolderTests {
    @Test func publishesTheOutputAndThenOnlyWhatChanged() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        let live = fixture.site.root.appendingPathComponent("www/digest")
        try FileManager.default.createDirectory(at: live.deletingLastPathComponent(), withIntermediateDirectories: true)

        let first = try fixture.publish(["./www/digest"])
        #expect(first.status == 0, "\(first.stderr)")
        let built = fixture.output()
        #expect(contents(of: live, excluding: [".gazette-published"]) == built)
        #expect(PublishSummary(first.stdout) == PublishSummary(sent: built.count, removed: 0))
        #expect(first.stdout.contains("Published to ./www/digest: \(built.count) files ("))

        try fixture.changeOneArticle()
        // Gamma goes away, and with it its pages, its category and its month.
        try FileManager.default.removeItem(at: fixture.site.root.appendingPathComponent("content/c.md"))
        let second = try fixture.publish(["./www/digest", "--verbose"])
        #expect(second.status == 0, "\(second.stderr)")
        let rebuilt = fixture.output()
        let diff = difference(from: built, to: rebuilt)
        #expect(!diff.changed.isEmpty && diff.changed.count < rebuilt.count)
        #expect(!diff.removed.isEmpty)
        #expect(PublishSummary(second.stdout) == PublishSummary(sent: diff.changed.count, removed: diff.removed.count))
        for path in diff.changed { #expect(second.stdout.contains("uploaded \(path)\n")) }
        #expect(contents(of: live, excluding: [".gazette-published"]) == rebuilt)

        // Nothing changed: nothing sent.
        let third = try fixture.publish(["./www/digest", "--no-build"])
        #expect(PublishSummary(third.stdout) == PublishSummary(sent: 0, removed: 0))
        // Only the target was created beside it; no staging or backup folder is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: live.deletingLastPathComponent().path) == ["digest"])
    }

    @Test func dryRunListsChangesAndChangesNothing() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        #expect(try fixture.publish(["./live"]).status == 0)
        let before = fixture.site.snapshot("live")
        let builtBefore = fixture.site.snapshot()
        try fixture.changeOneArticle()
        let dry = try fixture.publish(["./live", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would upload 2022/03/13/beta-story/index.html ("))
        #expect(dry.stdout.contains("; nothing was changed"))
        let after = fixture.site.snapshot("live")
        #expect(before.mapValues(\.0) == after.mapValues(\.0))
        #expect(before.mapValues(\.1) == after.mapValues(\.1))
        // Not even the local output folder: the dry run built elsewhere.
        #expect(fixture.site.snapshot().mapValues(\.0) == builtBefore.mapValues(\.0))
        #expect(fixture.site.snapshot().mapValues(\.1) == builtBefore.mapValues(\.1))
    }

    @Test func failuresLeaveThePreviousPublicationServing() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        #expect(try fixture.publish(["./live"]).status == 0)
        let published = fixture.site.snapshot("live").mapValues(\.0)

        // The share is not mounted: the parent folder is missing.
        let unmounted = try fixture.publish(["./not-mounted/live"])
        #expect(unmounted.status == 1)
        #expect(unmounted.stderr.contains("cannot reach"), "\(unmounted.stderr)")
        #expect(!fixture.site.exists("not-mounted"))

        // Something in the output that Gazette did not write (here a pipe) is not the site's:
        // left out of the publication, and named.
        try fixture.changeOneArticle()
        #expect(try fixture.site.build().status == 0)
        let pipe = fixture.site.root.appendingPathComponent("public/zz-pipe").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let withPipe = try fixture.publish(["./live", "--no-build"])
        #expect(withPipe.status == 0, "\(withPipe.stderr)")
        #expect(withPipe.stderr.contains("not publishing zz-pipe"), "\(withPipe.stderr)")
        #expect(contents(of: fixture.site.root.appendingPathComponent("live"), excluding: [".gazette-published"]) == fixture.output())
        #expect(!fixture.site.exists("live/zz-pipe"))
        unlink(pipe)

        // A folder Gazette did not publish is never wiped.
        try fixture.site.write("mine/notes.txt", "keep me")
        let foreign = try fixture.publish(["./mine"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("did not publish"), "\(foreign.stderr)")
        #expect(fixture.site.file("mine/notes.txt") == "keep me")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.site.root.path).filter { $0.contains("gazette-") }
        #expect(siblings.isEmpty)
    }

    @Test func namedTargetsComeFromSiteYml() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        try fixture.site.write(
            "site.yml",
            """
            title: Publish Digest
            publish:
              preview: "./preview-site"
            """)
        // A relative folder in site.yml is relative to the site, wherever the command runs.
        let elsewhere = try TestSite.run(
            try TestSite.binary(), ["publish", "preview", "--site", fixture.site.root.path, "--now", PublishFixture.now],
            in: FileManager.default.temporaryDirectory)
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(elsewhere.stdout.contains("Published to preview (./preview-site): "), "\(elsewhere.stdout)")
        #expect(fixture.site.exists("preview-site/index.html"))

        let built = fixture.site.snapshot()
        try fixture.changeOneArticle()
        let unknown = try fixture.publish(["production"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no publish target named 'production' (site.yml names: preview)"), "\(unknown.stderr)")
        let misplaced = try fixture.publish(["preview", "--endpoint-url", "http://127.0.0.1:9"])
        #expect(misplaced.status == 1)
        #expect(misplaced.stderr.contains("--endpoint-url only applies to s3:// targets"), "\(misplaced.stderr)")
        // A target error stops the publish before the build.
        #expect(fixture.site.snapshot().mapValues(\.1) == built.mapValues(\.1))
    }
}
