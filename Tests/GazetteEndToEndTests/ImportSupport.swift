import Foundation

@testable import Gazette

/// A throwaway site folder for one test, removed when the test is done with it.
struct TemporarySite {
    let url: URL

    init(siteYML: String = "title: Test\nbase_url: https://example.org/digest/\ntimezone: Asia/Singapore\n") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-import-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try write(siteYML, to: "site.yml")
    }

    @discardableResult
    func write(_ text: String, to path: String) throws -> String {
        try write(Array(text.utf8), to: path)
    }

    @discardableResult
    func write(_ bytes: [UInt8], to path: String) throws -> String {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: url.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    func importing(_ inputs: [String], category: String? = nil) async throws -> Importer.Report {
        var options = Importer.Options(siteDirectory: url)
        options.category = category
        return try await Importer(options: options).run(inputs)
    }

    /// Builds the site in memory and returns its files by path.
    func build() async throws -> [String: String] {
        var options = Builder.Options(siteDirectory: url)
        options.now = Date(timeIntervalSince1970: 4_000_000_000)
        let result = try await Builder(options: options).render()
        return Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.text) })
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

enum PageText {
    /// The text of each `<p>` in an article page's body, entities decoded, whitespace folded.
    static func bodyParagraphs(_ html: String) -> [String] {
        guard let start = html.range(of: "<div class=\"body\">"),
            let end = html.range(of: "</div>", range: start.upperBound..<html.endIndex)
        else { return [] }
        let body = String(html[start.upperBound..<end.lowerBound])
        var paragraphs: [String] = []
        var rest = body[...]
        while let open = rest.range(of: "<p>"), let close = rest.range(of: "</p>", range: open.upperBound..<rest.endIndex) {
            paragraphs.append(fold(decode(stripTags(String(rest[open.upperBound..<close.lowerBound])))))
            rest = rest[close.upperBound...]
        }
        return paragraphs
    }

    static func stripTags(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    }

    static func decode(_ text: String) -> String {
        var out = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }

    static func fold(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}
