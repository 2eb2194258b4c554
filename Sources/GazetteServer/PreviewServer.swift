import Foundation
import Gazette
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#endif

/// `gazette serve`: builds the site, serves its output folder on this machine, and rebuilds and
/// reloads the open pages whenever an article, a template or `site.yml` changes.
///
/// It is a `Service`: run it in a `ServiceGroup` with SIGINT and SIGTERM as graceful-shutdown
/// signals, and it stops accepting requests, closes the pages' event streams and lets a build
/// that has started finish before it returns.
public struct PreviewServer: Service {
    public struct Configuration: Sendable {
        /// How to build the site. Its `outputDirectory` is not used: the preview always builds
        /// into `previewFolder(of:)`, so that drafts and future articles it shows never reach the
        /// folder that `gazette build` fills and that gets published.
        public var build: Builder.Options
        /// Read the clock at each build; false when the build's clock was pinned.
        public var followsClock = true
        /// Only this machine can connect unless told otherwise. Requests must name this host,
        /// or `localhost`, `127.0.0.1` or `[::1]`, in their `Host` header, unless it is `0.0.0.0`
        /// or `::`.
        public var host = "127.0.0.1"
        /// 0 picks a free port; `onReady` tells which.
        public var port = 8000
        public var watchMode: SiteWatcher.Mode = .automatic
        /// How long the files must be quiet before a rebuild starts. An editor's save (a write, or
        /// a temporary file renamed into place) raises its events within a millisecond or two;
        /// a longer burst (a `git checkout`) keeps pushing the build back, up to a second.
        public var debounce: Duration = .milliseconds(30)
        /// How often open event streams get a comment line, so that closed pages are noticed.
        public var keepAliveInterval: Duration = .seconds(15)
        /// A connection must send a whole request head within this long of opening, or of the
        /// first byte of its next request, or it is closed (with a 408 if part of one came).
        public var requestHeadTimeout: Duration = .seconds(10)
        /// A connection that sends nothing for this long between requests is closed.
        public var idleTimeout: Duration = .seconds(15)

        public init(build: Builder.Options) {
            self.build = build
        }
    }

    public var configuration: Configuration
    public var logger: Logger
    /// Called after every build, the first one included.
    public var onBuild: @Sendable (PreviewBuildEvent) -> Void
    /// Called once the server listens, with the address of the site's home page.
    public var onReady: @Sendable (URL) async -> Void

    public init(
        configuration: Configuration,
        logger: Logger = Logger(label: "gazette.serve"),
        onBuild: @escaping @Sendable (PreviewBuildEvent) -> Void = { _ in },
        onReady: @escaping @Sendable (URL) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.onBuild = onBuild
        self.onReady = onReady
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The folder the preview builds into: `.gazette/preview/` in the site folder, beside the
    /// build cache. The site watcher never looks into `.gazette/`, so the preview's own writes
    /// do not set off another build.
    public static func previewFolder(of siteDirectory: URL) -> URL {
        OutputFolder.preview(site: siteDirectory)
    }

    static let previewFolderName = ".gazette/preview"

    public func run() async throws {
        var options = configuration.build
        options.outputDirectory = Self.previewFolder(of: options.siteDirectory)
        let state = PreviewState()
        let site = SiteBuild(
            options: options, followsClock: configuration.followsClock, state: state,
            report: onBuild)
        // The first build runs before the server listens, so that the first page asked for is
        // there. A failure does not stop the preview: its errors show in the pages.
        await site.run(changed: [])

        let outputURL = options.output
        try? FileManager.default.createDirectory(at: outputURL, withIntermediateDirectories: true)
        guard let resolved = realpath(outputURL.path, nil) else {
            throw Failure(description: "cannot open the output folder \(outputURL.path)")
        }
        let output = String(cString: resolved)
        free(resolved)

        let files = FileMiddleware<BasicRequestContext, SiteFileProvider>(
            fileProvider: SiteFileProvider(root: output, logger: logger),
            searchForIndexHtml: false)
        let (rebuildRequests, requestRebuild) = AsyncStream<[String]>.makeStream()
        let missingOutput = MissingOutput(
            folder: output, shownAs: Self.previewFolderName, state: state,
            rebuild: requestRebuild, report: onBuild)
        let responder = PreviewResponder(
            output: output, state: state, files: files,
            hosts: HostCheck(listeningOn: configuration.host), missingOutput: missingOutput)
        let rebuilder = SiteRebuilder(
            site: site,
            watcher: SiteWatcher(siteDirectory: configuration.build.siteDirectory, mode: configuration.watchMode),
            requests: rebuildRequests,
            debounce: configuration.debounce,
            keepAliveInterval: configuration.keepAliveInterval)

        // Connections are timed by ConnectionTimeouts rather than by Hummingbird's idle timeout,
        // which a client trickling its request a byte at a time never sets off.
        let channel = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestBodyLimit(limit: PreviewResponder.maximumBodySize), RequestProgress()],
            idleTimeout: nil,
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 32 * 1024,
                maxHeaderFieldCount: 100))
        let limits = ConnectionTimeouts.Limits(head: configuration.requestHeadTimeout, idle: configuration.idleTimeout)
        let server = HTTPServerBuilder { responder in
            TimedHTTP1Channel(http: HTTP1Channel(responder: responder, configuration: channel), limits: limits)
        }
        let host = configuration.host
        let onReady = self.onReady
        let app = Application(
            responder: responder,
            server: server,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "Gazette"),
            services: [rebuilder],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let base = await state.basePath
                let shownHost = host.contains(":") ? "[\(host)]" : host
                if let url = URL(string: "http://\(shownHost):\(port)\(RequestPath.encode(base))") {
                    await onReady(url)
                }
            },
            logger: logger)
        do {
            try await app.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE || error.errnoCode == EADDRNOTAVAIL {
            let reason = error.errnoCode == EADDRINUSE ? "the port is in use" : "the address is not one of this machine's"
            throw Failure(
                description:
                    "cannot listen on \(host):\(configuration.port): \(reason); choose another with --host or --port (--port 0 takes any free one)"
            )
        }
    }
}
