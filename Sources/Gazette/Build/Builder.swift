import Foundation
import Mustache

/// Runs a build in named phases: load → index → plan → render → write.
///
/// Every phase collects all of its problems before the build stops, and nothing touches the
/// output folder until every page has rendered, so a failed build leaves the last good site.
public struct Builder: Sendable {
    public struct Options: Sendable {
        public var siteDirectory: URL
        /// Defaults to `public/` in the site folder.
        public var outputDirectory: URL?
        public var includeDrafts = false
        public var includeFuture = false
        /// The build's clock: articles dated after it are future ones. Output never reads it otherwise.
        public var now = Date()
        public var baseURL: String?

        public init(siteDirectory: URL) {
            self.siteDirectory = siteDirectory
        }

        public var output: URL {
            outputDirectory ?? siteDirectory.appendingPathComponent("public")
        }
    }

    public struct Result: Sendable {
        public var articleCount: Int
        public var pageCount: Int
        public var feedCount: Int
        public var files: [OutputFile]
        public var warnings: [Diagnostic]
        public var report: OutputWriter.Report?
        public var skippedDrafts: Int
        public var skippedFuture: Int
        /// Wall time of each phase in seconds, in order, for `--verbose` and benchmarks.
        public var timings: [(phase: String, seconds: Double)] = []
    }

    /// Called between phases, for progress on a terminal.
    public typealias Progress = @Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void

    public var options: Options
    public var progress: Progress?

    public init(options: Options, progress: Progress? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Builds and writes the site.
    public func build() async throws -> Result {
        try checkOutputFolder()
        var result = try await render()
        progress?("write", 0, result.files.count)
        var clock = PhaseClock()
        result.report = try await OutputWriter(directory: options.output).write(result.files)
        result.timings.append(("write", clock.lap()))
        return result
    }

    /// Builds the site in memory without touching the output folder.
    public func render() async throws -> Result {
        let site = options.siteDirectory
        var clock = PhaseClock()
        var timings: [(phase: String, seconds: Double)] = []
        var config = try SiteConfig.load(from: site)
        if let base = options.baseURL {
            guard let url = URL(string: base), url.scheme != nil, url.host != nil else {
                throw BuildFailure([Diagnostic(path: SiteConfig.fileName, message: "--base-url: expected an absolute URL such as https://example.org/digest/")])
            }
            config.baseURL = base.hasSuffix("/") ? base : base + "/"
        }
        var diagnostics: [Diagnostic] = []
        var theme: Theme?
        do {
            theme = try Theme.load(siteDirectory: site)
        } catch {
            diagnostics += error.diagnostics
        }

        // load
        let loader = ContentLoader(siteDirectory: site, config: config)
        let paths = loader.articlePaths()
        progress?("load", 0, paths.count)
        let loaded = await loader.load(paths)
        timings.append(("load", clock.lap()))
        diagnostics += loaded.diagnostics
        let now = Timestamp(options.now, in: config.timeZone)
        var skippedDrafts = 0, skippedFuture = 0
        let articles = loaded.articles.filter { article in
            if article.draft && !options.includeDrafts { skippedDrafts += 1; return false }
            if article.date > now && !options.includeFuture { skippedFuture += 1; return false }
            return true
        }

        // index
        let index = SiteIndex(articles: articles)
        diagnostics += index.diagnostics
        timings.append(("index", clock.lap()))
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let theme else { throw BuildFailure(diagnostics) }

        // plan
        let pages = PagePlanner.plan(index, config: config)

        // render
        progress?("render", 0, pages.count)
        let contexts = PageContext(index: index, config: config)
        let library = theme.library
        let rendered = await parallelMap(pages) { page -> OutputFile in
            let html = library.render(contexts.context(for: page), withTemplate: page.template) ?? ""
            return OutputFile(path: page.outputPath, text: html)
        }
        timings.append(("render", clock.lap()))
        var files = rendered
        let feeds = Self.feeds(index, config: config)
        files += feeds
        files.append(OutputFile(path: "sitemap.xml", text: Self.sitemap(pages, index: index, config: config)))
        files.append(OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\n\nSitemap: \(config.absoluteURL("sitemap.xml"))\n"))
        for asset in theme.assets { files.append(OutputFile(path: asset.path, bytes: asset.bytes)) }
        files.sort { $0.path < $1.path }
        timings.append(("feeds", clock.lap()))
        return Result(articleCount: index.articles.count, pageCount: rendered.count, feedCount: feeds.count,
                      files: files, warnings: diagnostics.filter { $0.severity == .warning }.sorted(),
                      report: nil, skippedDrafts: skippedDrafts, skippedFuture: skippedFuture, timings: timings)
    }

    static func feeds(_ index: SiteIndex, config: SiteConfig) -> [OutputFile] {
        var files: [OutputFile] = []
        let site = RSSFeed(title: config.title, description: config.description, link: config.baseURL,
                           selfURL: config.absoluteURL(Route.siteFeed), language: config.language,
                           articles: Array(index.articles.prefix(config.feedItems)))
        files.append(OutputFile(path: Route.siteFeed, text: site.render(config: config)))
        for category in index.categories {
            let feed = RSSFeed(title: "\(config.title): \(category.name)", description: config.description,
                               link: config.absoluteURL(Route.category(category.slug)),
                               selfURL: config.absoluteURL(Route.categoryFeed(category.slug)), language: config.language,
                               articles: category.articles.prefix(config.feedItems).map { index.articles[$0] })
            files.append(OutputFile(path: Route.categoryFeed(category.slug), text: feed.render(config: config)))
        }
        return files
    }

    static func sitemap(_ pages: [Page], index: SiteIndex, config: SiteConfig) -> String {
        func newest(_ items: some Sequence<Int>) -> Timestamp? {
            items.map { index.articles[$0].updated ?? index.articles[$0].date }.max()
        }
        var entries: [(url: String, lastModified: Timestamp?)] = []
        for page in pages.sorted(by: { $0.route < $1.route }) {
            let lastModified: Timestamp?
            switch page.kind {
            case .notFound: continue
            case .home(let n):
                lastModified = newest(Pagination(totalItems: index.articles.count, perPage: config.perPage).range(ofPage: n))
            case .article(let i): lastModified = index.articles[i].updated ?? index.articles[i].date
            case .category(let c, let n):
                let category = index.categories[c]
                lastModified = newest(Pagination(totalItems: category.articles.count, perPage: config.perPage)
                    .range(ofPage: n).map { category.articles[$0] })
            case .archive(let g, let i): lastModified = newest(index.archives(g)[i].articles)
            }
            entries.append((config.absoluteURL(page.route), lastModified?.converted(to: config.timeZone)))
        }
        return Sitemap.render(entries)
    }

    /// The output folder is cleaned of stale files, so it must never be the site itself or hold it.
    func checkOutputFolder() throws {
        let output = options.output.standardizedFileURL.resolvingSymlinksInPath().path
        let site = options.siteDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        let outputSlash = output.hasSuffix("/") ? output : output + "/"
        if site == output || (site + "/").hasPrefix(outputSlash) {
            throw BuildFailure([Diagnostic(path: options.output.path, message: "the output folder must not be the site folder or contain it")])
        }
        for marker in [SiteConfig.fileName, ContentLoader.contentFolder, ".git"]
        where FileManager.default.fileExists(atPath: output + "/" + marker) {
            throw BuildFailure([Diagnostic(path: options.output.path, message: "the output folder holds '\(marker)'; it looks like a site or a repository, not a build output")])
        }
    }
}
