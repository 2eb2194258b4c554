import ArgumentParser
import CAllocator
import Foundation
import Gazette

/// Options every command that builds the site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder (holding site.yml and content/).")
    var site: String = "."

    @Flag(name: [.customShort("D"), .long], help: "Include articles marked draft: true.")
    var drafts = false

    @Flag(name: [.customShort("F"), .long], help: "Include articles dated after now.")
    var future = false

    @Option(help: ArgumentHelp("Pin the build's clock (ISO 8601), for reproducible builds.", valueName: "ISO8601"))
    var now: String?

    var siteURL: URL { URL(fileURLWithPath: site, isDirectory: true) }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no site folder at '\(site)'")
        }
        if let now {
            do { _ = try ISO8601Reader.read(now, in: TimeZone(identifier: "UTC")!) } catch {
                throw ValidationError("--now: '\(now)' is not an ISO 8601 date and time: \(error.message)")
            }
        }
    }

    func builderOptions() throws -> Builder.Options {
        var options = Builder.Options(siteDirectory: siteURL)
        options.includeDrafts = drafts
        options.includeFuture = future
        if let now { options.now = try ISO8601Reader.read(now, in: TimeZone(identifier: "UTC")!).date }
        return options
    }
}

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the site's articles into static HTML, feeds and a sitemap.",
        discussion:
            "On errors, every problem is printed as path:line:col: error: message, the exit code is 1 and the previous output is left as it was."
    )

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: "The output folder (default: public/ in the site folder).")
    var output: String?

    @Option(name: .customLong("base-url"), help: "Override site.yml's base_url, e.g. for a staging host.")
    var baseURL: String?

    @Flag(name: .customLong("no-cache"), help: "Ignore and do not update the build cache in .gazette/cache/.")
    var noCache = false

    @Flag(help: "Build into an output folder that holds files Gazette did not write (it never removes them).")
    var force = false

    @Flag(
        name: .customLong("file-links"),
        help: "Link pages as their index.html, for reading the output from the file system (site.yml: file_links: true).")
    var fileLinks = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also list every file written and removed.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func run() async throws {
        // The process ends with the build: an allocator that grows in large steps and keeps
        // what is freed (see allocator.c).
        gazette_allocator_for_one_run()
        let start = Date()
        var options = try siteOptions.builderOptions()
        if let output { options.outputDirectory = URL(fileURLWithPath: output, isDirectory: true) }
        options.baseURL = baseURL
        options.useCache = !noCache
        options.force = force
        options.fileLinks = fileLinks
        // The process ends with the build: its memory goes back to the system then.
        options.freesMemory = false
        let prefix = Terminal.prefix(forSite: siteOptions.site)
        let progress = BuildProgress(start: start)
        var report: Builder.Progress?
        if Terminal.isInteractive && !quiet {
            report = { phase, done, total in progress.show(phase, done, total) }
        }
        let builder = Builder(options: options, progress: report)
        do {
            let result = try await builder.build()
            progress.clear()
            for warning in result.warnings { Terminal.print(warning, prefix: prefix) }
            for note in result.notes where !quiet { Terminal.error(note) }
            let seconds = Date().timeIntervalSince(start)
            if verbose, let report = result.report {
                for path in report.written { Terminal.out("wrote \(path)") }
                for path in report.removed { Terminal.out("removed \(path)") }
                for path in report.leftAlone {
                    Terminal.out("left alone \(path): not written by Gazette (files to publish belong in static/)")
                }
                let phases = result.timings.map { "\($0.phase) \(String(format: "%.3f", $0.seconds)) s" }
                Terminal.out("phases: " + phases.joined(separator: ", "))
                Terminal.out("parsed \(result.articlesParsed) article(s), rendered \(result.pagesRendered) of \(result.pageCount) pages")
            }
            if !quiet {
                Terminal.out("Built " + buildSummary(result, seconds: seconds, writes: verbose))
            }
        } catch let failure as BuildFailure {
            progress.clear()
            for diagnostic in failure.diagnostics { Terminal.print(diagnostic, prefix: prefix) }
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            Terminal.error("Build failed with \(errors) error\(errors == 1 ? "" : "s"); the previous output was left as it was.")
            throw ExitCode.failure
        } catch {
            progress.clear()
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}

/// Shows the current phase on a terminal once a build has run for more than a second.
final class BuildProgress: Sendable {
    let start: Date
    init(start: Date) { self.start = start }

    func show(_ phase: String, _ done: Int, _ total: Int) {
        guard Date().timeIntervalSince(start) > 1 else { return }
        Terminal.errorInline("\r\u{1B}[2K\(phase): \(total) item\(total == 1 ? "" : "s")…")
    }

    func clear() {
        guard Terminal.isInteractive, Date().timeIntervalSince(start) > 1 else { return }
        Terminal.errorInline("\r\u{1B}[2K")
    }
}

extension Terminal {
    static func errorInline(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// What `build` and `serve` say of a build, after "Built " (or "Rebuilt after …: "): `12 articles:
/// 40 pages, 15 feeds in 0.08 s (2 drafts and 1 future article left out)`. One function, so that
/// the two commands say it in the same words. `writes`: the output files written, left as they
/// were and removed, when the build wrote the output folder.
func buildSummary(_ result: Builder.Result, seconds: Double, writes: Bool) -> String {
    var line = "\(plural(result.articleCount, "article")): \(plural(result.pageCount, "page")), \(plural(result.feedCount, "feed"))"
    line += " in \(String(format: "%.2f", seconds)) s"
    var notes: [String] = []
    if writes, let report = result.report {
        notes.append("\(report.written.count) written, \(report.unchanged) unchanged, \(report.removed.count) removed")
    }
    // As Pelican says it: what the site has that this build did not publish, and why.
    var leftOut: [String] = []
    if result.skippedDrafts > 0 { leftOut.append(plural(result.skippedDrafts, "draft")) }
    if result.skippedFuture > 0 { leftOut.append(plural(result.skippedFuture, "future article")) }
    if !leftOut.isEmpty { notes.append(leftOut.joined(separator: " and ") + " left out") }
    if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
    return line
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
