import Foundation

/// Finds and reads every `content/**/*.md` of a site, in parallel, into `Article`s.
public struct ContentLoader: Sendable {
    public var siteDirectory: URL
    public var config: SiteConfig

    public init(siteDirectory: URL, config: SiteConfig) {
        self.siteDirectory = siteDirectory
        self.config = config
    }

    public static let contentFolder = "content"

    public struct Result: Sendable {
        public var articles: [Article]
        public var diagnostics: [Diagnostic]
    }

    /// Site-relative paths of every article file, sorted, so that nothing depends on the
    /// order in which the file system lists them.
    public func articlePaths() -> [String] {
        let root = siteDirectory.appendingPathComponent(Self.contentFolder)
        var paths: [String] = []
        walk(root.path, relative: Self.contentFolder, into: &paths)
        return paths.sorted()
    }

    private func walk(_ absolute: String, relative: String, into paths: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { return }
        for name in names where !name.hasPrefix(".") {
            let full = absolute + "/" + name
            let rel = relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(full, relative: rel, into: &paths)
            } else if name.hasSuffix(".md") || name.hasSuffix(".markdown") {
                paths.append(rel)
            }
        }
    }

    /// Reads and parses `paths` (site-relative) and renders their Markdown.
    public func load(_ paths: [String]) async -> Result {
        let site = siteDirectory
        let zone = config.timeZone
        let renderer = MarkdownRenderer(allowRawHTML: config.unsafeHTML)
        let outcomes = await parallelMap(paths) { path -> Swift.Result<Article, BuildFailure> in
            guard let data = FileManager.default.contents(atPath: site.appendingPathComponent(path).path) else {
                return .failure(BuildFailure([Diagnostic(path: path, message: "cannot read the file")]))
            }
            return FrontMatter.parseArticle(bytes: [UInt8](data), path: path, timeZone: zone)
                .map { Self.renderMarkdown($0, with: renderer) }
        }
        var articles: [Article] = []
        var diagnostics: [Diagnostic] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let article):
                articles.append(article)
                if article.body.allSatisfy(\.isWhitespace) {
                    diagnostics.append(.warning(path: article.path, line: article.bodyLine, "article has an empty body"))
                }
            case .failure(let failure):
                diagnostics += failure.diagnostics
            }
        }
        return Result(articles: articles, diagnostics: diagnostics)
    }

    static func renderMarkdown(_ article: Article, with renderer: MarkdownRenderer) -> Article {
        var a = article
        let out = renderer.render(a.body)
        a.html = out.html
        if let summary = a.summary {
            a.summaryText = summary
            a.summaryHTML = "<p>" + HTML.escape(summary) + "</p>"
        } else {
            a.summaryText = out.firstParagraphText
            a.summaryHTML = out.firstParagraphHTML
        }
        return a
    }
}
