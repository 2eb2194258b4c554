import Foundation

/// Builds a site, in named phases: load → index → plan → render → write.
///
/// Each phase takes values and returns values, and collects all of its problems before the
/// build stops; nothing touches the output folder until every input has been read, indexed and
/// planned, and nothing a reader sees changes until the commit, so a failed build leaves the
/// last good site. In front of the phases, `IncrementalBuild` decides from the build cache what
/// needs reading and rendering at all.
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
        /// Link pages as their `index.html`, whatever `site.yml` says (`--file-links`).
        public var fileLinks = false
        /// Use the build cache in `.gazette/cache/` for incremental rebuilds.
        public var useCache = true
        /// Build into an output folder that holds files Gazette did not write (they are left
        /// as they are, unless the site has a file at the same path).
        public var force = false
        /// Free the build's large structures once done with them. `gazette build` turns this
        /// off: its process exits right after the build, and leaving them to the exit is faster.
        public var freesMemory = true

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
        /// From `render()`: every file of the site. From `build()`: the files other than pages,
        /// feeds and the sitemap, which are written as they render.
        public var files: [OutputFile]
        public var warnings: [Diagnostic]
        public var report: OutputWriter.Report?
        public var skippedDrafts: Int
        public var skippedFuture: Int
        /// Wall time of each phase in seconds, in order, for `--verbose` and benchmarks.
        public var timings: [(phase: String, seconds: Double)] = []
        /// Things worth saying that are not problems with the site (an unusable cache).
        public var notes: [String] = []
        /// Articles parsed this time (not taken from the cache), and pages and feeds rendered.
        public var articlesParsed = 0
        public var pagesRendered = 0
    }

    /// Called between phases, for progress on a terminal.
    public typealias Progress = @Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void

    public var options: Options
    public var progress: Progress?

    public init(options: Options, progress: Progress? = nil) {
        self.options = options
        self.progress = progress
    }

    /// What a build leaves for the next one in the same process (`gazette serve`): the build
    /// cache as it would be saved, and the saving itself when the build was asked to put it off.
    public struct Memory: Sendable {
        var cache: BuildCache
        var pendingWrite: Bool
        var pendingManifest: SiteManifest.Pending?
    }

    /// Builds the site and writes the output folder, using and updating the build cache.
    public func build() async throws -> Result {
        try await build(memory: nil, deferringWrites: false).result
    }

    /// Like `build()`, starting from the cache a previous build in this process left in `memory`.
    /// With `deferringWrites`, the cache and the manifest are not written: the returned memory
    /// carries them to `writeDeferred(_:)`, for the caller to call once it has done what it was
    /// waiting for (the preview's reload), before the next build.
    public func build(memory: Memory?, deferringWrites: Bool) async throws -> (result: Result, memory: Memory?) {
        var clock = PhaseClock()
        var incremental = try await IncrementalBuild(options: options, memory: memory)
        if let unchanged = incremental.unchanged { return (unchanged, memory) }
        clock.lap("check")

        let config = try SiteInputs.config(options)
        let paths = incremental.articlePaths(ContentLoader(siteDirectory: options.siteDirectory, config: config))
        progress?("load", 0, paths.count)
        var site = try await SiteInputs.load(
            config: config, paths: paths, known: incremental.knownArticles(config: config),
            stamps: incremental.inputs, options: options)
        site.warnings += incremental.remember(site.loaded)
        clock.lap("load")

        let articles = site.takeArticles()
        var index = SiteIndex(heads: articles.heads, texts: articles.texts, options: SiteIndex.Options(site.config), relate: false)
        await index.relate()
        clock.lap("index")

        let plan = try SitePlan(index: index, site: site, options: options)
        let session = try await incremental.openOutput()
        let work = await incremental.select(pages: plan.pages, feeds: plan.feeds, sitemap: plan.sitemap, keys: plan.keys)
        clock.lap("plan")

        progress?("render", 0, work.pages.count)
        var staged = await Rendering(plan: plan, loader: site.loader).render(work, into: session)
        clock.lap("render")

        let report = try session.commit(&staged, keeping: work.kept, keptWereListed: work.keptWereListed)
        clock.lap("write")

        var result = plan.result(site: site, work: work, report: report)
        let (notes, kept) = await incremental.finish(
            work, staged: staged, otherFiles: plan.files.map(\.path), result: result,
            validUntil: min(site.validUntil, plan.sitemap.validUntil), deferringWrites: deferringWrites)
        clock.lap("remember")
        result.notes = notes
        result.timings = clock.laps
        release((consume site, consume index, consume plan, consume work, consume staged))
        return (result, kept)
    }

    /// Builds the site in memory, without the output folder or the cache.
    public func render() async throws -> Result {
        let config = try SiteInputs.config(options)
        let loader = ContentLoader(siteDirectory: options.siteDirectory, config: config)
        var site = try await SiteInputs.load(config: config, paths: loader.articlePaths(), known: nil, stamps: nil, options: options)
        let articles = site.takeArticles()
        let plan = try SitePlan(
            index: SiteIndex(heads: articles.heads, texts: articles.texts, options: SiteIndex.Options(site.config)), site: site,
            options: options)
        let work = IncrementalBuild.Work(
            pages: plan.pages, feeds: plan.feeds, sitemaps: plan.sitemap.files, kept: [], keys: [:],
            keptWereListed: false)
        var result = plan.result(site: site, work: work, report: nil)
        result.files = await Rendering(plan: plan, loader: loader).render(work)
        return result
    }

    /// Writes what a build with `deferringWrites` put off: the build cache, then the manifest,
    /// and clears it from `memory`. Returns notes about a cache that could not be written.
    public func writeDeferred(_ memory: inout Memory) async -> [String] {
        defer {
            memory.pendingWrite = false
            memory.pendingManifest = nil
        }
        guard options.useCache else { return [] }
        let lock = CacheLock(site: options.siteDirectory)
        var notes: [String] = []
        if memory.pendingWrite {
            do { try memory.cache.save(to: options.siteDirectory) } catch { notes.append("note: \(error)") }
        }
        if let pending = memory.pendingManifest {
            await pending.save(
                site: options.siteDirectory, output: options.output.standardizedFileURL.path,
                known: memory.cache.outputs)
        }
        _ = consume lock
        return notes
    }

    func release<T: Sendable>(_ value: consuming T) {
        Gazette.release(value, freeing: options.freesMemory)
    }
}
