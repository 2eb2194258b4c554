import Foundation
import Testing

/// `gazette publish` through the real rsync, to a local destination.
@Suite(.enabled(if: Tools.available("rsync"), "rsync is not installed"))
struct PublishRsyncTests {
    @Test func sendsTheSiteAndThenOnlyWhatChanged() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        let mirror = fixture.site.root.appendingPathComponent("mirror")

        let first = try fixture.publish(["./mirror", "--via", "rsync"])
        #expect(first.status == 0, "\(first.stderr)")
        let built = fixture.output()
        #expect(contents(of: mirror) == built)
        #expect(PublishSummary(first.stdout) == PublishSummary(sent: built.count, removed: 0))

        // A file on the host that the site no longer has is removed.
        try fixture.site.write("mirror/stale.html", "old")
        try fixture.changeOneArticle()
        let dry = try fixture.publish(["./mirror", "--via", "rsync", "--dry-run"])
        #expect(dry.stdout.contains("would delete stale.html"), "\(dry.stdout)")
        #expect(fixture.site.file("mirror/stale.html") == "old")
        #expect(contents(of: mirror).filter { $0.key != "stale.html" } == built)

        let second = try fixture.publish(["./mirror", "--via", "rsync", "--verbose"])
        #expect(second.status == 0, "\(second.stderr)")
        let rebuilt = fixture.output()
        let diff = difference(from: built, to: rebuilt)
        #expect(!diff.changed.isEmpty && diff.changed.count < rebuilt.count)
        #expect(PublishSummary(second.stdout) == PublishSummary(sent: diff.changed.count, removed: 1))
        #expect(contents(of: mirror) == rebuilt)

        let third = try fixture.publish(["./mirror", "--via", "rsync", "--no-build"])
        #expect(PublishSummary(third.stdout) == PublishSummary(sent: 0, removed: 0))
    }

    @Test func failuresLeaveThePreviousPublicationServing() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        #expect(try fixture.publish(["./mirror", "--via", "rsync"]).status == 0)
        let published = fixture.site.snapshot("mirror")
        try fixture.changeOneArticle()

        let missing = try fixture.publish(["./mirror", "--via", "rsync"], environment: ["PATH": "/nonexistent-gazette-bin"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("rsync is not installed (not found on PATH)"), "\(missing.stderr)")

        // An rsync daemon that does not answer: a closed port on loopback.
        let port = freeLoopbackPort()
        let unreachable = try fixture.publish(["rsync://127.0.0.1:\(port)/site/digest"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("cannot reach rsync://127.0.0.1:\(port)/site/digest"), "\(unreachable.stderr)")

        // An ssh host that refuses: no password prompt, a clear error in seconds.
        if Tools.path("ssh") != nil {
            let ssh = try fixture.publish(
                ["nobody@127.0.0.1:/srv/digest"],
                environment: ["RSYNC_RSH": "ssh -p \(freeLoopbackPort()) -o BatchMode=yes -o ConnectTimeout=2"])
            #expect(ssh.status == 1)
            #expect(ssh.stderr.contains("cannot reach nobody@127.0.0.1:/srv/digest"), "\(ssh.stderr)")
        }

        // rsync deletes what the site lacks, so a local destination must never hold the site.
        let wide = try fixture.publish(["..", "--via", "rsync"])
        #expect(wide.status == 1)
        #expect(wide.stderr.contains("must not be the output folder, nor hold it"), "\(wide.stderr)")

        let now = fixture.site.snapshot("mirror")
        #expect(now.mapValues(\.0) == published.mapValues(\.0))
        #expect(now.mapValues(\.1) == published.mapValues(\.1))
    }
}
