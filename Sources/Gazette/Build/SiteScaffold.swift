import Foundation

/// `gazette init`: a new site with a configuration, a commented list of sources for `gazette
/// fetch`, one sample article, a `.gitignore` for what builds write, and an empty `static/` for
/// files published as they are.
///
/// The theme is not copied: a site uses the one the binary carries, so that a newer Gazette's
/// theme fixes reach it, and overrides single files of it in its own `Templates/` (`Theme`).
/// `copyTheme(into:)` (`gazette theme copy`) copies the whole theme for a site that wants to own it.
public enum SiteScaffold {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What `create(at:)` did: site-relative paths.
    public struct Created: Sendable {
        /// Files and folders (ending with `/`) written.
        public var written: [String] = []
        /// Files that were there already (a `.gitignore` of the folder's own repository): left
        /// exactly as they were.
        public var kept: [String] = []
    }

    /// Creates the site in `directory` (made if missing). It never replaces a file: a site's
    /// own files already there stop it, and a `.gitignore` already there is kept.
    public static func create(at directory: URL, title: String = "My News Digest", now: Date = Date()) throws -> Created {
        let fm = FileManager.default
        let root = directory.path
        for existing in [SiteConfig.fileName, SourceList.fileName, ContentLoader.contentFolder, Theme.folder, StaticFiles.folder]
        where fm.fileExists(atPath: root + "/" + existing) {
            throw Failure(description: "\(root)/\(existing) already exists; gazette init only creates new sites")
        }
        let c = Timestamp(now, in: TimeZone(identifier: "UTC")!).civil
        let day = "\(pad(c.year, 4))/\(pad(c.month))/\(pad(c.day))"
        let files: [(String, [UInt8])] = [
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
            (".gitignore", Array(gitignore.utf8)),
        ]
        var created = Created()
        for (path, bytes) in files {
            let url = directory.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            switch FileSystem.writeNewFile(url.path, bytes) {
            case nil: created.written.append(path)
            case .some(let code) where code == EEXIST && path == ".gitignore": created.kept.append(path)
            case .some(let code): throw Failure(description: "cannot write \(root)/\(path): \(FileSystem.errorText(code))")
            }
        }
        try fm.createDirectory(at: directory.appendingPathComponent(StaticFiles.folder), withIntermediateDirectories: true)
        created.written.append(StaticFiles.folder + "/")
        return created
    }

    /// What `gazette build`, `serve` and `fetch` write into a site: made again from the rest.
    static let gitignore = """
        # Written by gazette build, serve and fetch; made again from the rest of the site.
        public/
        .gazette/

        """

    /// What `copyTheme(into:)` did: site-relative paths, sorted.
    public struct ThemeCopy: Sendable {
        /// Files written.
        public var copied: [String] = []
        /// Files the site has already (perhaps its own changes): left exactly as they are.
        public var skipped: [String] = []
    }

    /// Copies every file of the built-in theme into the site's `Templates/`, for a site that
    /// wants to own its whole theme. A file that is there already is never replaced, nor is
    /// anything written through a link: it is reported as skipped.
    public static func copyTheme(into siteDirectory: URL) throws(BuildFailure) -> ThemeCopy {
        var result = ThemeCopy()
        for file in DefaultTheme.files.sorted(by: { $0.path < $1.path }) {
            guard let data = Data(base64Encoded: file.base64) else { continue }
            let relative = "\(Theme.folder)/\(file.path)"
            let url = siteDirectory.appendingPathComponent(relative)
            if FileSystem.kind(url.path) != .missing {
                result.skipped.append(relative)
                continue
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw BuildFailure([Diagnostic(path: relative, message: "cannot make its folder: \(error.localizedDescription)")])
            }
            if let code = FileSystem.writeNewFile(url.path, [UInt8](data)) {
                // Made between the look and the write: someone else's now, so left alone.
                if code == EEXIST {
                    result.skipped.append(relative)
                    continue
                }
                throw BuildFailure([Diagnostic(path: relative, message: "cannot write it: \(FileSystem.errorText(code))")])
            }
            result.copied.append(relative)
        }
        return result
    }
}
