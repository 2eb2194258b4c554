import Foundation
import Testing

/// `gazette import` names each article's outlet as an editor would, and dates undated feed
/// items instead of refusing them.
@Suite("gazette import: outlets and undated items")
struct ImportSourceTests {
    /// A Guardian-style feed: the channel's title is the section and the site.
    static func guardian(
        channelDate: String = "", itemDate: String = "<pubDate>Tue, 12 Mar 2024 08:00:00 GMT</pubDate>",
        selfLink: String = "https://www.theguardian.com/world/rss"
    ) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
        <title>World news | The Guardian</title>
        <link>https://www.theguardian.com/world</link>
        <atom:link rel="self" href="\(selfLink)"/>
        \(channelDate)
        <item><title>Port strike ends after 12 days</title><link>https://www.theguardian.com/world/2024/mar/12/port-strike</link>
        \(itemDate)<description>Dockers return to work.</description></item>
        </channel></rss>
        """
    }

    static let path = "content/2024/03/12/port-strike-ends-after-12-days.md"

    @Test func theChannelTitleGivesTheSitesName() throws {
        let site = try TemporarySite(siteYML: "title: Test\n")
        defer { site.remove() }
        try site.write(Self.guardian(), to: "world.rss")
        let run = try GazetteExecutable.run(["import", "world.rss"], in: site.url)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try #require(site.read(Self.path), "\(run.stdout)")
        #expect(text.contains("\nsource: \"The Guardian\"\n"), "\(text)")
    }

    @Test func sourceOverridesTheOutletOfEveryArticle() throws {
        let site = try TemporarySite(siteYML: "title: Test\n")
        defer { site.remove() }
        try site.write(Self.guardian(), to: "world.rss")
        try site.write(try String(contentsOf: CaptureCase.seedURL, encoding: .utf8), to: "seed.txt")
        let run = try GazetteExecutable.run(["import", "--source", "Guardian Weekly", "world.rss", "seed.txt"], in: site.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site.read(Self.path)?.contains("\nsource: \"Guardian Weekly\"\n") == true)
        // A capture's outlet too (the seed names Mainichi).
        let seed = try #require(site.read("content/2022/03/12/japan-may-label-russia-as-challenge-in-security-strategy-revision.md"))
        #expect(seed.contains("\nsource: \"Guardian Weekly\"\n") && !seed.contains("Mainichi\"\n"), "\(seed)")
        let empty = try GazetteExecutable.run(["import", "--source", " ", "world.rss"], in: site.url)
        #expect(empty.status != 0 && empty.stderr.contains("--source must not be empty"), "\(empty.stderr)")
    }

    @Test func aFeedListedInSourcesYmlTakesItsName() throws {
        let site = try TemporarySite(siteYML: "title: Test\n")
        defer { site.remove() }
        try site.write("- name: Guardian World\n  url: https://www.theguardian.com/world/rss\n", to: "sources.yml")
        try site.write(Self.guardian(), to: "world.rss")
        let run = try GazetteExecutable.run(["import", "world.rss"], in: site.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site.read(Self.path)?.contains("\nsource: \"Guardian World\"\n") == true, "\(site.read(Self.path) ?? "")")
    }

    @Test func anUndatedItemTakesTheFeedsDateWithAWarning() throws {
        let site = try TemporarySite(siteYML: "title: Test\n")
        defer { site.remove() }
        try site.write(
            Self.guardian(channelDate: "<lastBuildDate>Tue, 12 Mar 2024 09:30:00 GMT</lastBuildDate>", itemDate: ""), to: "world.rss")
        let run = try GazetteExecutable.run(["import", "world.rss"], in: site.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "world.rss: warning: item 1 ('Port strike ends after 12 days'): no date (pubDate or dc:date); dated with the feed's lastBuildDate, 2024-03-12T09:30:00Z"
            ), "\(run.stderr)")
        let text = try #require(site.read(Self.path), "\(run.stdout)")
        #expect(text.contains("\ndate: 2024-03-12T09:30:00Z\n") || text.contains("\ndate: 2024-03-12T09:30:00+00:00\n"), "\(text)")
        #expect(run.stdout.hasSuffix("Imported 1, unchanged 0, failed 0\n"), "\(run.stdout)")
        // Imported again from a newer copy of the feed, the article keeps its date and its file.
        try site.write(
            Self.guardian(channelDate: "<lastBuildDate>Wed, 13 Mar 2024 07:00:00 GMT</lastBuildDate>", itemDate: ""), to: "world.rss")
        let again = try GazetteExecutable.run(["import", "world.rss"], in: site.url)
        #expect(again.stdout.hasSuffix("Imported 0, unchanged 1, failed 0\n"), "\(again.stdout)")
        #expect(site.read(Self.path) == text)
        let build = try GazetteExecutable.run(["build"], in: site.url)
        #expect(build.status == 0, "\(build.stderr)")
    }

    @Test func anUndatedItemInAnUndatedFeedTakesTheTimeOfImport() throws {
        let site = try TemporarySite(siteYML: "title: Test\n")
        defer { site.remove() }
        try site.write(Self.guardian(itemDate: ""), to: "world.rss")
        let before = Date()
        let run = try GazetteExecutable.run(["import", "world.rss"], in: site.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("no date (pubDate or dc:date); dated with the time of import, "), "\(run.stderr)")
        // Filed under the day it was imported (UTC, the site's zone).
        let day = ISO8601DateFormatter.string(from: before, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            .replacingOccurrences(of: "-", with: "/")
        let written = run.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(written == "content/\(day)/port-strike-ends-after-12-days.md", "\(run.stdout)")
    }
}

/// `gazette fetch` reads feeds with the same reader: its sources are named as sources.yml names
/// them, and undated items are dated the same way.
@Suite("gazette fetch: outlets and undated items")
struct FetchSourceTests {
    @Test func aFetchedFeedIsNamedAsSourcesYmlNamesItAndUndatedItemsAreKept() throws {
        let site = try TemporarySite(siteYML: "title: Test\n")
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.url.appendingPathComponent("served"), withIntermediateDirectories: true)
        let server = try LoopbackServer(folder: site.url.appendingPathComponent("served"))
        defer { server.stop() }
        // The feed states its address, as most do: the one sources.yml lists.
        let address = "http://127.0.0.1:\(server.port)/world.rss"
        try site.write(
            ImportSourceTests.guardian(channelDate: "<pubDate>Tue, 12 Mar 2024 09:30:00 GMT</pubDate>", itemDate: "", selfLink: address),
            to: "served/world.rss")
        try site.write("- name: Guardian World\n  url: \(address)\n", to: "sources.yml")
        let run = try GazetteExecutable.run(["fetch"], in: site.url)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Guardian World: 1 new"), "\(run.stdout)")
        #expect(
            run.stderr.contains(
                "Guardian World: warning: item 1 ('Port strike ends after 12 days'): no date (pubDate or dc:date); dated with the feed's pubDate, 2024-03-12T09:30:00Z"
            ),
            "\(run.stderr)")
        let text = try #require(site.read(ImportSourceTests.path), "\(run.stdout)")
        #expect(text.contains("\nsource: \"Guardian World\"\n"), "\(text)")
        // The same feed saved and imported is the same article, named alike.
        let imported = try GazetteExecutable.run(["import", "served/world.rss"], in: site.url)
        #expect(imported.stdout.hasSuffix("Imported 0, unchanged 1, failed 0\n"), "\(imported.stdout)\(imported.stderr)")
        // A feed that does not state a listed address is named by its title.
        try site.write(
            ImportSourceTests.guardian(selfLink: "https://www.theguardian.com/world/rss").replacingOccurrences(
                of: "port-strike", with: "dock-strike"
            ).replacingOccurrences(of: "Port strike ends after 12 days", with: "Dock strike begins"), to: "served/other.rss")
        try site.write("- name: Other\n  url: http://127.0.0.1:\(server.port)/other.rss\n", to: "sources.yml")
        let other = try GazetteExecutable.run(["fetch"], in: site.url)
        #expect(other.status == 0, "\(other.stdout)\(other.stderr)")
        let second = try #require(site.read("content/2024/03/12/dock-strike-begins.md"), "\(other.stdout)")
        #expect(second.contains("\nsource: \"The Guardian\"\n"), "\(second)")
    }
}

/// Python's static file server on a free loopback port, for the fetch tests.
final class LoopbackServer {
    let process: Process
    let port: Int

    init(folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // "Serving HTTP on 127.0.0.1 port 43567 (http://127.0.0.1:43567/) ..."
        var seen = ""
        var port: Int?
        while port == nil {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
            if let range = seen.range(of: #"port (\d+)"#, options: .regularExpression) {
                port = Int(seen[range].dropFirst(5))
            }
        }
        guard let port else {
            process.terminate()
            throw LoopbackServerError(output: seen)
        }
        self.process = process
        self.port = port
    }

    /// SIGKILL: a process the test runner starts may inherit SIGTERM ignored.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

struct LoopbackServerError: Error {
    var output: String
}
