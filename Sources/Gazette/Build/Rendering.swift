/// The render phase: the pages, feeds and sitemap a build must make, and the site's other
/// files, each staged into the output as soon as it is made (so that a large site is never
/// held in memory whole) or, without an output folder, returned.
struct Rendering: Sendable {
    let plan: SitePlan
    let loader: ContentLoader

    /// Renders `work` and stages every file into `session`.
    func render(_ work: IncrementalBuild.Work, into session: OutputWriter.Session) async -> [OutputWriter.Staged] {
        await render(work) { file, folders in session.stage(file, knownFolders: &folders) }
    }

    /// Renders `work` and returns every file, sorted by path.
    func render(_ work: IncrementalBuild.Work) async -> [OutputFile] {
        await render(work) { file, _ in file }.sorted { $0.path < $1.path }
    }

    /// `deliver` takes each file as it is made, on the thread that made it, with the folders
    /// that thread knows exist already.
    private func render<T: Sendable>(
        _ work: IncrementalBuild.Work,
        deliver: @escaping @Sendable (OutputFile, inout Set<String>) -> T
    ) async -> [T] {
        let index = plan.index
        let config = plan.config
        let bodies = await bodies(for: work)
        let body: @Sendable (Int) -> String = { i in
            if case .parsed(_, let html) = index.texts[i] { return html }
            return bodies[i] ?? ""
        }
        // The feeds, the sitemap and the other files on whichever core is free.
        let sitemap = plan.sitemap
        let files = plan.files
        let others = Task { () -> [T] in
            var folders = Set<String>()
            var made: [T] = []
            for file in work.sitemaps {
                made.append(
                    deliver(OutputFile(path: file.route.outputPath, text: sitemap.render(file, index: index, config: config)), &folders))
            }
            // A feed's formats come one after the other: their entries are made once.
            var last: (owner: Feed.Owner, content: Feed.Content, entries: [FeedEntry])?
            for feed in work.feeds {
                let entries: [FeedEntry]
                if let last, last.owner == feed.owner, last.content == feed.content {
                    entries = last.entries
                } else {
                    entries = FeedEntry.entries(of: feed, index: index, config: config, body: body)
                    last = (feed.owner, feed.content, entries)
                }
                made.append(deliver(OutputFile(path: feed.route.outputPath, text: feed.render(entries: entries, config: config)), &folders))
            }
            for file in files { made.append(deliver(file, &folders)) }
            return made
        }
        let context = PageContext(index: index, config: config)
        let library = plan.theme.library
        let fragments = PageRenderer.fragments(for: work.pages, context: context, library: library)
        // Weighed by the articles a page lists: the archive pages of a year or a month are
        // rendered first, not last on one core.
        let perPage = config.perPage
        let rendered = await parallelMapChunks(
            work.pages,
            weight: { page in
                switch page.kind {
                case .archive(.day, let i): index.days[i].articles.count
                case .archive, .archiveIndex: 40
                case .home, .section: perPage
                case .sectionIndex(let taxonomy): index.sections(taxonomy).count
                case .article, .notFound: 1
                }
            }
        ) {
            // One renderer per core, for every chunk it takes: what it memoizes (an article's
            // list item, rendered once for all the pages that list it) serves them all.
            let worker = Worker(renderer: PageRenderer(context: context, library: library, body: body, fragments: fragments))
            return { pages -> [T] in pages.map { deliver(worker.renderer.render($0), &worker.folders) } }
        }
        return rendered + (await others.value)
    }

    /// A core's renderer, and the output folders it knows exist.
    private final class Worker {
        var renderer: PageRenderer
        var folders = Set<String>()

        init(renderer: consuming PageRenderer) {
            self.renderer = renderer
        }
    }

    /// The bodies of the articles that the pages and feeds to render show and that came from the
    /// build cache, which keeps none: read and rendered again, each once, on every core.
    private func bodies(for work: IncrementalBuild.Work) async -> [Int: String] {
        var needed = Set<Int>()
        for page in work.pages { if case .article(let i) = page.kind { needed.insert(i) } }
        for feed in work.feeds {
            if case .articles(let list, full: true) = feed.content { needed.formUnion(list) }
        }
        let index = plan.index
        let cached = needed.filter { if case .cached = index.texts[$0] { true } else { false } }.sorted()
        let loader = self.loader
        let html = await parallelMap(cached) { loader.bodyHTML(ofArticleAt: index.articles[$0].path) }
        return Dictionary(uniqueKeysWithValues: zip(cached, html))
    }
}
