import Foundation

/// `gazette import`: reads captures, pages and feeds, and writes each article as
/// `content/YYYY/MM/DD/<slug>.md` in a site.
///
/// Phases: find the input files → read and convert them (in parallel) → write, one by one, in the
/// order of the inputs. Writing is idempotent: an article already imported and unchanged is left
/// alone, a file a person has edited since it was imported is never overwritten, and two articles
/// that would share a file name both get one.
public struct Importer: Sendable {
    public struct Options: Sendable {
        public var siteDirectory: URL
        /// Every article's category; what the input says becomes a tag. nil: the input's own, else `defaultCategory`.
        public var category: String?
        /// Overrides site.yml's `timezone`.
        public var timeZone: TimeZone?
        /// Report what would be written, and write nothing.
        public var dryRun = false
        /// Every article's outlet (`source:`), whatever the input says.
        public var source: String?
        /// The time of import: the date of a feed item that has none, when its feed has none either.
        public var now = Date()

        public init(siteDirectory: URL) {
            self.siteDirectory = siteDirectory
        }
    }

    /// For articles whose input names no category.
    public static let defaultCategory = "Uncategorized"

    public struct Report: Sendable, Hashable {
        public enum Event: Sendable, Hashable {
            /// A file written (or that would be, in a dry run); site-relative.
            case written(String)
            case unchanged(String)
            /// A file a person edited since it was imported: left as it is.
            case keptEdited(String)
            /// The same article (by its normalised address) already imported from another outlet's
            /// feed, as the file named.
            case duplicate(title: String, of: String)
            /// An input, or one item of it, that could not be imported.
            case failed(input: String, reason: String)
            case warning(input: String, reason: String)
        }

        public var events: [Event] = []

        public var written: [String] { events.compactMap { if case .written(let p) = $0 { p } else { nil } } }
        public var unchangedCount: Int { events.filter { if case .unchanged = $0 { true } else { false } }.count }
        public var keptEditedCount: Int { events.filter { if case .keptEdited = $0 { true } else { false } }.count }
        public var duplicateCount: Int { events.filter { if case .duplicate = $0 { true } else { false } }.count }
        public var failedCount: Int { events.filter { if case .failed = $0 { true } else { false } }.count }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Imports `inputs` (files or folders, as the user named them).
    public func run(_ inputs: [String]) async throws(BuildFailure) -> Report {
        let config = try SiteConfig.load(from: options.siteDirectory)
        let zone = options.timeZone ?? config.timeZone
        var report = Report()

        // find
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                report.events.append(.failed(input: input, reason: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                files += Self.files(under: input)
            } else {
                files.append(input)
            }
        }

        // read
        let reader = ArticleReader(
            timeZone: zone, dropPatterns: config.importDropLines, sourceNames: Self.sourceNames(site: options.siteDirectory),
            now: options.now)
        let outcomes = await parallelMap(files, chunkSize: 4) { path in reader.read(path: path) }

        // write
        var store = await ArticleStore(
            siteDirectory: options.siteDirectory, writer: ArticleWriter(timeZone: zone), siteZone: config.timeZone,
            slugStyle: config.slugStyle,
            dryRun: options.dryRun)
        defer { store.finish() }
        await store.prepare(for: outcomes.flatMap { (try? $0.get())?.articles.map(\.date.seconds) ?? [] })
        for (path, outcome) in zip(files, outcomes) {
            switch outcome {
            case .failure(let error):
                // `path:line:1`, as compilers name a place, when the problem is on a line.
                report.events.append(.failed(input: error.line.map { "\(path):\($0):1" } ?? path, reason: error.message))
            case .success(let read):
                for problem in read.problems { report.events.append(.failed(input: path, reason: problem)) }
                for warning in read.warnings { report.events.append(.warning(input: path, reason: warning)) }
                for var article in read.articles {
                    if let source = options.source { article.source = source }
                    do {
                        report.events.append(try store.save(article, category: options.category))
                    } catch {
                        report.events.append(.failed(input: path, reason: error.message))
                    }
                }
            }
        }
        return report
    }

    /// The outlets of `sources.yml` by the normalised address of their feeds (see
    /// `sourceNames(of:)`). A list that cannot be read names none: it is `gazette fetch`'s to
    /// report.
    static func sourceNames(site: URL) -> [String: String] {
        let path = site.appendingPathComponent(SourceList.fileName).path
        guard FileSystem.kind(path) != .missing, let sources = try? SourceList.load(path: path) else { return [:] }
        return sourceNames(of: sources)
    }

    /// The outlets of a list of sources by the normalised address of their feeds, the first
    /// for an address listed twice: a feed that gives one of these as its own address is
    /// named as the list names it.
    public static func sourceNames(of sources: [FetchSource]) -> [String: String] {
        var names: [String: String] = [:]
        for source in sources {
            let key = ArticleIdentity.normalizedURL(source.url)
            if names[key] == nil { names[key] = source.name }
        }
        return names
    }

    /// Every file under `folder`, sorted, skipping hidden files and folders. A folder reached twice
    /// through symbolic links is read once, so that a link loop cannot trap the walk.
    static func files(under folder: String) -> [String] {
        var visited = Set<String>()
        var found: [String] = []
        func walk(_ folder: String) {
            guard visited.insert(URL(fileURLWithPath: folder).resolvingSymlinksInPath().path).inserted,
                let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
            else { return }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue { walk(path) } else { found.append(path) }
            }
        }
        walk(folder)
        return found
    }
}

/// Reads one input file into articles, whatever its format.
struct ArticleReader: Sendable {
    var timeZone: TimeZone
    var dropPatterns: [String]
    /// See `FeedReader.sourceNames`.
    var sourceNames: [String: String] = [:]
    var now = Date()

    struct Output: Sendable {
        var articles: [ImportedArticle] = []
        var problems: [String] = []
        var warnings: [String] = []
    }

    func read(path: String) -> Result<Output, ImportError> {
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(ImportError("cannot read the file")) }
        return Result { () throws(ImportError) -> Output in try read(bytes: [UInt8](data)) }
    }

    func read(bytes: [UInt8]) throws(ImportError) -> Output {
        let format = try ImportFormat.detect(bytes)
        var output = Output()
        switch format {
        case .capture:
            let text = String(decoding: bytes, as: UTF8.self)
            output.articles = [try CaptureReader(timeZone: timeZone, extraDropPatterns: dropPatterns).read(text)]
        case .htmlPage:
            // Valid UTF-8 is almost surely UTF-8; otherwise the page's <meta charset> decides.
            let encoding = firstInvalidUTF8Offset(in: bytes) == nil ? "UTF-8" : nil
            guard let page = LibXML.parseHTML(bytes, encoding: encoding) else { throw ImportError("cannot parse the HTML page") }
            output.articles = [try HTMLPageReader(timeZone: timeZone).read(page)]
        case .rss2, .rss1, .atom:
            let root: MarkupNode
            do {
                root = try LibXML.parseXML(bytes)
            } catch {
                throw ImportError("not well-formed XML\(error.line > 0 ? " (line \(error.line))" : ""): \(error.message)")
            }
            let result = try FeedReader(timeZone: timeZone, sourceNames: sourceNames, now: now).read(root, format: format)
            output.articles = result.articles
            output.problems = result.problems
            output.warnings = result.warnings
            if result.articles.isEmpty && result.problems.isEmpty { output.warnings.append("the \(format.rawValue) feed has no items") }
        }
        return output
    }
}

/// The site's imported articles by identity, and the writing of new ones.
struct ArticleStore: Sendable {
    var siteDirectory: URL
    var writer: ArticleWriter
    var siteZone: TimeZone
    /// site.yml's `ascii_slugs`: for new files' names, and the story keys read from existing ones.
    var slugStyle: Slug.Style
    var dryRun: Bool
    /// Identity → site-relative path, of files on disk (and, in a dry run, of files it would write).
    private var byIdentity: [String: String] = [:]
    /// Text of files planned in a dry run, by path.
    private var planned: [String: String] = [:]
    /// The site's articles and those written since, for telling which story a new one tells;
    /// filled day by day from `index`, as new articles need them.
    private var stories = StoryIndex()
    /// What the site's articles were at the start of the run (see `ImportIndex`).
    private var index = ImportIndex()
    /// The site's articles by date (then path), and which of them are in `stories` so far:
    /// only those within the matcher's window of a new article are ever read.
    private var timeline: [(time: Int64, path: String)] = []
    private var loaded: [Bool] = []

    /// Reads the site's articles: from the import index where a file's stamp is unchanged,
    /// from the file (on every core) where it is new or changed.
    /// `siteZone`: site.yml's zone, in which the build reads dates and gives addresses (story
    /// keys are addresses); `writer`'s may differ (`import --timezone`).
    init(siteDirectory: URL, writer: ArticleWriter, siteZone: TimeZone, slugStyle: Slug.Style, dryRun: Bool) async {
        self.siteDirectory = siteDirectory
        self.slugStyle = slugStyle
        self.writer = writer
        self.siteZone = siteZone
        self.dryRun = dryRun
        let paths = ContentLoader(siteDirectory: siteDirectory, config: SiteConfig()).articlePaths()
        let stamps = await FileSystem.stampsWithFolders(paths, below: siteDirectory.path)
        let saved = ImportIndex.load(site: siteDirectory, zone: siteZone, slugStyle: slugStyle)
        var stale: [(path: String, stamp: FileStamp)] = []
        for (path, stamp) in zip(paths, stamps) {
            guard let stamp else { continue }
            if let entry = saved.entries[path], entry.stamp == stamp {
                index.entries[path] = entry
            } else {
                stale.append((path, stamp))
            }
        }
        let site = siteDirectory.path
        let zone = siteZone
        let style = slugStyle
        index.zone = ImportIndex.reading(zone: siteZone, slugStyle: slugStyle)
        let read = await parallelMap(stale, chunkSize: 16) { path, stamp in
            (path, Self.entry(for: path, stamp: stamp, site: site, timeZone: zone, slugStyle: style))
        }
        for (path, entry) in read { if let entry { index.entries[path] = entry } }
        index.order = paths.sorted()
        for path in index.order {
            guard let entry = index.entries[path] else { continue }
            if let id = entry.identity, byIdentity[id] == nil { byIdentity[id] = path }
            if let time = entry.time { timeline.append((time, path)) }
        }
        timeline.sort { $0.time != $1.time ? $0.time < $1.time : $0.path < $1.path }
        loaded = [Bool](repeating: false, count: timeline.count)
    }

    /// The places in `timeline` of the articles dated within `reach` seconds of `time`.
    private func window(around time: Int64, reach: Int64) -> Range<Int> {
        func first(atLeast t: Int64) -> Int {
            var low = 0, high = timeline.count
            while low < high {
                let mid = (low + high) / 2
                if timeline[mid].time < t { low = mid + 1 } else { high = mid }
            }
            return low
        }
        return first(atLeast: time - reach)..<first(atLeast: time + reach + 1)
    }

    /// What the index keeps of one file: its identity, and, for a published article, its date
    /// and story.
    static func entry(for path: String, stamp: FileStamp, site: String, timeZone: TimeZone, slugStyle: Slug.Style) -> ImportIndex.Entry? {
        guard let bytes = FileSystem.readBytes(site + "/" + path) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        var entry = ImportIndex.Entry(
            stamp: stamp, identity: ArticleWriter.stamp(of: text).map { ArticleIdentity.normalizedURL($0.id) }, time: nil,
            storyKey: "")
        if case .success(let parsed) = FrontMatter.parseArticle(bytes: bytes, path: path, timeZone: timeZone, slugStyle: slugStyle),
            !parsed.article.draft
        {
            entry.time = parsed.article.date.seconds
            entry.storyKey = parsed.article.head.storyKey
        }
        return entry
    }

    /// The story features of the article at `path`, read from its file; nil when it is no
    /// longer a published article.
    func features(of path: String) -> StoryFeatures? {
        guard let bytes = FileSystem.readBytes(siteDirectory.appendingPathComponent(path).path),
            case .success(let parsed) = FrontMatter.parseArticle(bytes: bytes, path: path, timeZone: siteZone, slugStyle: slugStyle),
            !parsed.article.draft
        else { return nil }
        let a = parsed.article
        return StoryFeatures(title: a.title, text: parsed.body, time: a.date.seconds, source: a.source)
    }

    /// Reads, on every core, the site's articles that articles dated `times` could tell the same
    /// story as, before any is written: the judgement then sees the same articles whatever the
    /// order of the writes.
    mutating func prepare(for times: [Int64]) async {
        let reach = stories.matcher.window
        var wanted = Set<Int>()
        for time in times {
            for i in window(around: time, reach: reach) where !loaded[i] { wanted.insert(i) }
        }
        let places = wanted.sorted()
        let paths = places.map { timeline[$0].path }
        let store = self
        let read = await parallelMap(paths, chunkSize: 32) { path in store.features(of: path) }
        for (path, features) in zip(paths, read) {
            guard let features, let entry = index.entries[path] else { continue }
            stories.add(features, story: entry.storyKey)
        }
        for i in places { loaded[i] = true }
    }

    /// Puts the site's articles within the matcher's window of `time` into `stories`, read
    /// from their files: every article is a story a new one may tell, imported or written by
    /// hand. Those `prepare` read already are not read again.
    private mutating func loadWindow(around time: Int64) {
        for i in window(around: time, reach: stories.matcher.window) where !loaded[i] {
            loaded[i] = true
            let path = timeline[i].path
            guard let entry = index.entries[path], let features = features(of: path) else { continue }
            stories.add(features, story: entry.storyKey)
        }
    }

    /// Saves the import index for the next run (not in a dry run).
    func finish() {
        guard !dryRun else { return }
        index.save(site: siteDirectory)
    }

    private func contents(of path: String) -> String? {
        if let text = planned[path] { return text }
        guard let data = FileManager.default.contents(atPath: siteDirectory.appendingPathComponent(path).path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    func contains(_ article: ImportedArticle) -> Bool {
        byIdentity[article.identity] != nil
    }

    private func exists(_ path: String) -> Bool {
        planned[path] != nil || FileManager.default.fileExists(atPath: siteDirectory.appendingPathComponent(path).path)
    }

    mutating func save(_ article: ImportedArticle, category override: String?) throws(ImportError) -> Importer.Report.Event {
        var category = article.category ?? Importer.defaultCategory
        var tags = article.tags
        if let override {
            if let own = article.category { tags.insert(own, at: 0) }
            category = override
        }
        var seen = Set<String>()
        tags = tags.filter { $0 != category && seen.insert($0.lowercased()).inserted }

        let id = article.identity
        if let path = byIdentity[id], let current = contents(of: path) {
            // An undated item keeps the date it was first given: a later guess would move it.
            if article.undated { return .unchanged(path) }
            // The same article from another outlet's feed (syndicated, or fetched and saved): the
            // first import stands, and the copy is said to be one.
            if let stamp = ArticleWriter.stamp(of: current), stamp.source != article.source.map(ArticleWriter.singleLine) {
                return .duplicate(title: article.title, of: path)
            }
            guard let stamp = ArticleWriter.stamp(of: current), stamp.untouched else { return .keptEdited(path) }
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            // The story it was given stays: a new judgement never moves an article once written.
            let text = writer.render(article, category: category, tags: tags, stem: stem, story: stamp.story)
            if text == current { return .unchanged(path) }
            try write(text, to: path)
            return .written(path)
        }
        let folder = writer.folder(for: article)
        let slug = Slug.make(article.title, style: slugStyle)
        var stem = slug
        var n = 2
        while exists(folder + stem + ".md") {
            stem = "\(slug)-\(n)"
            n += 1
        }
        let path = folder + stem + ".md"
        let features = StoryFeatures(title: article.title, text: article.body, time: article.date.seconds, source: article.source)
        loadWindow(around: features.time)
        let story = stories.story(for: features)
        try write(writer.render(article, category: category, tags: tags, stem: stem, story: story), to: path)
        byIdentity[id] = path
        stories.add(features, story: story ?? Route.article(date: article.date.converted(to: siteZone), slug: stem).storyKey)
        return .written(path)
    }

    private mutating func write(_ text: String, to path: String) throws(ImportError) {
        if dryRun {
            planned[path] = text
            return
        }
        let url = siteDirectory.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ImportError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// Reads what `gazette fetch` downloads, with the same readers as `gazette import`: a feed's
/// items, and the article of an item's page. Safe to use from many tasks at once.
public struct FetchedBodyReader: Sendable {
    var timeZone: TimeZone
    var dropPatterns: [String]

    public struct Feed: Sendable {
        public var articles: [ImportedArticle]
        /// Items that could not be read, each `item N ('title'): reason`.
        public var problems: [String]
        /// Items read with a guess (an item without a date), said the same way.
        public var warnings: [String] = []
        public var format: ImportFormat
    }

    /// The items of a feed fetched from `url` (its final address, after redirects). A body that
    /// is not a feed is refused and named: an HTML page, plain text, broken XML. `sourceNames`:
    /// the outlets of the list of sources by address (`Importer.sourceNames(of:)`). `now`: the
    /// date of an item when neither it nor its feed has one.
    public func feed(
        _ bytes: [UInt8], url: String, sourceNames: [String: String] = [:], now: Date = Date()
    ) throws(ImportError) -> Feed {
        let format = try ImportFormat.detect(bytes)
        switch format {
        case .htmlPage: throw ImportError("the source returned an HTML page, not a feed")
        case .capture: throw ImportError("the source returned text that is not a feed (no RSS, RDF or Atom root element)")
        case .rss2, .rss1, .atom: break
        }
        let root: MarkupNode
        do {
            root = try LibXML.parseXML(bytes)
        } catch {
            throw ImportError(
                "broken \(format.rawValue) feed: not well-formed XML\(error.line > 0 ? " (line \(error.line))" : ""): \(error.message)")
        }
        let result = try FeedReader(timeZone: timeZone, documentURL: URL(string: url), sourceNames: sourceNames, now: now).read(
            root, format: format)
        return Feed(articles: result.articles, problems: result.problems, warnings: result.warnings, format: format)
    }

    /// The Markdown article text of an item's page fetched from `url`.
    public func pageBody(_ bytes: [UInt8], url: String) throws(ImportError) -> String {
        guard case .htmlPage = try ImportFormat.detect(bytes) else { throw ImportError("the item's page is not an HTML page") }
        let encoding = firstInvalidUTF8Offset(in: bytes) == nil ? "UTF-8" : nil
        guard let page = LibXML.parseHTML(bytes, encoding: encoding) else { throw ImportError("cannot parse the item's page") }
        return try HTMLPageReader(timeZone: timeZone, documentURL: URL(string: url)).body(of: page)
    }
}

/// One run of writes into a site's `content/`, for `gazette fetch`: the articles already there are
/// read once, and each save follows `gazette import`'s rules (idempotent, edits kept, clashing
/// names both kept).
public struct ImportSession: Sendable {
    public let reader: FetchedBodyReader
    private var store: ArticleStore

    public init(options: Importer.Options) async throws(BuildFailure) {
        let config = try SiteConfig.load(from: options.siteDirectory)
        let zone = options.timeZone ?? config.timeZone
        reader = FetchedBodyReader(timeZone: zone, dropPatterns: config.importDropLines)
        store = await ArticleStore(
            siteDirectory: options.siteDirectory, writer: ArticleWriter(timeZone: zone), siteZone: config.timeZone,
            slugStyle: config.slugStyle,
            dryRun: options.dryRun)
    }

    /// Saves what the run learnt of the site's articles for the next one.
    public func finish() {
        store.finish()
    }

    /// Reads what articles dated `times` will be compared with (see `ArticleStore.prepare`).
    public mutating func prepare(for times: [Int64]) async {
        await store.prepare(for: times)
    }

    /// The article is in the site already (under any file name).
    public func contains(_ article: ImportedArticle) -> Bool {
        store.contains(article)
    }

    /// Writes `article` into the site. `category` overrides its own, which becomes a tag; `tags`
    /// are added to its own.
    public mutating func save(_ article: ImportedArticle, category: String?, tags: [String] = []) -> Importer.Report.Event {
        var article = article
        article.tags += tags
        do {
            return try store.save(article, category: category)
        } catch {
            return .failed(input: article.originalURL ?? article.title, reason: error.message)
        }
    }
}
