import Foundation

/// A small site in a temporary folder, written from `path: text` pairs.
struct TestSite: Sendable {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("gazette-serve-\(UUID().uuidString)", isDirectory: true)
        for (path, text) in files { try write(path, text) }
        // A folder is a site by its site.yml; an empty one gives every default.
        if files["site.yml"] == nil { try write("site.yml", "") }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The files below `folder`, relative to it, sorted; empty when it does not exist.
    func files(in folder: String) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var out: [String] = []
        while let path = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                out.append(path)
            }
        }
        return out.sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Where the preview builds the site; `public/` is left to `gazette build`.
    var output: URL { root.appendingPathComponent(".gazette/preview", isDirectory: true) }

    static func article(
        title: String, date: String = "2022-03-12T05:02:00+08:00", category: String = "Japan",
        body: String
    ) -> String {
        """
        ---
        title: "\(title)"
        date: \(date)
        category: \(category)
        ---
        \(body)

        """
    }

    /// Three articles in two categories, served under `/digest/`.
    static func digest() throws -> TestSite {
        try TestSite([
            "site.yml": """
            title: "Test Digest"
            base_url: "https://example.org/digest/"
            timezone: Asia/Singapore

            """,
            "content/2022/03/12/security.md": article(
                title: "Japan weighs its security strategy",
                body: "Tokyo is revising the strategy."),
            "content/2022/03/13/ports.md": article(
                title: "Da Nang pilots plastic-free ports",
                date: "2022-03-13T09:00:00+07:00", category: "Vietnam",
                body: "Fishing ports go plastic-free."),
            "content/2022/03/14/chips.md": article(
                title: "Chip plan draws praise", date: "2022-03-14",
                body: "Kyushu suppliers welcome it."),
        ])
    }
}
