/// The plan phase's result: every file the site has. Pages, feeds and the sitemap are made
/// from the articles and have cache keys; the other files (robots.txt, the theme's assets,
/// `static/`) are small and made outright.
struct SitePlan: Sendable {
    let index: SiteIndex
    let config: SiteConfig
    let theme: Theme
    let pages: [Page]
    let feeds: [Feed]
    let sitemap: SitemapPlan
    let keys: CacheKeys
    /// robots.txt, the theme's assets and the files of `static/`, sorted by path.
    let files: [OutputFile]

    init(index: SiteIndex, site: SiteInputs, options: Builder.Options) throws(BuildFailure) {
        if index.diagnostics.contains(where: { $0.severity == .error }) {
            throw BuildFailure(site.warnings.filter { $0.severity == .warning } + index.diagnostics)
        }
        self.index = index
        config = site.config
        theme = site.theme
        pages = Page.all(index, config: config)
        feeds = Feed.all(index, config: config)
        sitemap = SitemapPlan(
            pages: pages, index: index, config: config,
            now: Timestamp(seconds: Int64(options.now.timeIntervalSince1970.rounded(.down)), offset: 0))
        keys = CacheKeys(index: index, config: config, theme: theme)
        var files = [OutputFile(path: Route.robots.outputPath, text: Robots.render(config: config))]
        for asset in theme.assets { files.append(OutputFile(path: asset.path, bytes: asset.bytes)) }
        // A file of static/ never takes the place of one the site makes.
        let made =
            site.statics.isEmpty
            ? []
            : Set(
                pages.map(\.outputPath) + feeds.map(\.route.outputPath)
                    + sitemap.files.map(\.route.outputPath) + files.map(\.path))
        let clashes = site.statics.filter { made.contains($0.path) }.map { file in
            Diagnostic(
                path: FileSystem.join(StaticFiles.folder, file.path),
                message: "would replace /\(file.path), which Gazette writes itself; give the file another name")
        }
        // An image named as a file must be a file the site publishes.
        let published = Set(site.statics.map(\.path) + theme.assets.map(\.path))
        let missingImages = index.articles.compactMap { head -> Diagnostic? in
            guard let image = head.image, !SiteConfig.isAbsoluteImage(image), !published.contains(image) else { return nil }
            // The head has no positions: the file is read again to point at the key.
            let bytes = try? SiteFile.open(site: options.siteDirectory, path: head.path).get()
            let position = bytes.flatMap { FrontMatter.position(ofKey: "image", in: $0) }
            return Diagnostic(
                path: head.path, line: position?.line ?? 1, column: position?.column ?? 1,
                message: "image: there is no file \(StaticFiles.folder)/\(image); put the image there, or give its URL")
        }
        var logoProblem: [Diagnostic] = []
        if let logo = config.logo, !SiteConfig.isAbsoluteImage(logo), !published.contains(logo) {
            logoProblem.append(Diagnostic(path: SiteConfig.fileName, message: "logo: there is no file \(StaticFiles.folder)/\(logo)"))
        }
        if !clashes.isEmpty || !missingImages.isEmpty || !logoProblem.isEmpty {
            throw BuildFailure(clashes + logoProblem + missingImages)
        }
        files += site.statics
        self.files = files.sorted { $0.path < $1.path }
    }

    /// What the build reports.
    func result(site: SiteInputs, work: IncrementalBuild.Work, report: OutputWriter.Report?) -> Builder.Result {
        var result = Builder.Result(
            articleCount: index.articles.count, pageCount: pages.count, feedCount: feeds.count,
            files: files, warnings: (site.warnings + index.diagnostics).filter { $0.severity == .warning }.sorted(),
            report: report, skippedDrafts: site.skippedDrafts, skippedFuture: site.skippedFuture)
        result.articlesParsed = site.articlesParsed
        result.pagesRendered = work.pages.count
        return result
    }
}
