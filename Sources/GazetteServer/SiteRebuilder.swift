import Foundation
import Gazette
import ServiceLifecycle

/// What happened when the preview built the site, for the terminal.
public enum PreviewBuildEvent: Sendable {
    /// `changed` names the site-relative paths that set the build off; empty for the first one.
    case built(Builder.Result, changed: [String], seconds: Double)
    case failed([Diagnostic], changed: [String])
    /// A request found the output folder gone (`folder`, relative to the site); a build follows.
    case outputMissing(folder: String)
}

/// The build cache as the last build left it, kept in memory between the preview's builds so
/// that each starts without reading it from disk.
actor BuildMemory {
    var last: Builder.Memory?

    func keep(_ memory: Builder.Memory?) {
        last = memory
    }
}

/// Builds the site once, the same way each time, and tells the preview's state how it went.
struct SiteBuild: Sendable {
    var options: Builder.Options
    /// Read the clock at each build, so that an article whose time comes while the preview runs
    /// appears; off when `--now` pinned it.
    var followsClock: Bool
    var state: PreviewState
    var report: @Sendable (PreviewBuildEvent) -> Void
    var memory = BuildMemory()

    func run(changed: [String]) async {
        var options = options
        if followsClock { options.now = Date() }
        let start = ContinuousClock.now
        do {
            // Builder writes only the files whose bytes changed, and only once every page has
            // rendered; a failed build leaves the last good output in place.
            // The cache is written after the reload goes out, not before: the browser need not
            // wait for it, and the next build starts from the copy kept here.
            let builder = Builder(options: options)
            var (result, next) = try await builder.build(memory: await memory.last, deferringWrites: true)
            let elapsed = ContinuousClock.now - start
            let report = result.report
            let changedOutput = report.map { !$0.written.isEmpty || !$0.removed.isEmpty } ?? true
            await state.buildSucceeded(changedOutput: changedOutput, basePath: basePath())
            if next != nil { result.notes += await builder.writeDeferred(&next!) }
            await memory.keep(next)
            self.report(
                .built(
                    result, changed: changed,
                    seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        } catch let failure as BuildFailure {
            await failed(failure.diagnostics, changed: changed)
        } catch {
            await failed([Diagnostic(path: options.output.lastPathComponent, message: "\(error)")], changed: changed)
        }
    }

    /// A failed build writes nothing. An output folder that is missing (never built, or deleted)
    /// is made empty, so that requests get the 404 page with the errors over it rather than
    /// asking for another build as a missing folder does (`MissingOutput`).
    private func failed(_ diagnostics: [Diagnostic], changed: [String]) async {
        try? FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
        await state.buildFailed(diagnostics, basePath: basePath())
        report(.failed(diagnostics, changed: changed))
    }

    /// The base path the site asks for now; nil while `site.yml` cannot be read.
    func basePath() -> String? {
        guard var config = try? SiteConfig.load(from: options.siteDirectory) else { return nil }
        if let override = options.baseURL { config.baseURL = override.hasSuffix("/") ? override : override + "/" }
        return config.basePath
    }
}

/// Rebuilds the site whenever what it is built from changes, or when asked to (`requests`:
/// site-relative paths to give as the cause).
///
/// A burst of saves (an editor writing a file in steps, a `git checkout`) becomes one build:
/// the build starts once the files have been quiet for `debounce`. Builds run one at a time;
/// changes and requests that arrive during one lead to exactly one more after it.
struct SiteRebuilder: Service {
    var site: SiteBuild
    var watcher: SiteWatcher
    var requests: AsyncStream<[String]>
    var debounce: Duration
    var keepAliveInterval: Duration

    func run() async {
        // Holds at most one ring: however many changes arrive during a build, one more follows.
        let (doorbell, ring) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let changes = ChangeLog()
        let state = site.state
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await watcher.watch { paths in
                        await changes.record(paths)
                        ring.yield()
                    }
                }
                group.addTask {
                    for await paths in requests {
                        await changes.record(paths)
                        ring.yield()
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: keepAliveInterval)
                        await state.keepAlive()
                    }
                }
                for await _ in doorbell {
                    while let wait = await changes.quietTimeLeft(debounce) {
                        try? await Task.sleep(for: wait)
                    }
                    let changed = await changes.take()
                    // A build that has started runs to its end, so the output is never half
                    // written; after a shutdown request no new one starts.
                    guard !changed.isEmpty, !Task.isShuttingDownGracefully else { continue }
                    await site.run(changed: changed)
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            ring.finish()
        }
        await state.closeAll()
    }
}

/// The paths changed since the last build, and when.
actor ChangeLog {
    /// A stream of saves that never pauses still gets a build this often.
    static let longestWait: Duration = .seconds(1)

    private var paths = Set<String>()
    private var first: ContinuousClock.Instant?
    private var last: ContinuousClock.Instant?

    func record(_ changed: [String]) {
        let now = ContinuousClock.now
        paths.formUnion(changed)
        if first == nil { first = now }
        last = now
    }

    /// How much longer to wait for the burst to end; nil when the build should start.
    func quietTimeLeft(_ quiet: Duration) -> Duration? {
        guard let first, let last else { return nil }
        let now = ContinuousClock.now
        if now - first >= Self.longestWait { return nil }
        let left = (last + quiet) - now
        return left > .zero ? left : nil
    }

    func take() -> [String] {
        defer {
            paths = []
            first = nil
            last = nil
        }
        return paths.sorted()
    }
}
