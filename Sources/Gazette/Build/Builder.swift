import Foundation
import Mustache

/// Runs a build in named phases: load → index → plan → render → write.
///
/// Every phase collects all of its problems before the build stops, and nothing touches the
/// output folder until every page has rendered, so a failed build leaves the last good site.
/// With the build cache, a rebuild re-reads only changed articles and re-renders only the pages
/// and feeds whose inputs changed.
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
        /// Use the build cache in `.gazette/cache/` for incremental rebuilds.
        public var useCache = true
        /// Build into an output folder that holds files Gazette did not write (they are left
        /// as they are, unless the site has a file at the same path).
        public var force = false
        /// Free the build's large structures (articles, index, cache) once done with them.
        /// `gazette build` turns this off: its process exits right after the build, and leaving
        /// them to the exit is faster than freeing them.
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
        /// From `render()`: every file of the site. From `build()`: the files other than pages
        /// (pages are written as they render).
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
        /// The cache and the manifest still to be written, by `writeDeferred(_:)`.
        var pendingWrite: Bool
        var pendingManifest: PendingManifest?
    }

    /// What `saveManifest` needs of a build, kept for a write put off until after it.
    struct PendingManifest: Sendable {
        var inputsBefore: [String: FileStamp]?
        var listedAt: Date
        /// Pages and feeds by path, and the site's other files: together, every file of the site.
        var pages: [String: UInt64]
        var otherFiles: [String]
        var result: Result
        var validUntil: Int64
    }

    /// Builds the site and writes the output folder, using and updating the build cache.
    public func build() async throws -> Result {
        try await build(memory: nil, deferringWrites: false).result
    }

    /// Like `build()`, starting from the cache a previous build in this process left in `memory`
    /// rather than reading it from disk. With `deferringWrites`, the cache and the manifest are
    /// not written: the returned memory carries them to `writeDeferred(_:)`, to be called once
    /// the caller has done what it was waiting for (the preview's reload), before the next build.
    public func build(memory: Memory?, deferringWrites: Bool) async throws -> (result: Result, memory: Memory?) {
        let ownership = try OutputFolder.check(output: options.output, site: options.siteDirectory, force: options.force)
        let site = options.siteDirectory
        let output = options.output.standardizedFileURL.path
        var notes: [String] = []
        // Held to the end of the build: two builds of one site take turns.
        let lock = options.useCache ? CacheLock(site: site) : nil
        var cache: BuildCache?
        var loadClock = PhaseClock()
        // Listed before anything is read, so that a file changed during the build is noticed.
        // Stamps are judged against this moment: a file modified just before it could change again
        // within the same tick of the file system's clock, after the listing, unnoticed.
        let listedAt = Date()
        // Once a build is known to be needed, the cache is decoded on another core while the
        // inputs are listed, the output's stamps are checked and the output folder is listed.
        func decode() -> Task<Swift.Result<BuildCache?, BuildCache.Invalid>, Never>? {
            guard options.useCache, memory == nil else { return nil }
            return Task {
                do throws(BuildCache.Invalid) { return .success(try BuildCache.load(from: site, deferringOutputs: true)) } catch {
                    return .failure(error)
                }
            }
        }
        // Listing the output folder (a folder per article) is I/O that need not wait: it runs
        // while the inputs are listed, the cache is decoded and the articles are read.
        // With the cache, only the folders changed since the last listing are read (see
        // FolderRecord); the record of this listing is saved later (see `OutputListing`).
        let useCache = options.useCache
        func listOutput() -> Task<ListedOutput?, Never> {
            Task {
                guard FileSystem.kind(output) == .directory else { return nil }
                guard useCache else { return ListedOutput(files: FileSystem.listFilesWithStamps(output)) }
                let listed = FileSystem.listFilesWithStamps(output, record: FolderRecord.load(site: site, output: output),
                                                            now: Date())
                // A record of folders all changed a moment ago (a build that follows the first
                // one closely) trusts nothing yet: not worth a write.
                let worthSaving = listed.changed && listed.record.folders.contains(where: \.settled)
                return ListedOutput(files: listed.files, recordToSave: worthSaving ? listed.record : nil)
            }
        }
        // The manifest is read on one core while the inputs are listed on both.
        let hasManifest = options.useCache && FileSystem.kind(SiteManifest.path(site: site)) == .file
        let manifestLoad = hasManifest ? Task { SiteManifest.load(site: site) } : nil
        // No manifest (the last build saw a file change as it ran, as right after an edit): a
        // build is needed whatever the inputs are.
        var decoding = hasManifest ? nil : decode()
        var outputListing = hasManifest ? nil : listOutput()
        let inputsBefore = options.useCache ? await SiteManifest.currentInputs(site: site.path) : nil
        let manifest = await manifestLoad?.value
        let mayBeCurrent = inputsBefore.map { inputs in
            manifest?.inputsMatch(inputs, optionsKey: manifestKey, now: options.now) ?? false
        } ?? false
        if decoding == nil, !mayBeCurrent { decoding = decode() }
        if mayBeCurrent, let manifest, await manifest.outputsMatch(output: output) {
            let result = manifest.result(seconds: loadClock.lap())
            // Thirty thousand stamps and paths, freed one by one, were the last tenth of it.
            release((consume manifest, consume inputsBefore))
            return (result, memory)
        }
        if decoding == nil { decoding = decode() }
        let checkTime = loadClock.lap()
        if outputListing == nil { outputListing = listOutput() }
        if options.useCache, let memory {
            cache = memory.cache
        } else if let decoding {
            switch await decoding.value {
            case .success(let decoded): cache = decoded
            case .failure(let error): notes.append("note: \(error); building without it")
            }
        }
        // A finished task keeps its value: while it lives, the cache's tables are shared, and
        // the first change to one (the build takes them over) copied all of it.
        decoding = nil
        let cacheLoadTime = loadClock.lap()
        // Pages are staged in the output folder as they render, so that a large site is never
        // held in memory whole; nothing a reader sees changes until the commit below.
        // The outputs of the cache file as it is, when they are of this output folder.
        let oldOutputs = cache.map { $0.outputPath == output ? $0.outputCount : -1 } ?? -1
        var run = try await render(cache: &cache, outputPath: output, writer: OutputWriter(directory: options.output),
                                   ownership: ownership, inputs: inputsBefore, outputListing: outputListing)
        guard let session = run.session else { throw OutputWriter.Failure(description: "the output folder was not opened") }
        run.result.timings.insert(("cache read", cacheLoadTime), at: 0)
        if options.useCache { run.result.timings.insert(("check", checkTime), at: 0) }
        progress?("write", 0, run.result.files.count)
        var clock = PhaseClock()
        var staged = run.staged + (await parallelMap(run.result.files) { session.stage($0) })
        // A page is kept only when the listing the session began with showed it intact.
        let report = try session.commit(&staged, keeping: run.kept, keptWereListed: run.keptWereListed)
        run.result.report = report
        run.result.timings.append(("write", clock.lap()))
        if options.useCache {
            // Nothing new to remember (every output kept, no article read, the same articles with
            // the same stamps): leave the cache file as it is.
            var unchanged = false
            if let old = cache, !run.articlesChanged, run.result.articlesParsed == 0, run.kept.count == run.keys.count,
               old.outputs.count == run.keys.count, old.outputPath == output {
                unchanged = true
            }
            var summary = run.result
            summary.files = []
            let pending = PendingManifest(inputsBefore: inputsBefore, listedAt: listedAt, pages: run.keys,
                                          otherFiles: run.result.files.map(\.path), result: summary,
                                          validUntil: run.validUntil)
            var outputs: [String: BuildCache.OutputEntry] = [:]
            if !unchanged {
                // The old table, moved rather than copied, keeps the entries of the pages left
                // as they were; the pages rendered get new ones.
                if cache?.outputPath == output { swap(&outputs, &cache!.outputs) }
                outputs.reserveCapacity(run.keys.count)
                // The stamps the files had as they were written or compared (the commit's
                // renames keep them): a second pass of twelve thousand look-ups by full path
                // was the cold build's last one.
                var stagedStamps: [String: FileStamp] = [:]
                stagedStamps.reserveCapacity(staged.count)
                for s in staged { if let stamp = s.stamp { stagedStamps[s.path] = stamp } }
                let stamps = run.rendered.map { stagedStamps[$0] ?? FileStamp(path: output + "/" + $0) }
                var unstamped = false
                for (path, stamp) in zip(run.rendered, stamps) {
                    if let stamp, let key = run.keys[path] {
                        outputs[path] = .init(key: key, stamp: stamp)
                    } else {
                        outputs[path] = nil
                        unstamped = true
                    }
                }
                // Every page kept or stamped has its entry, so a table of the same size holds
                // nothing else; otherwise pages left the site: keep only the site's.
                if unstamped || outputs.count != run.keys.count {
                    outputs = outputs.filter { run.keys[$0.key] != nil }
                }
            }
            // The manifest and the cache are independent: written side by side. The pages'
            // stamps, just taken or checked, are the manifest's too. A manifest of inputs too
            // fresh to trust is not written at all (see saveManifest).
            let manifestWrite: Task<Void, Never>?
            if deferringWrites {
                manifestWrite = nil
            } else if let inputsBefore, SiteManifest.stampsAreSettled(inputsBefore, now: listedAt) {
                let knownStamps = (unchanged ? cache?.outputs ?? [:] : outputs).mapValues(\.stamp)
                manifestWrite = Task { await saveManifest(pending, output: output, known: knownStamps) }
            } else {
                SiteManifest.remove(site: site)
                manifestWrite = nil
            }
            // The new cache holds the old one's article table; unchanged, it takes its outputs too.
            var remembered: BuildCache?
            if unchanged {
                swap(&run.newCache.outputs, &cache!.outputs)
                remembered = run.newCache
            } else {
                run.newCache.outputs = outputs
                run.newCache.distrustRecentStamps(now: listedAt)
                remembered = run.newCache
                let worthWriting = memory != nil
                    || run.newCache.isWorthWriting(over: (articles: run.previousArticles, outputs: oldOutputs))
                if !deferringWrites && worthWriting {
                    do { try await run.newCache.save(to: site) } catch { notes.append("note: \(error)") }
                }
            }
            run.result.timings.append(("cache write", clock.lap()))
            if let manifestWrite {
                await manifestWrite.value
                run.result.timings.append(("manifest", clock.lap()))
            }
            _ = consume lock
            run.result.notes = notes + run.result.notes
            let result = run.result
            guard deferringWrites || memory != nil, var kept = remembered else {
                release((cache.take(), remembered.take(), run.takeBulk(), consume pending))
                return (result, nil)
            }
            release((cache.take(), run.takeBulk()))
            kept.forgetBodies()
            return (result, Memory(cache: kept, pendingWrite: deferringWrites && !unchanged,
                                   pendingManifest: deferringWrites ? pending : nil))
        }
        _ = consume lock
        run.result.notes = notes + run.result.notes
        return (run.result, nil)
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
            do { try await memory.cache.save(to: options.siteDirectory) } catch { notes.append("note: \(error)") }
        }
        if let pending = memory.pendingManifest {
            await saveManifest(pending, output: options.output.standardizedFileURL.path)
        }
        _ = consume lock
        return notes
    }

    /// Builds the site in memory without touching the output folder or the cache.
    public func render() async throws -> Result {
        var none: BuildCache?
        return try await render(cache: &none, outputPath: nil, writer: nil).result
    }

    enum Rendered: Sendable {
        case file(OutputFile)
        case staged(OutputWriter.Staged)
    }

    struct Run {
        var result: Result
        /// Output paths left as they are on disk (unchanged inputs, intact files).
        var kept: [String]
        /// Pages and feeds rendered this time (with `kept`, every key).
        var rendered: [String]
        /// Pages already staged in the output folder (when building with a writer), and the
        /// write they belong to.
        var staged: [OutputWriter.Staged]
        var session: OutputWriter.Session?
        /// Cache key of every page and feed of this build.
        var keys: [String: UInt64]
        var newCache: BuildCache
        /// When the first article left out as a future one comes due (seconds since 1970).
        var validUntil: Int64
        /// The new cache's articles differ from the old cache's (whose table it took over):
        /// an entry added, replaced or removed, or no old table to start from.
        var articlesChanged = true
        /// Every kept path was in the output listing the session began with.
        var keptWereListed = false
        /// How many articles the old cache held, when its table was taken over (-1: it was not).
        var previousArticles = -1

        /// Moves out the parts that are large on a large site, for `release`.
        mutating func takeBulk() -> (kept: [String], staged: [OutputWriter.Staged], keys: [String: UInt64], newCache: BuildCache,
                                     session: OutputWriter.Session?) {
            defer { kept = []; staged = []; keys = [:]; newCache = BuildCache(); session = nil }
            return (kept, staged, keys, newCache, session)
        }
    }

    /// Lets go of `value`: freed on another thread, or kept until the process exits when the
    /// options say it exits right after the build.
    func release<T: Sendable>(_ value: consuming T) {
        if options.freesMemory { releaseInBackground(value) } else { leaveToExit(value) }
    }

    /// Everything but files that decides the output, for the manifest: the version, the default
    /// theme the binary carries, the options and the output folder.
    var manifestKey: UInt64 {
        var h = StableHasher()
        h.combine(GazetteInfo.version)
        for file in DefaultTheme.files {
            h.combine(file.path)
            h.combine(file.base64)
        }
        h.combine(options.includeDrafts ? 1 : 0)
        h.combine(options.includeFuture ? 1 : 0)
        h.combine(options.baseURL ?? "")
        h.combine(options.output.standardizedFileURL.path)
        return h.value
    }

    /// Records what a build read and wrote, when nothing changed while it ran.
    /// `known`: stamps of output files taken since the output was committed.
    ///
    /// The inputs recorded are those listed when the build started: one changed, added or
    /// removed while it ran differs from them at the next check, which then builds.
    func saveManifest(_ pending: PendingManifest, output: String, known: [String: FileStamp] = [:]) async {
        let site = options.siteDirectory
        let result = pending.result
        guard let inputsBefore = pending.inputsBefore, SiteManifest.stampsAreSettled(inputsBefore, now: pending.listedAt) else {
            SiteManifest.remove(site: site)
            return
        }
        // Every file of the site: pages and feeds (written or kept), and the other files.
        let files = Array(Set(pending.pages.keys).union(pending.otherFiles))
        guard let outputs = await SiteManifest.outputStamps(files: files, output: output, known: known) else {
            SiteManifest.remove(site: site)
            return
        }
        SiteManifest(optionsKey: manifestKey, inputs: inputsBefore, outputs: outputs, fileCount: files.count,
                     validUntil: pending.validUntil,
                     articleCount: result.articleCount, pageCount: result.pageCount, feedCount: result.feedCount,
                     skippedDrafts: result.skippedDrafts, skippedFuture: result.skippedFuture,
                     warnings: result.warnings).save(site: site)
    }

    /// The output folder's files as listed, with the record of the listing (see
    /// `FolderRecord`) when it is worth saving.
    struct ListedOutput: Sendable {
        var files: [(path: String, stamp: FileStamp?)]
        var recordToSave: FolderRecord?
    }

    /// What the output folder held when the build started: every file, and the stamps of the
    /// regular ones, taken as it was listed. Made into tables, and the record saved, once the
    /// build has moved on from listing and reading the cache, which keep both cores busy, to
    /// work that leaves one free.
    struct OutputListing: Sendable {
        var files: Set<String>
        var stamps: [String: FileStamp]
        var recordToSave: FolderRecord?

        init(_ listed: ListedOutput) {
            self.init(listed.files)
            recordToSave = listed.recordToSave
        }

        init(_ listing: [(path: String, stamp: FileStamp?)]) {
            files = Set(minimumCapacity: listing.count)
            stamps = Dictionary(minimumCapacity: listing.count)
            for (path, stamp) in listing {
                files.insert(path)
                if let stamp { stamps[path] = stamp }
            }
        }
    }

    /// `inputs`: the stamps of the site's files, listed at the start of the build, if they were.
    /// `outputListing`: the files in the output folder, being listed already, if they are.
    /// `cache`: its article table is moved into the new cache (see `Run.articlesChanged`).
    func render(cache previous: inout BuildCache?, outputPath: String?, writer: OutputWriter?, ownership: OutputFolder.Ownership = .new,
                inputs: [String: FileStamp]? = nil, outputListing listedOutput: Task<ListedOutput?, Never>? = nil) async throws -> Run {
        let site = options.siteDirectory
        var clock = PhaseClock()
        var timings: [(phase: String, seconds: Double)] = []
        var config = try SiteConfig.load(from: site)
        if let base = options.baseURL {
            switch SiteConfig.validatedBaseURL(base) {
            case .success(let url): config.baseURL = url
            case .failure(let problem):
                throw BuildFailure([Diagnostic(path: SiteConfig.fileName, message: "--base-url: \(problem.message)")])
            }
        }
        var diagnostics: [Diagnostic] = []
        // The templates are parsed on another core while the articles are loaded and indexed:
        // nothing needs them before the plan.
        let staticLoad = Task { StaticFiles.load(site: site) }
        let themeLoad = Task { () -> Swift.Result<Theme, BuildFailure> in
            do throws(BuildFailure) { return .success(try Theme.load(siteDirectory: site)) } catch { return .failure(error) }
        }

        // load
        var fingerprint = StableHasher()
        fingerprint.combine(GazetteInfo.version)
        fingerprint.combine(config.timeZoneName)
        fingerprint.combine(config.unsafeHTML ? 1 : 0)
        let articleFingerprint = fingerprint.value
        // The old table of articles, moved out of the old cache rather than copied: it becomes
        // the new cache's, with only the entries of articles read again replaced. Building a
        // new table of ten thousand entries (each copied in, its path hashed) was a tenth of a
        // one-article rebuild.
        var table: [String: BuildCache.ArticleEntry] = [:]
        let reusing = previous.map { $0.articleFingerprint == articleFingerprint } ?? false
        if reusing { swap(&table, &previous!.articles) }
        let previousArticles = reusing ? table.count : -1
        // The old output entries, and the tables of the output listing, made on another core
        // while the articles are loaded and indexed.
        let outputTable = previous?.encodedOutputs.map { encoded in Task { encoded.decoded() } }
        let outputListing = listedOutput.map { listed in Task { await listed.value.map(OutputListing.init) } }
        let loader = ContentLoader(siteDirectory: site, config: config)
        let paths = inputs.map { ContentLoader.articlePaths(in: $0.keys) } ?? loader.articlePaths()
        progress?("load", 0, paths.count)
        var loaded = await loader.load(paths, cache: reusing ? table : nil, stamps: inputs)
        var newCache = BuildCache(articleFingerprint: articleFingerprint, outputPath: outputPath ?? "")
        swap(&newCache.articles, &table)
        if reusing { newCache.articles.reserveCapacity(loaded.count) }
        var all: [Article] = []
        all.reserveCapacity(loaded.count)
        var articlesChanged = !reusing
        var entries = 0
        // Without an old table (a first build), every entry is new: they are listed here and
        // hashed into the table on another core while the build indexes and plans on this one.
        var fresh: [(String, BuildCache.ArticleEntry)] = []
        if !reusing { fresh.reserveCapacity(loaded.count) }
        // Read in place and the article moved out: a copy of each file's outcome, then of its
        // article, retained every string of ten thousand articles twice on one core.
        for i in loaded.indices {
            if !loaded[i].diagnostics.isEmpty { diagnostics += loaded[i].diagnostics }
            guard let article = loaded[i].article.take() else {
                if reusing, newCache.articles.removeValue(forKey: loaded[i].path) != nil { articlesChanged = true }
                continue
            }
            guard let stamp = loaded[i].stamp else {
                if reusing, newCache.articles.removeValue(forKey: loaded[i].path) != nil { articlesChanged = true }
                all.append(article)
                continue
            }
            entries += 1
            // Carried over unchanged (read by its stamp from this very table): its entry is
            // there as it was, and its bytes are written back as they are; no new entry is made
            // (making one copied the article, every string of it retained and then released,
            // for each of ten thousand on one core). A first build's entries take the bytes
            // their articles were encoded to as they were read; a rebuild's new ones go without,
            // as an entry with bytes counts as carried over (see `BuildCache.isWorthWriting`).
            if !reusing {
                fresh.append((loaded[i].path, BuildCache.ArticleEntry(
                    stamp: stamp, contentHash: loaded[i].contentHash, article: article, emptyBody: loaded[i].emptyBody,
                    encoded: loaded[i].entryBytes.take().map { $0[...] })))
            } else if loaded[i].encoded == nil {
                if !loaded[i].reused, let old = newCache.articles[loaded[i].path]?.article {
                    let before = Article.routePath(date: old.date, slug: old.slug)
                    let now = Article.routePath(date: article.date, slug: article.slug)
                    if before != now {
                        diagnostics.append(.warning(path: loaded[i].path,
                            "its address changed from /\(before) to /\(now) since the last build: links to the old one will fail and "
                            + "feed readers will show it as a new story; to keep the old address, set 'slug: \(old.slug)' (and keep its date)"))
                    }
                }
                newCache.articles[loaded[i].path] = BuildCache.ArticleEntry(
                    stamp: stamp, contentHash: loaded[i].contentHash, article: article, emptyBody: loaded[i].emptyBody,
                    encoded: nil)
                articlesChanged = true
            }
            all.append(article)
        }
        let freshTable = fresh.isEmpty ? nil : Task { [fresh] in
            Dictionary(fresh, uniquingKeysWith: { first, _ in first })
        }
        // The task's copy is the last: the list is freed there, on the other core.
        fresh = []
        // Entries of articles gone from the site.
        if reusing, newCache.articles.count != entries {
            let present = Set(loaded.lazy.filter { $0.stamp != nil }.map(\.path))
            newCache.articles = newCache.articles.filter { present.contains($0.key) }
            articlesChanged = true
        }
        release(loaded)
        timings.append(("load", clock.lap()))
        let now = Timestamp(options.now, in: config.timeZone)
        var skippedDrafts = 0, skippedFuture = 0
        var validUntil = Int64.max
        // Filtered only when something is left out: a filter copies every article.
        let leavesOut = all.indices.contains { i in
            (all[i].draft && !options.includeDrafts) || (all[i].date > now && !options.includeFuture)
        }
        // Handed to the index, not copied: it puts them in order by swapping in place.
        var articles = consume all
        if leavesOut {
            articles = articles.filter { article in
                if article.draft && !options.includeDrafts { skippedDrafts += 1; return false }
                if article.date > now && !options.includeFuture {
                    skippedFuture += 1
                    validUntil = min(validUntil, article.date.seconds)
                    return false
                }
                return true
            }
        }

        // index
        var index = SiteIndex(articles: consume articles)
        diagnostics += index.diagnostics
        timings.append(("index", clock.lap()))
        var theme: Theme?
        switch await themeLoad.value {
        case .success(let loaded): theme = loaded
        // Reported first, as when the templates were read before the articles.
        case .failure(let failure): diagnostics.insert(contentsOf: failure.diagnostics, at: 0)
        }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let theme else { throw BuildFailure(diagnostics) }
        // Only a build that will succeed opens the output folder (creating it if need be).
        let listing = await outputListing?.value
        let recordSave = listing?.recordToSave.map { record in Task { record.save(site: site) } }
        let session = try writer?.begin(listing: listing?.files, ownership: ownership, force: options.force)
        let listedStamps = listing?.stamps
        let keptWereListed = listedStamps != nil
        if let outputTable { previous?.decodeOutputs(await outputTable.value) }
        let cache = previous
        if session != nil { timings.append(("open output", clock.lap())) }

        // plan: every page, and which of them the output already holds as they would render.
        let pages = PagePlanner.plan(index, config: config)
        let keys = CacheKeys(index: index, config: config, theme: theme, baseURLOverride: options.baseURL)
        // Sized for every page and feed and the sitemap: grown from empty, the table of keys
        // was rehashed a dozen times on the build's one thread.
        let outputCount = pages.count + index.categories.count + 2
        var pageKeys: [String: UInt64] = Dictionary(minimumCapacity: outputCount)
        var kept: [String] = []
        kept.reserveCapacity(outputCount)
        var renderedPaths: [String] = []
        /// Records the key of an output file; true when it must be rendered again.
        func needsRendering(_ path: String, _ key: UInt64, intact: Bool) -> Bool {
            pageKeys[path] = key
            if intact { kept.append(path) } else { renderedPaths.append(path) }
            return !intact
        }
        // Keys and file stamps of twelve thousand pages: worth both cores.
        let pageStates = await parallelMap(pages) { page -> (key: UInt64, intact: Bool) in
            let key = keys.key(for: page)
            return (key, outputPath.map { Self.isIntact(page.outputPath, key: key, cache: cache, outputPath: $0, listed: listedStamps) } ?? false)
        }
        let toRender = zip(pages, pageStates).filter { needsRendering($0.outputPath, $1.key, intact: $1.intact) }.map(\.0)
        let feeds = Self.feeds(index, config: config)
        let statics = await staticLoad.value
        diagnostics += statics.warnings
        // A file of static/ never takes the place of one the site makes.
        let made = Set(pages.map(\.outputPath) + feeds.map(\.path) + [Self.sitemapPath, "robots.txt"] + theme.assets.map(\.path))
        let clashes = statics.files.filter { made.contains($0.path) }.map { file in
            Diagnostic(path: FileSystem.join(StaticFiles.folder, file.path),
                       message: "would replace /\(file.path), which Gazette writes itself; give the file another name")
        }
        if !clashes.isEmpty { throw BuildFailure(clashes) }
        let feedsToRender = feeds.filter { feed in
            let key = keys.key(forFeed: feed)
            let intact = outputPath.map { Self.isIntact(feed.path, key: key, cache: cache, outputPath: $0, listed: listedStamps) } ?? false
            return needsRendering(feed.path, key, intact: intact)
        }
        let sitemapKey = keys.key(forSitemap: pages)
        let sitemapIntact = outputPath.map {
            Self.isIntact(Self.sitemapPath, key: sitemapKey, cache: cache, outputPath: $0, listed: listedStamps)
        } ?? false
        let renderSitemap = needsRendering(Self.sitemapPath, sitemapKey, intact: sitemapIntact)
        await Self.renderPendingBodies(of: &index, for: toRender, feeds: feedsToRender, loader: loader)
        timings.append(("plan", clock.lap()))

        // render; the feeds and the sitemap alongside, on whichever core is free.
        progress?("render", 0, toRender.count)
        let feedPaths = Set(feedsToRender.map(\.path))
        let renderedFeeds = Self.feeds(index, config: config).filter { feedPaths.contains($0.path) }
        let feedConfig = config
        let finishedIndex = index
        let otherFiles = Task {
            // The sitemap first: made after the feeds, it waited behind every chunk of pages
            // and was left for one core at the end while the other had nothing to do.
            let sitemap = renderSitemap
                ? OutputFile(path: Self.sitemapPath, text: Self.sitemap(pages, index: finishedIndex, config: feedConfig)) : nil
            var files = await parallelMap(renderedFeeds, chunkSize: 1) { feed in
                OutputFile(path: feed.path, text: feed.feed.render(config: feedConfig))
            }
            if let sitemap { files.append(sitemap) }
            return files
        }
        let pageContext = PageContext(index: index, config: config)
        let library = theme.library
        let fragments = PageRenderer.fragments(for: toRender, context: pageContext, library: library)
        // Weighed by the articles a page lists: the archive pages of a year or a month are
        // rendered first, not last on one core.
        let perPage = config.perPage
        let rendered = await parallelMapChunks(toRender, weight: { page in
            switch page.kind {
            case .archive(let granularity, let i): finishedIndex.archives(granularity)[i].articles.count
            case .home, .category: perPage
            case .article, .notFound: 1
            }
        }) { pages -> [Rendered] in
            var chunkRenderer = PageRenderer(context: pageContext, library: library, fragments: fragments)
            var folders = Set<String>()
            return pages.map { page in
                let file = chunkRenderer.render(page)
                if let session { return .staged(session.stage(file, knownFolders: &folders)) }
                return .file(file)
            }
        }
        var files: [OutputFile] = []
        var staged: [OutputWriter.Staged] = []
        for item in rendered {
            switch item {
            case .file(let file): files.append(file)
            case .staged(let s): staged.append(s)
            }
        }
        timings.append(("render", clock.lap()))
        files += await otherFiles.value
        files.append(OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\n\nSitemap: \(config.absoluteURL(Self.sitemapPath))\n"))
        for asset in theme.assets { files.append(OutputFile(path: asset.path, bytes: asset.bytes)) }
        files += statics.files
        files.sort { $0.path < $1.path }
        timings.append(("feeds", clock.lap()))
        var result = Result(articleCount: index.articles.count, pageCount: pages.count, feedCount: feeds.count,
                            files: files, warnings: diagnostics.filter { $0.severity == .warning }.sorted(),
                            report: nil, skippedDrafts: skippedDrafts, skippedFuture: skippedFuture, timings: timings)
        result.articlesParsed = loaded.reduce(0) { $0 + ($1.reused ? 0 : 1) }
        result.pagesRendered = toRender.count
        release((consume loaded, consume keys, consume pageContext, consume pageStates, consume index, consume pages, listing, listedStamps))
        if let freshTable { newCache.articles = await freshTable.value }
        await recordSave?.value
        return Run(result: result, kept: kept, rendered: renderedPaths, staged: staged, session: session, keys: pageKeys, newCache: newCache,
                   validUntil: validUntil, articlesChanged: articlesChanged, keptWereListed: keptWereListed,
                   previousArticles: previousArticles)
    }

    /// Articles taken from the cache carry no body HTML; render it again for those that a page
    /// or feed about to be rendered shows.
    static func renderPendingBodies(of index: inout SiteIndex, for pages: [Page], feeds: [Feed], loader: ContentLoader) async {
        var needed = Set<Int>()
        for page in pages { if case .article(let i) = page.kind { needed.insert(i) } }
        let feedPaths = Set(feeds.flatMap { $0.feed.articles.map(\.path) })
        // By index: enumerating the articles copied each one (a retain for each of its strings).
        for i in index.articles.indices where feedPaths.contains(index.articles[i].path) { needed.insert(i) }
        let pending = needed.filter { index.articles[$0].htmlIsPending }.sorted()
        let rendered = await parallelMap(pending.map { index.articles[$0] }) { loader.renderBody(of: $0) }
        for (i, article) in zip(pending, rendered) { index.articles[i] = article }
    }

    /// The output file is there as the cache last saw it, and was rendered from the same inputs.
    /// `listed`: the stamps the output listing took at the start of the build, when there is one.
    static func isIntact(_ path: String, key: UInt64, cache: BuildCache?, outputPath: String,
                         listed: [String: FileStamp]? = nil) -> Bool {
        guard let cache, cache.outputPath == outputPath, let entry = cache.outputs[path], entry.key == key else { return false }
        if let listed { return listed[path] == entry.stamp }
        return FileStamp(path: FileSystem.join(outputPath, path)) == entry.stamp
    }

    static let sitemapPath = "sitemap.xml"

    struct Feed: Sendable {
        var path: String
        var feed: RSSFeed
    }

    static func feeds(_ index: SiteIndex, config: SiteConfig) -> [Feed] {
        var feeds: [Feed] = []
        feeds.append(Feed(path: Route.siteFeed, feed: RSSFeed(
            title: config.title, description: config.description, link: config.baseURL,
            selfURL: config.absoluteURL(Route.siteFeed), language: config.language,
            articles: Array(index.articles.prefix(config.feedItems)))))
        for category in index.categories {
            feeds.append(Feed(path: Route.categoryFeed(category.slug), feed: RSSFeed(
                title: "\(config.title): \(category.name)", description: config.description,
                link: config.absoluteURL(Route.category(category.slug)),
                selfURL: config.absoluteURL(Route.categoryFeed(category.slug)), language: config.language,
                articles: category.articles.prefix(config.feedItems).map { index.articles[$0] })))
        }
        return feeds
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
}
