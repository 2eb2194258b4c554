import Foundation

/// The load phase's result: everything the site is built from, read and checked.
struct SiteInputs: Sendable {
    var config: SiteConfig
    var theme: Theme
    var statics: [OutputFile]
    /// The articles this build publishes (drafts and future ones left out unless asked for),
    /// and their heads, in the same order.
    var texts: [SiteIndex.Text]
    var heads: [ArticleHead]
    /// Every article file as the loader found it, for the build cache.
    var loaded: [ContentLoader.LoadedFile]
    var loader: ContentLoader
    var warnings: [Diagnostic]
    var skippedDrafts = 0
    var skippedFuture = 0
    /// When the first article left out as a future one comes due (seconds since 1970).
    var validUntil = Int64.max
    /// The articles' heads and texts, moved out for the index, which puts them in order in
    /// place (a copy left here would make it copy them all).
    mutating func takeArticles() -> (heads: [ArticleHead], texts: [SiteIndex.Text]) {
        defer {
            heads = []
            texts = []
        }
        return (heads, texts)
    }

    var articlesParsed: Int { loaded.reduce(0) { $1.reused || $1.cached == nil ? $0 : $0 + 1 } }

    /// `site.yml`, with the command line's overrides.
    static func config(_ options: Builder.Options) throws(BuildFailure) -> SiteConfig {
        var config = try SiteConfig.load(from: options.siteDirectory)
        if let base = options.baseURL {
            switch SiteConfig.validatedBaseURL(base) {
            case .success(let url): config.baseURL = url
            case .failure(let problem):
                throw BuildFailure([Diagnostic(path: SiteConfig.fileName, message: "--base-url: \(problem.message)")])
            }
        }
        if options.fileLinks { config.fileLinks = true }
        return config
    }

    /// Reads the theme, `static/` and the articles at `paths` (those unchanged since `known`
    /// was recorded are taken from it), and throws every problem found at once.
    static func load(
        config: SiteConfig, paths: [String], known: [String: BuildCache.ArticleEntry]?,
        stamps: [String: FileStamp]?, options: Builder.Options
    ) async throws(BuildFailure) -> SiteInputs {
        var config = config
        let site = options.siteDirectory
        // The templates and static/ are read on another core while the articles load.
        let themeLoad = Task { () -> Result<Theme, BuildFailure> in
            do throws(BuildFailure) { return .success(try Theme.load(siteDirectory: site)) } catch { return .failure(error) }
        }
        let staticLoad = Task { StaticFiles.load(site: site) }
        let loader = ContentLoader(siteDirectory: site, config: config)
        var loaded = await loader.load(paths, cache: known, stamps: stamps)
        var diagnostics: [Diagnostic] = []
        for i in loaded.indices where !loaded[i].diagnostics.isEmpty { diagnostics += loaded[i].diagnostics }
        let statics = await staticLoad.value
        diagnostics += statics.warnings
        let theme: Theme?
        switch await themeLoad.value {
        case .success(let loaded):
            theme = loaded
            diagnostics += loaded.warnings
            let (labels, problems) = loaded.labels(language: config.language)
            config.labels = labels
            diagnostics += problems
        case .failure(let failure):
            theme = nil
            diagnostics += failure.diagnostics
        }
        guard let theme, !diagnostics.contains(where: { $0.severity == .error }) else { throw BuildFailure(diagnostics) }
        diagnostics += unlistedCategories(loaded, config: config, site: site)

        let now = Timestamp(options.now, in: config.timeZone)
        var texts: [SiteIndex.Text] = []
        var heads: [ArticleHead] = []
        texts.reserveCapacity(loaded.count)
        heads.reserveCapacity(loaded.count)
        var skippedDrafts = 0, skippedFuture = 0, validUntil = Int64.max
        for i in loaded.indices {
            // Fields read in place; the parsed article moved out: the index takes it, the cache
            // keeps what `cached` holds.
            guard loaded[i].cached != nil else { continue }
            let draft = loaded[i].cached?.head.draft ?? false
            let date = loaded[i].cached?.head.date ?? now
            if draft && !options.includeDrafts {
                skippedDrafts += 1
            } else if date > now && !options.includeFuture {
                skippedFuture += 1
                validUntil = min(validUntil, date.seconds)
            } else if let parsed = loaded[i].parsed.take() {
                heads.append(parsed.article.head)
                texts.append(.parsed(parsed.article, html: parsed.html))
            } else if let cached = loaded[i].cached {
                heads.append(cached.head)
                texts.append(.cached(cached))
            }
        }
        return SiteInputs(
            config: config, theme: theme, statics: statics.files, texts: texts, heads: heads, loaded: loaded, loader: loader,
            warnings: diagnostics, skippedDrafts: skippedDrafts, skippedFuture: skippedFuture, validUntil: validUntil)
    }

    /// With `categories:` in site.yml, the editor has said which categories there are: an
    /// article whose category is neither a name nor an alias there is a warning at its
    /// `category:` line, naming the listed name it most likely means. The article is still
    /// built, under its own category.
    static func unlistedCategories(_ loaded: [ContentLoader.LoadedFile], config: SiteConfig, site: URL) -> [Diagnostic] {
        guard !config.categories.isEmpty else { return [] }
        var nameOf: [String: String] = [:]
        for category in config.categories {
            for alias in [category.name] + category.aliases { nameOf[Slug.make(alias)] = category.name }
        }
        let spellings = config.categories.flatMap { [$0.name] + $0.aliases }
        let listed = config.categories.map(\.name)
        var warnings: [Diagnostic] = []
        for file in loaded {
            guard let head = file.cached?.head, nameOf[head.categorySlug] == nil else { continue }
            let message: String
            if let near = NearMiss.closest(to: head.category, among: spellings), let name = nameOf[Slug.make(near)] {
                message = "category '\(head.category)' is not in site.yml's categories; did you mean '\(name)'?"
            } else {
                let shown = listed.prefix(8).map { "'\($0)'" }.joined(separator: ", ") + (listed.count > 8 ? ", …" : "")
                message = "category '\(head.category)' is not in site.yml's categories (\(shown)); add it there, or use one of them"
            }
            // The head has no positions: the file is read again, only for an unlisted category.
            let bytes = try? SiteFile.open(site: site, path: head.path).get()
            let position = bytes.flatMap { FrontMatter.position(ofKey: "category", in: $0) }
            warnings.append(.warning(path: head.path, line: position?.line ?? 1, column: position?.column ?? 1, message))
        }
        return warnings
    }
}
