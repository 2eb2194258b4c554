import Foundation
import Testing

@testable import Gazette

@Suite struct SourceListTests {
    @Test func readsAListOfSources() throws {
        let yaml = """
            # The wires.
            - name: Kyodo
              url: https://english.kyodonews.net/rss/all.xml
              category: Japan
              tags: [wire, asia]
            - name: Yonhap
              url: http://en.yna.co.kr/RSS/news.xml
              full_text: true
              tags: economy, korea
            """
        let sources = try SourceList.parseYAML(yaml, path: "sources.yml")
        #expect(
            sources == [
                FetchSource(
                    name: "Kyodo", url: "https://english.kyodonews.net/rss/all.xml", category: "Japan", tags: ["wire", "asia"]),
                FetchSource(name: "Yonhap", url: "http://en.yna.co.kr/RSS/news.xml", tags: ["economy", "korea"], fullText: true),
            ])
    }

    @Test func acceptsASourcesKeyAndAnEmptyFile() throws {
        let wrapped = try SourceList.parseYAML("sources:\n  - name: A\n    url: https://a.example/feed\n", path: "s.yml")
        #expect(wrapped.map(\.name) == ["A"])
        #expect(try SourceList.parseYAML("# nothing yet\n", path: "s.yml").isEmpty)
        #expect(try SourceList.parseYAML(SourceList.example, path: "s.yml").isEmpty)
    }

    @Test func reportsEveryProblemAtItsPlace() {
        let yaml = """
            - name: A
              url: ftp://a.example/feed
            - url: https://b.example/feed
            - name: C
              url: https://c.example/feed
              ful_text: true
            - name: a
              url: https://d.example/feed
            - name: E
              url: https://e.example/feed
              full_text: maybe
            """
        do {
            _ = try SourceList.parseYAML(yaml, path: "sources.yml")
            Issue.record("a list with mistakes was accepted")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.contains("sources.yml:2:8: error: url: 'ftp://a.example/feed' is not an http or https URL with a host"))
            #expect(lines.contains("sources.yml:3:3: error: a source needs a 'name:'"))
            #expect(lines.contains { $0.hasPrefix("sources.yml:6:3: error: unknown key 'ful_text'") })
            #expect(lines.contains("sources.yml:7:9: error: a second source named 'a' (the first is on line 1)"))
            #expect(lines.contains("sources.yml:11:14: error: full_text: expected true or false"))
        }
    }

    @Test func refusesHostileYAML() {
        let bomb = "- name: &a [x, x, x, x, x, x, x, x]\n  url: [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        do {
            _ = try SourceList.parseYAML(bomb, path: "sources.yml")
            Issue.record("an anchor was accepted")
        } catch {
            #expect(error.diagnostics.first?.description.hasPrefix("sources.yml:1:9: error: YAML anchors") == true, "\(error)")
        }
        #expect(throws: BuildFailure.self) { try SourceList.parseYAML("- name: 'unclosed\n  url: x\n", path: "sources.yml") }
    }

    @Test func readsAnOPMLSubscriptionList() throws {
        let opml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head><title>Subscriptions</title></head>
              <body>
                <outline text="Asia" title="Asia">
                  <outline type="rss" text="Kyodo" xmlUrl="https://english.kyodonews.net/rss/all.xml"/>
                  <outline type="rss" text="Kyodo" xmlUrl="https://english.kyodonews.net/rss/news.xml"/>
                </outline>
                <outline type="rss" title="Untitled &amp; Co" xmlUrl="https://u.example/feed"/>
                <outline type="rss" xmlUrl="https://host.example/rss"/>
              </body>
            </opml>
            """
        let sources = try SourceList.parseOPML(Array(opml.utf8), path: "subs.opml")
        #expect(sources.map(\.name) == ["Kyodo", "Kyodo (2)", "Untitled & Co", "host.example"])
        #expect(sources.map(\.category) == ["Asia", "Asia", nil, nil])
    }

    @Test func loadTellsOPMLFromYAMLByContent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let opml = folder.appendingPathComponent("feeds.yml")
        try Data("<opml version=\"1.0\"><body><outline text=\"X\" xmlUrl=\"https://x.example/f\"/></body></opml>".utf8).write(to: opml)
        #expect(try SourceList.load(path: opml.path).map(\.url) == ["https://x.example/f"])
        #expect(throws: BuildFailure.self) { try SourceList.load(path: folder.path) }
    }

    @Test func retryAfterReadsSecondsAndDatesWithinAWeek() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(HTTPDate.retryAfter("120", now: now) == now.addingTimeInterval(120))
        #expect(HTTPDate.retryAfter("99999999", now: now) == now.addingTimeInterval(7 * 24 * 3600))
        let date = HTTPDate.retryAfter("Tue, 14 Nov 2023 23:13:20 GMT", now: now)
        #expect(date == Date(timeIntervalSince1970: 1_700_003_600))
        #expect(HTTPDate.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == now)
        #expect(HTTPDate.retryAfter("soon", now: now) == nil)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == Date(timeIntervalSince1970: 784_111_777))
    }

    @Test func stateSurvivesARoundTripAndForgetsAChangedURL() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = FetchSource(name: "Kyodo", url: "https://a.example/feed")
        var state = FetchState()
        var record = state.record(for: source)
        record.etag = "\"v1\""
        record.lastSuccess = Date(timeIntervalSince1970: 1_700_000_000)
        record.consecutiveFailures = 2
        state.sources[FetchState.key(for: source)] = record
        try state.save(to: folder)
        let loaded = FetchState.load(from: folder)
        #expect(loaded == state)
        #expect(loaded.record(for: source).etag == "\"v1\"")
        let moved = loaded.record(for: FetchSource(name: "Kyodo", url: "https://b.example/feed"))
        #expect(moved.etag == nil && moved.consecutiveFailures == 0)
        #expect(moved.lastSuccess == record.lastSuccess)
        // A rename keeps the record of the URL; the case of a name does not matter.
        #expect(loaded.record(for: FetchSource(name: "Kyodo News", url: "https://a.example/feed")).etag == "\"v1\"")
        #expect(loaded.record(for: FetchSource(name: "KYODO", url: "https://a.example/feed")).etag == "\"v1\"")
        var pruned = loaded
        pruned.keepOnly([FetchSource(name: "Yonhap", url: "https://y.example/feed")])
        #expect(pruned.sources.isEmpty)
        // A damaged file starts afresh rather than stopping the run.
        try Data("{not json".utf8).write(to: folder.appendingPathComponent(".gazette/fetch/sources.json"))
        #expect(FetchState.load(from: folder) == FetchState())
    }
}
