import ArgumentParser
import Foundation
import Gazette

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn raw captures, saved HTML pages and RSS/Atom feeds into articles under content/.",
        discussion: """
            A PATH is a file or a folder (read recursively); the format is told from the content. Each article \
            is written to content/YYYY/MM/DD/<slug>.md by its local date. Importing the same input again writes \
            nothing, and a file edited since it was imported is never overwritten. Problems are printed as \
            path: error: reason; the exit code is then 1, and every other input is still imported.
            """
    )

    @Argument(help: "Files or folders to import.")
    var paths: [String]

    @Option(name: .long, help: "The site folder (holding site.yml and content/).")
    var site: String = "."

    @Option(help: "Put every article in this category; the input's own categories become tags.")
    var category: String?

    @Option(
        help: ArgumentHelp(
            "Name the outlet of every article NAME, whatever the input says (source: in the front matter).", valueName: "NAME"))
    var source: String?

    @Option(help: ArgumentHelp("Read times without a UTC offset in this zone (default: site.yml's timezone, else UTC).", valueName: "TZ"))
    var timezone: String?

    @Flag(name: .customLong("dry-run"), help: "Print what would be written and write nothing.")
    var dryRun = false

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no site folder at '\(site)'")
        }
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone: unknown time zone '\(timezone)' (expected an IANA name such as Asia/Singapore)")
        }
        if let category, category.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--category must not be empty")
        }
        if let source, source.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--source must not be empty")
        }
    }

    func run() async throws {
        var options = Importer.Options(siteDirectory: URL(fileURLWithPath: site, isDirectory: true))
        options.category = category?.trimmingCharacters(in: .whitespaces)
        options.timeZone = timezone.flatMap(TimeZone.init(identifier:))
        options.dryRun = dryRun
        options.source = source?.trimmingCharacters(in: .whitespaces)
        let prefix = Terminal.prefix(forSite: site)
        // Taken once the folder is known to be a site, so that nothing is made in any other.
        let lock: ImportLock
        do {
            _ = try SiteConfig.load(from: options.siteDirectory)
        } catch {
            for diagnostic in error.diagnostics { Terminal.print(diagnostic, prefix: prefix) }
            throw ExitCode.failure
        }
        do {
            lock = try ImportLock(site: options.siteDirectory)
        } catch {
            Terminal.message(path: prefix + ImportLock.path, severity: "error", error.message)
            throw ExitCode.failure
        }
        defer { withExtendedLifetime(lock) {} }
        let report: Importer.Report
        do {
            report = try await Importer(options: options).run(paths)
        } catch {
            for diagnostic in error.diagnostics { Terminal.print(diagnostic, prefix: prefix) }
            throw ExitCode.failure
        }
        for event in report.events {
            switch event {
            case .written(let path):
                Terminal.out((dryRun ? "would write " : "") + prefix + path)
            case .unchanged:
                break
            case .duplicate(let title, let path):
                Terminal.out("'\(title)': already imported as \(prefix)\(path)")
            case .keptEdited(let path):
                Terminal.message(path: prefix + path, severity: "warning", "edited since it was imported; not overwritten")
            case .failed(let input, let reason):
                Terminal.message(path: input, severity: "error", reason)
            case .warning(let input, let reason):
                Terminal.message(path: input, severity: "warning", reason)
            }
        }
        var summary =
            "\(dryRun ? "Would import" : "Imported") \(report.written.count), unchanged \(report.unchangedCount), failed \(report.failedCount)"
        if report.duplicateCount > 0 { summary += ", already imported \(report.duplicateCount)" }
        if report.keptEditedCount > 0 { summary += ", kept \(report.keptEditedCount) edited" }
        Terminal.out(summary)
        if report.failedCount > 0 { throw ExitCode.failure }
    }
}

extension Terminal {
    /// `path: error: reason`, for problems that belong to a whole input rather than a line of it.
    static func message(path: String, severity: String, _ text: String) {
        var label = "\(severity):"
        if useColour { label = (severity == "error" ? "\u{1B}[1;31m" : "\u{1B}[1;33m") + label + "\u{1B}[0m" }
        error("\(path): \(label) \(text)")
    }
}
