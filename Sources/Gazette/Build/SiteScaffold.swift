import Foundation

/// `gazette init`: a new site with a configuration, a commented list of sources for `gazette
/// fetch`, one sample article, a copy of the default theme to customise, and an empty `static/`
/// for files published as they are.
public enum SiteScaffold {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Creates the site in `directory` (made if missing) and returns the files written, site-relative.
    public static func create(at directory: URL, title: String = "My News Digest", now: Date = Date()) throws -> [String] {
        let fm = FileManager.default
        let root = directory.path
        for existing in [SiteConfig.fileName, SourceList.fileName, ContentLoader.contentFolder, Theme.folder, StaticFiles.folder]
        where fm.fileExists(atPath: root + "/" + existing) {
            throw Failure(description: "\(root)/\(existing) already exists; gazette init only creates new sites")
        }
        let c = Timestamp(now, in: TimeZone(identifier: "UTC")!).civil
        let day = "\(pad(c.year, 4))/\(pad(c.month))/\(pad(c.day))"
        var files: [(String, [UInt8])] = [
            (
                SiteConfig.fileName,
                Array(
                    """
                    title: "\(title)"
                    description: "The day's news, collected."
                    base_url: "http://localhost:8000/"
                    language: en
                    timezone: UTC
                    per_page: 20
                    feed_items: 50

                    """.utf8)
            ),
            (
                "content/\(day)/welcome-to-gazette.md",
                Array(
                    """
                    ---
                    title: "Welcome to Gazette"
                    date: \(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):00Z
                    category: Meta
                    tags: [gazette]
                    source: Gazette
                    ---
                    This is the first article of your digest. Each article is a Markdown file under
                    `content/` with front matter at the top: a title, a date and a category.

                    Run `gazette build` to make the site in `public/`, or `gazette serve` to preview it.

                    """.utf8)
            ),
            (SourceList.fileName, Array(SourceList.example.utf8)),
            ("public/.gitkeep", []),
        ]
        for file in DefaultTheme.files {
            guard let data = Data(base64Encoded: file.base64) else { continue }
            files.append(("\(Theme.folder)/\(file.path)", [UInt8](data)))
        }
        for (path, bytes) in files {
            let url = directory.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try fm.createDirectory(at: directory.appendingPathComponent(StaticFiles.folder), withIntermediateDirectories: true)
        return files.map(\.0) + [StaticFiles.folder + "/"]
    }
}
