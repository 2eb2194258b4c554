import Foundation
import Testing

/// `gazette publish git+file://…#gh-pages` to a bare repository on disk, with the real git.
@Suite(.enabled(if: Tools.available("git"), "git is not installed"))
struct PublishGitTests {
    func bareRepository(in fixture: PublishFixture) throws -> URL {
        let repo = fixture.site.root.appendingPathComponent("remote.git")
        let run = try Tools.run("git", ["init", "--quiet", "--bare", repo.path])
        #expect(run.status == 0, "\(run.stderr)")
        return repo
    }

    func tip(_ repo: URL, _ branch: String = "gh-pages") throws -> String {
        try Tools.run("git", ["--git-dir", repo.path, "rev-parse", "--verify", "--quiet", "refs/heads/\(branch)"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func clone(_ repo: URL, into folder: URL) throws -> [String: Data] {
        try? FileManager.default.removeItem(at: folder)
        let run = try Tools.run("git", ["clone", "--quiet", "--branch", "gh-pages", repo.path, folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        return contents(of: folder, excluding: [".git"])
    }

    @Test func oneCommitHoldsExactlyTheOutput() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        let repo = try bareRepository(in: fixture)
        let target = "git+file://\(repo.path)#gh-pages"

        let first = try fixture.publish([target])
        #expect(first.status == 0, "\(first.stderr)")
        var expected = fixture.output()
        expected[".nojekyll"] = Data()
        expected["CNAME"] = Data("digest.example.org\n".utf8)
        let checkout = fixture.site.root.appendingPathComponent("checkout")
        #expect(try clone(repo, into: checkout) == expected)
        #expect(PublishSummary(first.stdout) == PublishSummary(sent: expected.count, removed: 0))
        let log = try Tools.run("git", ["--git-dir", repo.path, "log", "--format=%an <%ae>|%s", "gh-pages"]).stdout
        #expect(log.hasPrefix("Gazette <gazette@localhost>|Publish Publish Digest: 3 articles, built "), "\(log)")

        try fixture.changeOneArticle()
        let before = fixture.output()
        let second = try fixture.publish([target])
        #expect(second.status == 0, "\(second.stderr)")
        let diff = difference(from: before, to: fixture.output())
        #expect(!diff.changed.isEmpty && diff.changed.count < before.count)
        #expect(PublishSummary(second.stdout) == PublishSummary(sent: diff.changed.count, removed: 0))
        var rebuilt = fixture.output()
        rebuilt[".nojekyll"] = Data()
        rebuilt["CNAME"] = expected["CNAME"]
        #expect(try clone(repo, into: checkout) == rebuilt)
        let changedInGit = try Tools.run("git", ["--git-dir", repo.path, "diff", "--name-only", "gh-pages~1", "gh-pages"]).stdout
        #expect(Set(changedInGit.split(separator: "\n").map(String.init)) == diff.changed)

        // Nothing changed: no new commit.
        let tipBefore = try tip(repo)
        let third = try fixture.publish([target, "--no-build"])
        #expect(PublishSummary(third.stdout) == PublishSummary(sent: 0, removed: 0))
        #expect(try tip(repo) == tipBefore)
        #expect(try Tools.run("git", ["--git-dir", repo.path, "rev-list", "--count", "gh-pages"]).stdout == "2\n")
    }

    @Test func failuresLeaveTheBranchAsItWas() throws {
        let fixture = try PublishFixture()
        defer { fixture.remove() }
        let repo = try bareRepository(in: fixture)
        let target = "git+file://\(repo.path)#gh-pages"
        #expect(try fixture.publish([target]).status == 0)
        let published = try tip(repo)
        try fixture.changeOneArticle()

        let missing = try fixture.publish([target], environment: ["PATH": "/nonexistent-gazette-bin"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("git is not installed (not found on PATH)"), "\(missing.stderr)")

        let unreachable = try fixture.publish(["git+file://\(fixture.site.root.path)/no-such-repo.git#gh-pages"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("cannot reach the repository"), "\(unreachable.stderr)")

        if Tools.path("ssh") != nil {
            let port = freeLoopbackPort()
            let ssh = try fixture.publish(["git+ssh://git@127.0.0.1:\(port)/org/site.git#gh-pages"])
            #expect(ssh.status == 1)
            #expect(ssh.stderr.contains("cannot reach the repository ssh://git@127.0.0.1:\(port)/org/site.git"), "\(ssh.stderr)")
        }

        // The host refuses the push half-way: the branch keeps its old commit, no partial one.
        let hook = repo.appendingPathComponent("hooks/pre-receive")
        try Data("#!/bin/sh\necho 'disk quota exceeded' >&2\nexit 1\n".utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let refused = try fixture.publish([target])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the branch was left as it was"), "\(refused.stderr)")
        #expect(try tip(repo) == published)
        #expect(try Tools.run("git", ["--git-dir", repo.path, "rev-list", "--count", "gh-pages"]).stdout == "1\n")
    }
}
