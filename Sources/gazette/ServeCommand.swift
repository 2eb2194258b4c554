import ArgumentParser
import Foundation
import Gazette
import GazetteServer
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on this machine and reload open pages when its files change.",
        discussion: """
            Builds into .gazette/preview/ in the site folder and never touches public/, which holds only \
            what `gazette build` publishes. Watches content/, Templates/ and site.yml. A build error does \
            not stop the server: open pages show the errors over the last good build until the next good \
            save. Ctrl-C stops it.
            """
    )

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: "The address to listen on. Anything but 127.0.0.1 or ::1 lets other machines connect.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8000

    @Flag(help: "Compare modification times every half second instead of asking the kernel for changes.")
    var poll = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: expected 0 to 65535, not \(port)") }
        guard !host.isEmpty else { throw ValidationError("--host: expected an address such as 127.0.0.1") }
    }

    func run() async throws {
        let prefix = Terminal.prefix(forSite: siteOptions.site)
        let options = try siteOptions.builderOptions()
        // Checked before serving, which writes .gazette/ into the folder: a mistyped --site is
        // refused. Any other problem in site.yml is shown in the open pages until it is fixed.
        do {
            try SiteConfig.requireSite(options.siteDirectory)
        } catch {
            for diagnostic in error.diagnostics { Terminal.print(diagnostic, prefix: prefix) }
            throw ExitCode.failure
        }
        var configuration = PreviewServer.Configuration(build: options)
        configuration.followsClock = siteOptions.now == nil
        configuration.host = host
        configuration.port = port
        if poll { configuration.watchMode = .polling(interval: .milliseconds(500)) }
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            Terminal.error("warning: listening on \(host): other machines that can reach it can read the preview")
        }

        var logger = Logger(label: "gazette.serve")
        logger.logLevel = .warning
        let server = PreviewServer(
            configuration: configuration,
            logger: logger,
            onBuild: { event in Self.show(event, prefix: prefix) },
            onReady: { url in
                Terminal.out("Serving \(url.absoluteString) — press Ctrl-C to stop")
            })
        let group = ServiceGroup(
            configuration: .init(
                services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
        Terminal.out("Stopped.")
    }

    static func show(_ event: PreviewBuildEvent, prefix: String) {
        switch event {
        case .built(let result, let changed, let seconds):
            for warning in result.warnings { Terminal.print(warning, prefix: prefix) }
            let cause = changed.isEmpty ? "Built" : "Rebuilt after \(describe(changed)):"
            Terminal.out("\(cause) " + buildSummary(result, seconds: seconds, writes: true))
        case .failed(let diagnostics, let changed):
            for diagnostic in diagnostics { Terminal.print(diagnostic, prefix: prefix) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let cause = changed.isEmpty ? "" : " after \(describe(changed))"
            Terminal.error("Build failed\(cause) with \(errors) error\(errors == 1 ? "" : "s"); still serving the last good build.")
        case .outputMissing(let folder):
            Terminal.error("The preview's folder \(folder)/ was deleted; rebuilding it.")
        }
    }

    static func describe(_ changed: [String]) -> String {
        changed.count == 1 ? changed[0] : "\(changed.count) changes"
    }
}
