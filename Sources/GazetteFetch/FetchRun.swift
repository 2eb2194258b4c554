import AsyncHTTPClient
import Foundation
import Gazette

/// `gazette fetch`: downloads every source at once (a bounded pool), reads each body with the
/// importer's readers, then writes the articles source by source, in the order of the list, so
/// that a run's result does not depend on which server answered first.
///
/// What it guarantees: one source failing (refusing, hanging, redirecting in circles, sending
/// an HTML page, broken XML or a body too large) costs only that source; the run takes about the
/// timeout, not the slowest server's time; memory is bounded by the pool times the body cap.
public struct FetchRun: Sendable {
    public struct Options: Sendable {
        public var siteDirectory: URL
        public var limits = HTTPFetcher.Limits()
        /// Downloads at once.
        public var concurrency = 8
        public var dryRun = false
        public var now = Date()

        public init(siteDirectory: URL) {
            self.siteDirectory = siteDirectory
        }
    }

    /// What happened to one source.
    public struct Outcome: Sendable {
        public enum Result: Sendable {
            /// The feed was read: counts of articles written anew, rewritten, and unchanged.
            case read(new: Int, updated: Int, unchanged: Int)
            case notModified
            /// Rate-limited by an earlier answer: not asked this time.
            case skipped(until: Date)
            case failed(String)
        }

        public var source: FetchSource
        /// The address asked: the configured one, or where a permanent redirect moved it.
        public var address: String
        public var result: Result
        /// Every file event of the source's articles, in order.
        public var events: [Importer.Report.Event] = []
        /// Items that could not be read or whose page could not be (with the fallback used).
        public var warnings: [String] = []
        /// Where a permanent redirect moved the feed, when it did this run.
        public var movedTo: String?
        public var retryAfter: Date?
    }

    public struct Report: Sendable {
        public var outcomes: [Outcome] = []

        public var readCount: Int { outcomes.filter { if case .read = $0.result { true } else { false } }.count }
        public var notModifiedCount: Int { outcomes.filter { if case .notModified = $0.result { true } else { false } }.count }
        public var skippedCount: Int { outcomes.filter { if case .skipped = $0.result { true } else { false } }.count }
        public var failedCount: Int { outcomes.filter { if case .failed = $0.result { true } else { false } }.count }
        public var newCount: Int { outcomes.reduce(0) { if case .read(let n, _, _) = $1.result { $0 + n } else { $0 } } }
        public var updatedCount: Int { outcomes.reduce(0) { if case .read(_, let n, _) = $1.result { $0 + n } else { $0 } } }

        /// The cron rule: a run fails only when no source could be read and at least one failed,
        /// so that one wire being down never stops the day's build.
        public var succeeded: Bool { failedCount == 0 || readCount + notModifiedCount > 0 }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    /// The `User-Agent` header: who is asking, and where the site that republishes lives.
    public static func userAgent(baseURL: String) -> String {
        "Gazette/\(GazetteInfo.version) (+\(baseURL))"
    }

    /// A fetched and read source, before anything is written.
    private enum Downloaded: Sendable {
        /// `deferred`: new items left for the next run (full text out of time).
        case articles([ImportedArticle], warnings: [String], response: HTTPFetcher.Response, deferred: Int)
        case notModified(HTTPFetcher.Response)
        case skipped(Date)
        case failed(HTTPFetcher.Failure)
    }

    /// Fetches `sources` into the site and updates `state`; the caller saves the state.
    public func run(_ sources: [FetchSource], session: inout ImportSession, state: inout FetchState, baseURL: String) async -> Report {
        let limits = options.limits
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: HTTPFetcher.clientConfiguration(limits: limits))
        let fetcher = HTTPFetcher(client: client, limits: limits, userAgent: Self.userAgent(baseURL: baseURL))
        let reader = session.reader
        let known = session
        let now = options.now
        let sourceNames = Importer.sourceNames(of: sources)
        let records = sources.map { state.record(for: $0) }
        let pool = RequestPool(width: options.concurrency)

        let downloads = await boundedMap(Array(zip(sources, records)), width: options.concurrency) {
            (source, record) -> Downloaded in
            if let until = record.notBefore, until > now { return .skipped(until) }
            let validators = HTTPFetcher.Validators(etag: record.etag, lastModified: record.lastModified)
            let address = record.movedTo ?? source.url
            var response: HTTPFetcher.Response
            do {
                response = try await pool.run { () async -> Result<HTTPFetcher.Response, HTTPFetcher.Failure> in
                    do throws(HTTPFetcher.Failure) {
                        return .success(try await fetcher.get(address, validators: validators, now: now))
                    } catch {
                        return .failure(error)
                    }
                }.get()
            } catch let failure as HTTPFetcher.Failure {
                return .failed(failure)
            } catch {
                return .failed(HTTPFetcher.Failure(reason: "\(error)"))
            }
            if response.notModified { return .notModified(response) }
            let feed: FetchedBodyReader.Feed
            do {
                feed = try reader.feed(response.body, url: response.finalURL, sourceNames: sourceNames, now: now)
            } catch let error as ImportError {
                return .failed(HTTPFetcher.Failure(reason: error.message))
            } catch {
                return .failed(HTTPFetcher.Failure(reason: "\(error)"))
            }
            // Only the articles travel on: the body (up to the cap) is let go here, so that memory
            // follows the pool, not the number of sources.
            response.body = []
            var articles = feed.articles
            var warnings = feed.problems + feed.warnings
            if feed.articles.isEmpty && feed.problems.isEmpty { warnings.append("the \(feed.format.rawValue) feed has no items") }
            var deferred = 0
            if source.fullText {
                let (full, notes) = await Self.fullText(
                    articles, feedURL: response.finalURL, known: known, fetcher: fetcher, pool: pool, reader: reader)
                articles = full.compactMap { $0 }
                deferred = full.count - articles.count
                warnings += notes
                if deferred > 0 {
                    // First, so that the short listing (three warnings) shows it.
                    warnings.insert(
                        "\(deferred) new item\(deferred == 1 ? "" : "s") left for the next run: their pages were not reached within \(HTTPFetcher.seconds(2 * fetcher.limits.timeout))",
                        at: 0)
                }
            }
            return .articles(articles, warnings: warnings, response: response, deferred: deferred)
        }
        try? await client.shutdown()

        var times: [Int64] = []
        for case .articles(let articles, _, _, _) in downloads { times += articles.map(\.date.seconds) }
        await session.prepare(for: times)

        var report = Report()
        for ((source, var record), downloaded) in zip(zip(sources, records), downloads) {
            var outcome = Outcome(source: source, address: record.movedTo ?? source.url, result: Outcome.Result.notModified)
            record.lastAttempt = now
            switch downloaded {
            case .skipped(let until):
                outcome.result = Outcome.Result.skipped(until: until)
                record.lastAttempt = state.sources[FetchState.key(for: source)]?.lastAttempt
            case .failed(let failure):
                outcome.result = Outcome.Result.failed(failure.reason)
                outcome.retryAfter = failure.retryAfter
                record.lastError = failure.reason
                record.consecutiveFailures += 1
                record.notBefore = failure.retryAfter
                // A new address that is gone is forgotten: the next run starts again from the
                // one the editor configured.
                if failure.status == 404 || failure.status == 410 { record.movedTo = nil }
            case .notModified(let response):
                outcome.result = Outcome.Result.notModified
                record.lastSuccess = now
                record.lastError = nil
                record.consecutiveFailures = 0
                record.notBefore = nil
                if let moved = response.movedTo {
                    record.movedTo = moved
                    outcome.movedTo = moved
                }
            case .articles(let articles, let warnings, let response, let deferred):
                outcome.warnings = warnings
                var new = 0
                var updated = 0
                var unchanged = 0
                var failed: String?
                var saved = 0
                for article in articles {
                    // A full-text source's known items were saved with their page's text; the
                    // teaser in the feed must not replace it.
                    if source.fullText, session.contains(article) {
                        unchanged += 1
                        continue
                    }
                    let isNew = !session.contains(article)
                    let event = session.save(article, category: source.category, tags: source.tags)
                    outcome.events.append(event)
                    switch event {
                    case .written: if isNew { new += 1 } else { updated += 1 }
                    case .unchanged, .keptEdited, .duplicate: unchanged += 1
                    case .failed(_, let reason): failed = failed ?? reason
                    case .warning: break
                    }
                    if case .failed = event {} else { saved += 1 }
                }
                record.notBefore = nil
                if let failed, saved == 0 {
                    // Nothing could be written (a full disk, a folder without permission): the
                    // source was read, but the run has nothing to show for it.
                    outcome.result = Outcome.Result.failed("cannot write its articles: \(failed)")
                    record.lastError = failed
                    record.consecutiveFailures += 1
                } else {
                    outcome.result = Outcome.Result.read(new: new, updated: updated, unchanged: unchanged)
                    record.lastSuccess = now
                    record.lastError = nil
                    record.consecutiveFailures = 0
                }
                // Validators only once every item is saved: a write that failed, or an item left
                // for later, is read again on the next run instead of being hidden behind a 304.
                let complete = failed == nil && deferred == 0
                record.etag = complete ? response.validators.etag : nil
                record.lastModified = complete ? response.validators.lastModified : nil
                if let moved = response.movedTo {
                    record.movedTo = moved
                    outcome.movedTo = moved
                }
            }
            state.sources[FetchState.key(for: source)] = record
            report.outcomes.append(outcome)
        }
        return report
    }

    /// Replaces each new item's text with the article on its page, four pages at a time (each
    /// waiting for a slot of the run's pool); an item
    /// whose page cannot be fetched or read keeps the feed's text, with a warning.
    ///
    /// The pages of one source share a budget of twice the timeout, so that a feed of fifty new
    /// items on a slow site cannot stretch the run fifty-fold: an item whose page is not reached
    /// in time is left out (nil) and read on the next run.
    ///
    /// Pages on this machine or a private network are refused unless the feed itself is on one:
    /// an item's link is the feed writer's word, and the page's text is published.
    private static func fullText(
        _ articles: [ImportedArticle], feedURL: String, known: ImportSession, fetcher: HTTPFetcher, pool: RequestPool,
        reader: FetchedBodyReader
    ) async -> (articles: [ImportedArticle?], warnings: [String]) {
        let publicOnly = !(URL(string: feedURL)?.host.map(PrivateHost.isPrivate) ?? false)
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int64(fetcher.limits.timeout * 2000))
        let results = await boundedMap(articles, width: 4) { article -> (ImportedArticle?, String?) in
            guard !known.contains(article), let link = article.originalURL else { return (article, nil) }
            let fetched = await pool.run { () async -> Result<HTTPFetcher.Response, HTTPFetcher.Failure>? in
                // The budget is checked once a slot is free: time spent waiting for one counts.
                let left = clock.now.duration(to: end)
                guard left > .milliseconds(100) else { return nil }
                let seconds = min(fetcher.limits.timeout, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)
                do throws(HTTPFetcher.Failure) {
                    return .success(try await fetcher.get(link, timeout: seconds, publicOnly: publicOnly))
                } catch {
                    return .failure(error)
                }
            }
            guard let fetched else { return (nil, nil) }
            do {
                let page = try fetched.get()
                var full = article
                full.body = try reader.pageBody(page.body, url: page.finalURL)
                return (full, nil)
            } catch let error as HTTPFetcher.Failure {
                return (article, "'\(article.title)': cannot read its page (\(error.reason)); kept the feed's text")
            } catch let error as ImportError {
                return (article, "'\(article.title)': \(error.message) at \(link); kept the feed's text")
            } catch {
                return (article, "'\(article.title)': \(error); kept the feed's text")
            }
        }
        return (results.map(\.0), results.compactMap(\.1))
    }
}

/// `transform` over `items` with at most `width` running at once; results in the items' order.
func boundedMap<T: Sendable, R: Sendable>(
    _ items: [T], width: Int, _ transform: @escaping @Sendable (T) async -> R
) async -> [R] {
    await withTaskGroup(of: (Int, R).self) { group in
        var results = [R?](repeating: nil, count: items.count)
        var next = 0
        func start() {
            guard next < items.count else { return }
            let i = next
            let item = items[i]
            group.addTask { (i, await transform(item)) }
            next += 1
        }
        for _ in 0..<max(1, width) { start() }
        while let (i, result) = await group.next() {
            results[i] = result
            start()
        }
        return results.map { $0! }
    }
}
