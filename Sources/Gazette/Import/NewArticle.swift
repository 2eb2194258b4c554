import Foundation

/// `gazette new`: an article a person starts by hand, written as `gazette import` writes one
/// (`ArticleWriter`'s front matter, `Slug`'s name, `content/YYYY/MM/DD/<slug>.md` by its date in
/// the site's time zone), but without an import stamp: the file is the editor's from the start.
///
/// It never replaces a file: when the name is taken, the next free one (`<slug>-2.md`, …) is
/// used, and the file is created only if nothing is at that path at the moment of writing.
public struct NewArticle: Sendable {
    public var title: String
    public var category: String
    /// The outlet that wrote it, when it is not the site's own.
    public var source: String?
    public var tags: [String] = []
    /// ISO 8601 as an editor types it (`2022-03-12`, `2022-03-12T09:30`, with or without an
    /// offset; without one, the site's time zone); nil: `now`.
    public var date: String?
    public var draft = false

    public init(title: String, category: String) {
        self.title = title
        self.category = category
    }

    /// A value given for the article that cannot be written (not a problem of a file: no
    /// position to name).
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Writes the article into the site at `siteDirectory` and returns its site-relative path,
    /// and whether it is dated after `now` (a build leaves it out until then). Throws
    /// `BuildFailure` for a problem of the site (no `site.yml`, a folder it cannot write) and
    /// `Problem` for a value that makes no article.
    public func write(into siteDirectory: URL, now: Date) throws -> (path: String, future: Bool) {
        let config = try SiteConfig.load(from: siteDirectory)
        let zone = config.timeZone
        // One line each, as the writer writes them (line breaks become spaces, control
        // characters go), then trimmed: what is left must not be empty.
        func check(_ value: String, _ what: String) throws(Problem) -> String {
            let line = ArticleWriter.singleLine(value).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { throw Problem(description: "\(what) must not be empty") }
            return line
        }
        let title = try check(self.title, "the headline")
        let category = try check(self.category, "--category")
        let source = try self.source.map { value throws(Problem) in try check(value, "--source") }
        let tags = try self.tags.map { value throws(Problem) in try check(value, "--tag") }
        var timestamp = Timestamp(Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)), in: zone)
        if let date {
            do {
                timestamp = try ISO8601Reader.read(date, in: zone)
            } catch {
                throw Problem(description: "--date: '\(date)' is not a date in \(config.timeZoneName): \(error.message)")
            }
        }

        let article = ImportedArticle(title: title, date: timestamp, category: category, tags: tags, source: source, body: "")
        let writer = ArticleWriter(timeZone: zone)
        let folder = writer.folder(for: article)
        let slug = Slug.make(title, style: config.slugStyle)
        do {
            try FileManager.default.createDirectory(
                at: siteDirectory.appendingPathComponent(folder), withIntermediateDirectories: true)
        } catch {
            throw BuildFailure([Diagnostic(path: folder, message: "cannot make the folder: \(error.localizedDescription)")])
        }
        var n = 1
        while true {
            let stem = n == 1 ? slug : "\(slug)-\(n)"
            let path = folder + stem + ".md"
            let text = writer.render(article, category: category, tags: tags, stem: stem, draft: draft, stamped: false)
            // What is written must read back as an article: the build is the judge.
            if case .failure(let failure) = FrontMatter.parseArticle(
                bytes: Array(text.utf8), path: path, timeZone: zone, slugStyle: config.slugStyle)
            {
                throw failure
            }
            switch FileSystem.writeNewFile(siteDirectory.appendingPathComponent(path).path, Array(text.utf8)) {
            case nil:
                return (path, timestamp.date > now)
            case .some(let code) where code == EEXIST && n < 1000:
                n += 1
            case .some(let code):
                throw BuildFailure([Diagnostic(path: path, message: "cannot write the article: \(FileSystem.errorText(code))")])
            }
        }
    }
}
