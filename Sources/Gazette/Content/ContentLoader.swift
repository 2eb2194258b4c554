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
        let root = siteDirectory.appendingPathComponent(Self.contentFolder).path
        return FileSystem.listFiles(root)
            .filter { path in
                (path.hasSuffix(".md") || path.hasSuffix(".markdown"))
                    && !path.split(separator: "/").contains { $0.hasPrefix(".") }
            }
            .map { Self.contentFolder + "/" + $0 }
            .sorted()
    }

    /// Reads and parses `paths` (site-relative) and renders their Markdown.
    public func load(_ paths: [String]) async -> Result {
        let site = siteDirectory
        let zone = config.timeZone
        let renderer = MarkdownRenderer(allowRawHTML: config.unsafeHTML)
        let outcomes = await parallelMap(paths) { path -> Swift.Result<Article, BuildFailure> in
            guard let bytes = FileSystem.readBytes(site.path + "/" + path) else {
                return .failure(BuildFailure([Diagnostic(path: path, message: "cannot read the file")]))
            }
            return FrontMatter.parseArticle(bytes: bytes, path: path, timeZone: zone)
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
