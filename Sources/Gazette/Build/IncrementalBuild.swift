import Foundation

/// Every decision the build cache and the manifest take part in, kept in front of the phases:
/// whether anything changed at all, which articles need reading, which outputs need rendering,
/// and what the next build should know. The phases themselves see no stamps and no cache.
///
/// Without the cache (`--no-cache`, or `Builder.render()`) it decides that every article is read
/// and every output rendered. Whatever it decides, the output is the same byte for byte: the
/// cache only spares work.
struct IncrementalBuild: ~Copyable {
    let options: Builder.Options
    /// The output folder's path, as the cache and the manifest name it.
    let output: String
    let ownership: OutputFolder.Ownership
    /// The stamps of the site's inputs, taken before anything was read: a file changed during
    /// the build differs from them at the next check, which then builds again.
    let inputs: [String: FileStamp]?
    /// When the inputs were listed: stamps are trusted only once the clock has moved past them.
    let listedAt: Date
    /// What a build that finds nothing to do reports.
    private(set) var unchanged: Builder.Result?
    /// Things worth saying that are not problems with the site (an unusable cache).
    private(set) var notes: [String] = []

    /// The cache as the last build left it; its article table moves into `next` as the
    /// articles are loaded.
    private var previous: BuildCache?
    /// The cache this build leaves.
    private var next: BuildCache
    /// How many entries the cache file held, when this build started from it.
    private var fileCounts: (articles: Int, outputs: Int)?
    /// The new cache's articles are the old file's, unchanged.
    private var articlesUnchanged = false
    private var outputListing: Task<ListedOutput?, Never>?
    private var outputTable: Task<[String: BuildCache.OutputEntry], Never>?
    private let lock: CacheLock?
    /// `optionsKey(options, output:)`, which the manifest is checked and saved with.
    private let optionsKey: UInt64
    private let memory: Builder.Memory?

    /// The output folder's files as listed while the articles were read, with the record of the
    /// listing (see `FolderRecord`) when it is worth saving.
    struct ListedOutput: Sendable {
        var files: Set<String>
        var stamps: [String: FileStamp]
        var recordToSave: FolderRecord?
    }

    /// Checks the output folder, takes the cache lock, and finds out whether the site changed
    /// since the last build; when it did not, `unchanged` holds the result and nothing more is
    /// to be done. `memory`: the cache a previous build of this process left (`gazette serve`).
    init(options: Builder.Options, memory: Builder.Memory?) async throws {
        self.options = options
        self.memory = memory
        // Before the cache's lock creates .gazette/: a folder that is not a site is left as it is.
        try SiteConfig.requireSite(options.siteDirectory)
        ownership = try OutputFolder.check(output: options.output, site: options.siteDirectory, force: options.force)
        output = options.output.standardizedFileURL.path
        optionsKey = Self.optionsKey(options, output: output)
        let site = options.siteDirectory
        let useCache = options.useCache
        lock = useCache ? CacheLock(site: site) : nil
        listedAt = Date()
        next = BuildCache()
        guard useCache else {
            inputs = nil
            outputListing = Self.listOutput(output, site: site, useCache: false)
            return
        }
        // Decoded on another core while the inputs are listed and the manifest checked, once a
        // build is known to be needed; with no manifest (the last build saw a file change as it
        // ran), it is needed whatever the inputs are.
        var decoding: Task<Result<BuildCache?, BuildCache.Invalid>, Never>?
        func decode() -> Task<Result<BuildCache?, BuildCache.Invalid>, Never>? {
            guard memory == nil else { return nil }
            return Task {
                do throws(BuildCache.Invalid) { return .success(try BuildCache.load(from: site)) } catch { return .failure(error) }
            }
        }
        let hasManifest = FileSystem.kind(SiteManifest.path(site: site)) == .file
        let manifestLoad = hasManifest ? Task { SiteManifest.load(site: site) } : nil
        if !hasManifest {
            decoding = decode()
            outputListing = Self.listOutput(output, site: site, useCache: true)
        }
        let inputs = await SiteManifest.currentInputs(site: site.path)
        self.inputs = inputs
        let manifest = await manifestLoad?.value
        if let inputs, let manifest, manifest.inputsMatch(inputs, optionsKey: optionsKey, now: options.now) {
            if await manifest.outputsMatch(output: output) {
                unchanged = manifest.result(seconds: Date().timeIntervalSince(listedAt))
                return
            }
        }
        if decoding == nil { decoding = decode() }
        if outputListing == nil { outputListing = Self.listOutput(output, site: site, useCache: true) }
        if let memory {
            previous = memory.cache
        } else if let decoding {
            switch await decoding.value {
            case .success(let decoded): previous = decoded
            case .failure(let error): notes.append("note: \(error); building without it")
            }
        }
    }

    /// Lists the output folder on another core: only the folders changed since the last listing
    /// are read (see `FolderRecord`).
    private static func listOutput(_ output: String, site: URL, useCache: Bool) -> Task<ListedOutput?, Never> {
        Task {
            guard FileSystem.kind(output) == .directory else { return nil }
            let listed: [(path: String, stamp: FileStamp?)]
            var record: FolderRecord?
            if useCache {
                let found = await FileSystem.listFilesWithStamps(output, record: FolderRecord.load(site: site, output: output), now: Date())
                listed = found.files
                // A record of folders all changed a moment ago trusts nothing yet: not worth a write.
                if found.changed && found.record.folders.contains(where: \.settled) { record = found.record }
            } else {
                listed = FileSystem.listFilesWithStamps(output)
            }
            var files = Set<String>(minimumCapacity: listed.count)
            var stamps = [String: FileStamp](minimumCapacity: listed.count)
            for (path, stamp) in listed {
                files.insert(path)
                if let stamp { stamps[path] = stamp }
            }
            return ListedOutput(files: files, stamps: stamps, recordToSave: record)
        }
    }

    /// Everything but files that decides the output: the version, the default theme the binary
    /// carries, the options and the output folder.
    static func optionsKey(_ options: Builder.Options, output: String) -> UInt64 {
        var h = StableHasher()
        h.combine(GazetteInfo.version)
        for file in DefaultTheme.files {
            h.combine(file.path)
            h.combine(file.base64)
        }
        h.combine(options.includeDrafts ? 1 : 0)
        h.combine(options.includeFuture ? 1 : 0)
        h.combine(options.baseURL ?? "")
        h.combine(options.fileLinks ? 1 : 0)
        h.combine(output)
        return h.value
    }

    // MARK: Load

    /// The paths of the site's articles: from the input listing when there is one.
    func articlePaths(_ loader: ContentLoader) -> [String] {
        inputs.map { ContentLoader.articlePaths(in: $0.keys) } ?? loader.articlePaths()
    }

    /// The articles the last build read, by path, when they were read the way this build reads
    /// them (same time zone, same Markdown settings): a file whose stamp is unchanged is not read
    /// again. Moved out of the old cache into the new one.
    mutating func knownArticles(config: SiteConfig) -> [String: BuildCache.ArticleEntry]? {
        let fingerprint = Self.articleFingerprint(config)
        next = BuildCache(articleFingerprint: fingerprint, outputPath: output)
        guard var old = previous.take(), old.articleFingerprint == fingerprint else { return nil }
        if memory == nil { fileCounts = (old.articles.count, old.outputCount) }
        swap(&next.articles, &old.articles)
        // The output entries are needed once the pages are planned: decoded meanwhile.
        if let encoded = old.encodedOutputs { outputTable = Task { encoded.decoded() } }
        previous = old
        return next.articles
    }

    /// What parsing and Markdown depend on: a change reads every article again.
    static func articleFingerprint(_ config: SiteConfig) -> UInt64 {
        var h = StableHasher()
        h.combine(GazetteInfo.version)
        h.combine(config.timeZoneName)
        h.combine(config.unsafeHTML ? 1 : 0)
        // Articles' and categories' slugs are made as they are read.
        h.combine(config.slugStyle == .ascii ? 1 : 0)
        return h.value
    }

    /// Remembers what the loader found; returns warnings about articles whose address changed
    /// since the last build.
    mutating func remember(_ loaded: [ContentLoader.LoadedFile]) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        var changed = fileCounts == nil
        var present = 0
        // By index, read in place: a file bound out of the array would be copied, every
        // reference it holds retained.
        for i in loaded.indices {
            guard let stamp = loaded[i].stamp, let cached = loaded[i].cached else {
                if next.articles.removeValue(forKey: loaded[i].path) != nil { changed = true }
                continue
            }
            present += 1
            // Read from the cache by its stamp: the entry stays as it is.
            if loaded[i].unchanged { continue }
            let path = loaded[i].path
            if !loaded[i].reused, let old = next.articles[path]?.article.head {
                let before = Route.article(old), now = Route.article(cached.head)
                if before != now {
                    warnings.append(
                        .warning(
                            path: path,
                            "its address changed from /\(before.path) to /\(now.path) since the last build: links to the old one will fail and "
                                + "feed readers will show it as a new story; to keep the old address, set 'slug: \(old.slug)' (and keep its date)"
                        ))
                }
            }
            next.articles[path] = BuildCache.ArticleEntry(
                stamp: stamp, contentHash: loaded[i].contentHash, emptyBody: loaded[i].emptyBody,
                warnings: loaded[i].fileWarnings, article: cached)
            changed = true
        }
        // Entries of articles gone from the site.
        if next.articles.count != present {
            let paths = Set(loaded.lazy.filter { $0.stamp != nil && $0.cached != nil }.map(\.path))
            next.articles = next.articles.filter { paths.contains($0.key) }
            changed = true
        }
        articlesUnchanged = !changed
        return warnings
    }

    // MARK: Select

    /// What this build must render, and what the output holds already.
    struct Work: Sendable {
        var pages: [Page]
        var feeds: [Feed]
        var sitemaps: [SitemapPlan.File]
        /// Output paths left as they are: rendered from the same inputs, and intact on disk.
        var kept: [String]
        /// Output paths of the pages, feeds and sitemap to render (with `kept`, every key).
        var rendered: [String] = []
        /// The cache key of every page, feed and the sitemap.
        var keys: [String: UInt64]
        /// Every kept path was in the output listing the write began with.
        var keptWereListed: Bool
    }

    /// Opens the output folder for writing (creating it if need be); call once the build is
    /// known to succeed.
    mutating func openOutput() async throws -> OutputWriter.Session {
        let listing = await outputListing?.value
        outputListing = nil
        if let record = listing?.recordToSave {
            let site = options.siteDirectory
            recordSave = Task { record.save(site: site) }
        }
        listedStamps = listing?.stamps
        return try OutputWriter(directory: options.output).begin(listing: listing?.files, ownership: ownership, force: options.force)
    }

    private var listedStamps: [String: FileStamp]?
    private var recordSave: Task<Void, Never>?

    /// Of the site's pages, feeds and sitemap, those whose file is missing, changed on disk, or
    /// rendered from other inputs.
    mutating func select(pages: [Page], feeds: [Feed], sitemap: SitemapPlan, keys: CacheKeys) async -> Work {
        previous?.decodeOutputs(await outputTable?.value)
        outputTable = nil
        let outputs = previous?.outputPath == output ? previous?.outputs : nil
        let stamps = listedStamps
        let base = output
        @Sendable func intact(_ path: String, _ key: UInt64) -> Bool {
            guard let entry = outputs?[path], entry.key == key else { return false }
            if let stamps { return stamps[path] == entry.stamp }
            return FileStamp(path: FileSystem.join(base, path)) == entry.stamp
        }
        var work = Work(
            pages: [], feeds: [], sitemaps: [], kept: [], keys: Dictionary(minimumCapacity: pages.count + feeds.count + 1),
            keptWereListed: stamps != nil)
        work.kept.reserveCapacity(pages.count + feeds.count + 1)
        // Keys and stamps of ten thousand pages: both cores.
        let states = await parallelMap(pages) { page -> (UInt64, Bool) in
            let key = keys.key(for: page)
            return (key, intact(page.outputPath, key))
        }
        func record(_ path: String, _ key: UInt64, intact: Bool) {
            work.keys[path] = key
            if intact { work.kept.append(path) } else { work.rendered.append(path) }
        }
        for (page, (key, isIntact)) in zip(pages, states) {
            record(page.outputPath, key, intact: isIntact)
            if !isIntact { work.pages.append(page) }
        }
        for feed in feeds {
            let key = keys.key(for: feed)
            let isIntact = intact(feed.route.outputPath, key)
            record(feed.route.outputPath, key, intact: isIntact)
            if !isIntact { work.feeds.append(feed) }
        }
        for file in sitemap.files {
            let key = sitemap.key(for: file, keys: keys)
            let isIntact = intact(file.route.outputPath, key)
            record(file.route.outputPath, key, intact: isIntact)
            if !isIntact { work.sitemaps.append(file) }
        }
        return work
    }

    // MARK: Finish

    /// Records what the build wrote, for the next one: the output entries, the cache and the
    /// manifest. With `deferringWrites`, the cache and the manifest are not written but left in
    /// the returned memory for `Builder.writeDeferred(_:)`.
    consuming func finish(
        _ work: Work, staged: [OutputWriter.Staged], otherFiles: [String], result: Builder.Result,
        validUntil: Int64, deferringWrites: Bool
    ) async -> (notes: [String], memory: Builder.Memory?) {
        await recordSave?.value
        var notes = self.notes
        // Moved out of the old cache, not copied: only the entries of the pages rendered change.
        var outputs: [String: BuildCache.OutputEntry] = [:]
        if previous?.outputPath == output { swap(&outputs, &previous!.outputs) }
        release((previous.take(), listedStamps.take()))
        guard options.useCache else {
            release((outputs, takeNext()))
            return (notes, nil)
        }
        let nothingNew = articlesUnchanged && work.rendered.isEmpty && outputs.count == work.keys.count
        if !nothingNew {
            // The pages kept keep their entries; those rendered get new ones, stamped as they
            // were written or compared.
            var stamps: [String: FileStamp] = Dictionary(minimumCapacity: staged.count)
            for s in staged { if let stamp = s.stamp { stamps[s.path] = stamp } }
            for path in work.rendered {
                let stamp = stamps[path] ?? FileStamp(path: FileSystem.join(output, path))
                outputs[path] = stamp.map { BuildCache.OutputEntry(key: work.keys[path] ?? 0, stamp: $0) }
            }
            if outputs.count != work.keys.count { outputs = outputs.filter { work.keys[$0.key] != nil } }
            next.distrustRecentStamps(now: listedAt)
        }
        next.outputs = outputs
        var summary = result
        summary.files = []
        let pending = SiteManifest.Pending(
            inputs: inputs, listedAt: listedAt, files: Array(work.keys.keys) + otherFiles,
            result: summary, validUntil: validUntil, optionsKey: optionsKey)
        let worthWriting = !nothingNew && (memory != nil || next.isWorthWriting(over: fileCounts))
        if deferringWrites {
            return (notes, Builder.Memory(cache: takeNext(), pendingWrite: worthWriting, pendingManifest: pending))
        }
        let site = options.siteDirectory
        let target = output
        let entries = next.outputs
        let manifestWrite = Task { await pending.save(site: site, output: target, known: entries) }
        if worthWriting {
            do { try next.save(to: site) } catch { notes.append("note: \(error)") }
        }
        await manifestWrite.value
        let cache = takeNext()
        let keepsMemory = memory != nil
        let frees = options.freesMemory
        _ = consume lock
        guard keepsMemory else {
            Gazette.release(cache, freeing: frees)
            return (notes, nil)
        }
        return (notes, Builder.Memory(cache: cache, pendingWrite: false, pendingManifest: nil))
    }

    /// The new cache, moved out.
    private mutating func takeNext() -> BuildCache {
        var cache = BuildCache()
        swap(&cache, &next)
        return cache
    }

    private func release<T: Sendable>(_ value: consuming T) {
        Gazette.release(value, freeing: options.freesMemory)
    }
}
