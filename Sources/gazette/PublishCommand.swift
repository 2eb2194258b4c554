import ArgumentParser
import Foundation
import Gazette

extension PublishTarget.Transport: ExpressibleByArgument {}

struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Build the site and send it to a web host.",
        discussion: """
            TARGET is a name from site.yml's publish: mapping, or one of:
              ./out, /var/www/digest          a folder, replaced whole by a rename
              user@host:/srv/www, rsync://host/module/path
                                              rsync (a local folder too, with --via rsync)
              git+file:///srv/site.git#gh-pages, git+ssh://git@host/org/repo.git#gh-pages
                                              one commit on a branch, pushed
              s3://bucket/prefix              an S3-compatible bucket through the AWS CLI
            Only files that changed are sent. A missing tool, missing credentials or an unreachable host stop the publish before anything changes.
            """
    )

    @Argument(help: "Where to publish: a site.yml name, a folder, user@host:/path, rsync://, git+…#branch or s3://bucket/prefix.")
    var target: String

    @OptionGroup var siteOptions: SiteOptions

    @Flag(name: .customLong("dry-run"), help: "List what would be uploaded and deleted, and change nothing.")
    var dryRun = false

    @Flag(name: .customLong("no-build"), help: "Publish the output folder as it is, without building first.")
    var noBuild = false

    @Option(help: "Send a folder target through rsync instead of copying it.")
    var via: PublishTarget.Transport?

    @Option(name: .customLong("endpoint-url"), help: ArgumentHelp("The S3 API endpoint of a store other than AWS.", valueName: "URL"))
    var endpointURL: String?

    @Flag(name: .shortAndLong, help: "Also list every file sent and removed.")
    var verbose = false

    func run() async throws {
        let start = Date()
        let prefix = Terminal.prefix(forSite: siteOptions.site)
        do {
            let options = try siteOptions.builderOptions()
            let config = try SiteConfig.load(from: options.siteDirectory)
            let target = try PublishTarget.resolve(
                self.target, config: config, siteDirectory: options.siteDirectory,
                via: via, endpointURL: endpointURL)
            let tools = ToolRunner()
            // A missing program is reported before the build, so nothing is done in vain.
            for tool in target.requiredTools { _ = try tools.locate(tool) }

            var label = "\(config.title)"
            var output = options.output
            // A dry run builds into a scratch folder, so that it changes nothing, not even public/.
            let scratch =
                dryRun && !noBuild
                ? FileManager.default.temporaryDirectory.appendingPathComponent("gazette-dry-run-\(UUID().uuidString)") : nil
            defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
            if !noBuild {
                var buildOptions = options
                if let scratch { buildOptions.outputDirectory = scratch; output = scratch }
                let result = try await Builder(options: buildOptions).build()
                for warning in result.warnings { Terminal.print(warning, prefix: prefix) }
                label += ": \(plural(result.articleCount, "article")), built \(ISO8601DateFormatter().string(from: Date()))"
                Terminal.out("Built " + buildSummary(result, seconds: Date().timeIntervalSince(start), writes: false))
            }
            let source = try PublishSource(directory: output, domain: config.domain, label: label)
            for path in source.notPublished {
                Terminal.error("note: not publishing \(path): Gazette did not write it (files to publish as they are belong in static/)")
            }
            let deployer = target.deployer(tools: tools, protecting: [options.siteDirectory, options.output])
            let seconds = { String(format: "%.2f", Date().timeIntervalSince(start)) }
            if dryRun {
                let changes = try await deployer.plan(source)
                for upload in changes.uploads { Terminal.out("would upload \(upload.path) (\(byteCount(upload.size)))") }
                for path in changes.deletions { Terminal.out("would delete \(path)") }
                Terminal.out(
                    "Dry run for \(target): \(plural(changes.uploads.count, "file")) (\(byteCount(changes.bytesSent))) to send, "
                        + "\(changes.deletions.count) to remove, \(changes.unchanged) unchanged; nothing was changed")
            } else {
                let changes = try await deployer.publish(source)
                if verbose {
                    for upload in changes.uploads { Terminal.out("uploaded \(upload.path)") }
                    for path in changes.deletions { Terminal.out("deleted \(path)") }
                }
                Terminal.out(
                    "Published to \(target): \(plural(changes.uploads.count, "file")) (\(byteCount(changes.bytesSent))) sent, "
                        + "\(changes.deletions.count) removed in \(seconds()) s")
            }
        } catch let failure as BuildFailure {
            for diagnostic in failure.diagnostics { Terminal.print(diagnostic, prefix: prefix) }
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            Terminal.error("Build failed with \(errors) error\(errors == 1 ? "" : "s"); nothing was published.")
            throw ExitCode.failure
        } catch let error as PublishError {
            Terminal.error("error: \(error.message)")
            throw ExitCode.failure
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}

/// `812 bytes`, `48.2 KB`, `3.1 MB`.
func byteCount(_ bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
    let kb = Double(bytes) / 1024
    if kb < 1024 { return String(format: "%.1f KB", kb) }
    return String(format: "%.1f MB", kb / 1024)
}
