import Foundation
import Testing
@testable import Gazette

/// The build cache is only an optimisation: whatever happens to the input or to the cache, an
/// incremental build gives exactly the bytes of a clean build of the same input.
@Suite struct IncrementalBuildTests {
    /// SplitMix64: a small seeded generator, so that a failing sequence can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let categories = ["Japan", "Economy", "Technology", "Économie"]

    static func articleText(_ n: Int, _ r: inout Random) -> String {
        let day = 1 + r.below(4)
        let hour = 10 + r.below(10)
        let title = r.pick(["Talks resume", "Markets rally", "Storm nears", "Chip plan", "Rates hold"]) + " \(n)"
        let tags = r.below(2) == 0 ? "tags: [t\(r.below(3))]\n" : ""
        let draft = r.below(8) == 0 ? "draft: true\n" : ""
        return article(title, "2022-03-0\(day)T\(hour):00:00+09:00", r.pick(categories),
                       body: "Paragraph \(r.next() % 1000) about item \(n).\n\nMore *text* \(r.below(100)).",
                       extra: tags + draft)
    }

    /// Every file below `folder` with its bytes.
    static func tree(_ site: TestSite, _ folder: String) -> [String: Data] {
        site.snapshot(folder).mapValues(\.0)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomEditsMatchACleanBuild(seed: UInt64) throws {
        var r = Random(state: seed)
        var spec = "-- site.yml --\ntitle: Digest\nper_page: 2\ntimezone: Asia/Tokyo\n"
        for n in 0..<6 { spec += "-- content/a\(n).md --\n" + Self.articleText(n, &r) }
        let site = try TestSite(spec)
        defer { site.remove() }
        var next = 6
        var existing = Array(0..<6)
        let cache = site.root.appendingPathComponent(".gazette/cache/build-cache")
        #expect(try site.build().status == 0)
        for step in 0..<20 {
            var action = ""
            switch r.below(9) {
            case 0, 1:
                let n = r.pick(existing)
                try site.write("content/a\(n).md", Self.articleText(n, &r))
                action = "edit a\(n)"
            case 2:
                try site.write("content/a\(next).md", Self.articleText(next, &r))
                existing.append(next)
                action = "add a\(next)"
                next += 1
            case 3:
                if existing.count > 2 {
                    let n = existing.remove(at: r.below(existing.count))
                    try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/a\(n).md"))
                    action = "delete a\(n)"
                }
            case 4:
                try site.write("Templates/article.mustache",
                               "{{<layout}}{{$content}}{{#article}}<h1>{{title}}</h1><p>v\(r.below(5))</p>{{{content}}}{{/article}}{{/content}}{{/layout}}\n")
                action = "edit a template"
            case 5:
                try site.write("site.yml", "title: Digest \(r.below(3))\nper_page: \(1 + r.below(3))\ntimezone: Asia/Tokyo\n")
                action = "edit site.yml"
            case 6:
                let n = r.pick(existing)
                let url = site.root.appendingPathComponent("content/a\(n).md")
                let text = try Data(contentsOf: url)
                try text.write(to: url)
                action = "rewrite a\(n) unchanged"
            case 7:
                if var bytes = try? Data(contentsOf: cache), bytes.count > 40 {
                    bytes[bytes.count / 2] ^= 0xFF
                    try bytes.write(to: cache)
                    action = "corrupt the cache"
                }
            default:
                try? FileManager.default.removeItem(at: site.root.appendingPathComponent("public/index.html"))
                action = "delete an output file"
            }
            let incremental = try site.build()
            #expect(incremental.status == 0, "seed \(seed) step \(step) (\(action)): \(incremental.stderr)")
            let clean = try site.build(["--no-cache", "--output", "clean"])
            #expect(clean.status == 0)
            let a = Self.tree(site, "public"), b = Self.tree(site, "clean")
            #expect(a.keys.sorted() == b.keys.sorted(), "seed \(seed) step \(step) (\(action)): different files")
            for (path, bytes) in b where a[path] != bytes {
                Issue.record("seed \(seed) step \(step) (\(action)): \(path) differs from a clean build")
            }
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("clean"))
        }
    }

    static let site = """
    -- site.yml --
    base_url: https://example.org/
    -- content/a.md --
    \(article("Alpha", "2022-03-12T10:00:00Z", "News"))
    -- content/b.md --
    \(article("Beta", "2022-03-13T10:00:00Z", "News"))
    """

    @Test func aNoChangeRebuildParsesAndRendersNothing() throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let run = try site.build(["--verbose"])
        #expect(run.stdout.contains("parsed 0 article(s), rendered 0 of 9 pages"), "\(run.stdout)")
        #expect(run.stdout.contains("(0 written,"))
        try site.write("content/a.md", article("Alpha", "2022-03-12T10:00:00Z", "News", body: "New text."))
        let edit = try site.build(["--verbose"])
        #expect(edit.stdout.contains("parsed 1 article(s)"), "\(edit.stdout)")
        #expect(site.file("public/2022/03/12/alpha/index.html")?.contains("New text.") == true)
        #expect(!edit.stdout.contains("rendered 9 of 9"))
    }

    @Test(arguments: ["damaged", "truncated", "foreign", "deleted", "garbage"])
    func aBadCacheIsIgnoredWithANote(_ kind: String) throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        #expect(try site.build().status == 0)
        let cache = site.root.appendingPathComponent(".gazette/cache/build-cache")
        var bytes = try Data(contentsOf: cache)
        switch kind {
        case "damaged": bytes[bytes.count / 2] ^= 0x55
        case "truncated": bytes = bytes.prefix(bytes.count / 2)
        case "foreign":
            // Another version of Gazette: a well-formed cache, checksum and all, with another version.
            var body = Array(bytes.dropFirst(BuildCache.magic.count).dropLast(8))
            let version = Array(GazetteInfo.version.utf8)
            let at = try #require((0..<body.count).first { Array(body[$0..<min(body.count, $0 + version.count)]) == version })
            body.replaceSubrange(at..<(at + version.count), with: Array(String(repeating: "9", count: version.count).utf8))
            var sum = StableHasher.hash(body)
            var trailer: [UInt8] = []
            for _ in 0..<8 { trailer.append(UInt8(sum & 0xff)); sum >>= 8 }
            bytes = Data(BuildCache.magic + body + trailer)
        case "deleted": try FileManager.default.removeItem(at: cache)
        default: bytes = Data("not a cache at all".utf8)
        }
        if kind != "deleted" { try bytes.write(to: cache) }
        // The input changed meanwhile: the right output needs a real rebuild, not the cache.
        try site.write("content/b.md", article("Beta", "2022-03-13T10:00:00Z", "News", body: "Changed."))
        let run = try site.build()
        #expect(run.status == 0)
        if kind != "deleted" { #expect(run.stderr.contains("note: "), "\(run.stderr)") }
        if kind == "foreign" { #expect(run.stderr.contains("another version of Gazette")) }
        let clean = try site.build(["--no-cache", "--output", "clean"])
        #expect(clean.status == 0)
        let a = site.snapshot("public").mapValues(\.0), b = site.snapshot("clean").mapValues(\.0)
        #expect(a == b)
        #expect(site.file("public/2022/03/13/beta/index.html")?.contains("Changed.") == true)
        // And the cache is whole again afterwards.
        #expect(try site.build().stderr.isEmpty)
    }

    @Test func twoBuildsAtOnceLeaveAUsableCache() throws {
        let site = try TestSite(Self.site)
        defer { site.remove() }
        let binary = try TestSite.binary()
        let runs = (0..<4).map { _ in
            let p = Process()
            p.executableURL = binary
            p.arguments = ["build", "--now", "2030-01-01T00:00:00Z", "--quiet"]
            p.currentDirectoryURL = site.root
            return p
        }
        for p in runs { try p.run() }
        for p in runs { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
        let run = try site.build(["--verbose"])
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("parsed 0 article(s)"))
    }
}
