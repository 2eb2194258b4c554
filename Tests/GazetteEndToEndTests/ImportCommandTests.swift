import Foundation
import Testing

@testable import Gazette

/// Runs the built `gazette` executable, as a person would.
enum GazetteExecutable {
    /// The `gazette` binary next to the test bundle (SwiftPM builds both into one folder).
    static let url: URL? = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]), Bundle.main.bundleURL]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") { candidates.append(bundle.bundleURL) }
        for start in candidates {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let file = folder.appendingPathComponent("gazette")
                if FileManager.default.isExecutableFile(atPath: file.path) { return file }
                folder = folder.deletingLastPathComponent()
            }
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = try #require(url, "no gazette executable beside the tests")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite("gazette import on the command line")
struct ImportCommandTests {
    /// An inbox with good inputs of every format and one bad input of every kind.
    func inbox(in site: TemporarySite) throws {
        try site.write(try String(contentsOf: CaptureCase.seedURL, encoding: .utf8), to: "inbox/seed.txt")
        try site.write(
            "Other story\n\n13-Mar-2022 Intellasia | Kyodo | 8:00 AM\n\nA body.\n\nCategory: Japan\n", to: "inbox/captures/other")
        try site.write(FeedSamplesForCommand.atom, to: "inbox/feeds/desk.atom")
        try site.write("", to: "inbox/bad/empty.txt")
        try site.write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48], to: "inbox/bad/picture.png")
        try site.write("A title\n\nNo dateline here, only text.\n", to: "inbox/bad/nodateline.txt")
        try site.write(
            "<html><head><title>Index</title></head><body><nav><a href=\"/\">Home</a></nav></body></html>", to: "inbox/bad/index.html")
        try site.write(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x &nbsp; y</title></item>", to: "inbox/bad/broken.rss")
    }

    @Test func importsWhatItCanAndReportsTheRest() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try inbox(in: site)

        let first = try GazetteExecutable.run(["import", "inbox"], in: site.url)
        #expect(first.status == 1)
        let written = first.stdout.split(separator: "\n").dropLast().map(String.init)
        #expect(written.count == 4, "\(first.stdout)")
        #expect(written.contains("content/2022/03/12/japan-may-label-russia-as-challenge-in-security-strategy-revision.md"))
        #expect(written.contains("content/2022/03/13/other-story.md"))
        #expect(first.stdout.hasSuffix("Imported 4, unchanged 0, failed 5\n"))
        let errors = first.stderr.split(separator: "\n").map(String.init)
        #expect(errors.count == 5, "\(first.stderr)")
        for (file, reason) in [
            ("empty.txt", "the file is empty"), ("picture.png", "binary"), ("nodateline.txt", "no dateline"),
            ("index.html", "no article"), ("broken.rss", "not well-formed XML"),
        ] {
            #expect(errors.contains { $0.hasPrefix("inbox/bad/\(file): error: ") && $0.contains(reason) }, "\(file): \(first.stderr)")
        }
        for path in written { #expect(site.read(path) != nil) }

        let second = try GazetteExecutable.run(["import", "inbox"], in: site.url)
        #expect(second.status == 1)
        #expect(second.stdout == "Imported 0, unchanged 4, failed 5\n")

        let build = try GazetteExecutable.run(["build", "--now", "2030-01-01T00:00:00Z"], in: site.url)
        #expect(build.status == 0, "\(build.stderr)")
    }

    @Test func dryRunWritesNothing() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write(try String(contentsOf: CaptureCase.seedURL, encoding: .utf8), to: "seed.txt")
        let run = try GazetteExecutable.run(["import", "--dry-run", "seed.txt"], in: site.url)
        #expect(run.status == 0)
        #expect(run.stdout.contains("would write content/2022/03/12/"))
        #expect(run.stdout.hasSuffix("Would import 1, unchanged 0, failed 0\n"))
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("content").path))
    }

    @Test func optionsAndEditedFiles() throws {
        let site = try TemporarySite()
        defer { site.remove() }
        try site.write(try String(contentsOf: CaptureCase.seedURL, encoding: .utf8), to: "in/seed.txt")
        let run = try GazetteExecutable.run(
            ["import", "--site", "site", "--timezone", "Asia/Tokyo", "--category", "Asia", "../in/seed.txt"],
            in: site.url.appendingPathComponent("in"))
        // --site is relative to where the command runs.
        #expect(run.status == 1 || run.status == 64, "no site folder there")
        let ok = try GazetteExecutable.run(
            ["import", "--site", ".", "--timezone", "Asia/Tokyo", "--category", "Asia", "in/seed.txt"], in: site.url)
        #expect(ok.status == 0, "\(ok.stderr)")
        let path = "content/2022/03/12/japan-may-label-russia-as-challenge-in-security-strategy-revision.md"
        let text = try #require(site.read(path))
        #expect(text.contains("\ndate: 2022-03-12T05:02:00+09:00\n"))
        #expect(text.contains("\ncategory: \"Asia\"\n"))
        #expect(text.contains("\ntags: [\"Japan\"]\n"))

        try site.write(text + "\nAn editor's note.\n", to: path)
        let again = try GazetteExecutable.run(["import", "--timezone", "Asia/Tokyo", "--category", "Asia", "in/seed.txt"], in: site.url)
        #expect(again.status == 0)
        #expect(again.stderr.contains("\(path): warning: edited since it was imported; not overwritten"))
        #expect(again.stdout.hasSuffix("Imported 0, unchanged 0, failed 0, kept 1 edited\n"))
        #expect(site.read(path)?.hasSuffix("An editor's note.\n") == true)

        let badZone = try GazetteExecutable.run(["import", "--timezone", "Mars/Olympus", "in/seed.txt"], in: site.url)
        #expect(badZone.status != 0)
        #expect(badZone.stderr.contains("unknown time zone"))
    }
}

enum FeedSamplesForCommand {
    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Desk</title>
          <link href="https://desk.example.org/"/>
          <id>urn:x</id><updated>2022-03-12T00:00:00Z</updated>
          <entry>
            <title>Entry one</title><link href="one"/><id>urn:1</id><updated>2022-03-12T01:00:00Z</updated>
            <content type="html">&lt;p&gt;One.&lt;/p&gt;</content>
          </entry>
          <entry>
            <title>Entry two</title><link href="two"/><id>urn:2</id><updated>2022-03-12T02:00:00Z</updated>
            <summary>Two.</summary>
          </entry>
        </feed>
        """
}
