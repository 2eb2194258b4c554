import ArgumentParser
import Foundation
import Gazette
import GazetteFetch

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the site's sources (sources.yml, or an OPML list) and import their new articles.",
        discussion: """
            Every source is fetched at once (8 at a time), each within --timeout, and read exactly as \
            `gazette import` reads a feed file. One line per source says what happened; one source failing \
            never stops the others. The exit code is 1 only when every source failed (or the sources file is \
            wrong), so `gazette fetch && gazette build && gazette publish` keeps publishing when one wire is \
            down. Conditional requests, permanent redirects, Retry-After and each source's health are kept in \
            .gazette/fetch/.
            """
    )

    @Option(name: .long, help: "The site folder (holding site.yml and content/).")
    var site: String = "."

    @Option(help: ArgumentHelp("The sources: a YAML list or an OPML file (default: sources.yml in the site).", valueName: "FILE"))
    var sources: String?

    @Option(help: ArgumentHelp("Fetch only the source with this name (repeatable).", valueName: "NAME"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Seconds for each download, from connecting to the last byte.", valueName: "SECONDS"))
    var timeout: Double = 30

    @Option(name: .customLong("max-size"), help: ArgumentHelp("The largest body read, in bytes or with K or M (20M).", valueName: "SIZE"))
    var maxSize: String = "20M"

    @Flag(name: .customLong("dry-run"), help: "Fetch and print what would be written; write nothing, not even the fetch state.")
    var dryRun = false

    @Flag(help: "Print each file written and each item's warning.")
    var verbose = false

    @Flag(help: "Print each source's health (last success, last error, failures in a row) and fetch nothing.")
    var status = false

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no site folder at '\(site)'")
        }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        guard let bytes = Self.bytes(maxSize), bytes > 0 else {
            throw ValidationError("--max-size: '\(maxSize)' is not a size (bytes, or a number with K or M, such as 20M)")
        }
        _ = bytes
    }

    /// `20M`, `512K`, `1048576` as bytes.
    static func bytes(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "B", with: "")
        let units: [(String, Int)] = [("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let n = Double(t.dropLast()), n > 0, n * Double(factor) < Double(Int32.max) else { return nil }
            return Int(n * Double(factor))
        }
        return Int(t)
    }

    func run() async throws {
        let siteURL = URL(fileURLWithPath: site, isDirectory: true)
        let prefix = Terminal.prefix(forSite: site)
        let sourcesPath = sources ?? siteURL.appendingPathComponent(SourceList.fileName).path
        let shownPath = sources ?? prefix + SourceList.fileName
        let config: SiteConfig
        do {
            config = try SiteConfig.load(from: siteURL)
        } catch {
            for diagnostic in error.diagnostics { Terminal.print(diagnostic, prefix: prefix) }
            throw ExitCode.failure
        }

        var list: [FetchSource]
        do {
            list = try SourceList.load(path: sourcesPath, displayPath: shownPath)
        } catch {
            for diagnostic in error.diagnostics { Terminal.print(diagnostic, prefix: "") }
            throw ExitCode.failure
        }
        let everySource = list
        if !only.isEmpty {
            let wanted = Set(only.map { $0.lowercased() })
            let unknown = only.filter { name in !list.contains { $0.name.lowercased() == name.lowercased() } }
            guard unknown.isEmpty else {
                Terminal.message(
                    path: shownPath, severity: "error",
                    "no source named \(unknown.map { "'\($0)'" }.joined(separator: ", ")) (the sources are \(list.map { "'\($0.name)'" }.joined(separator: ", ")))"
                )
                throw ExitCode.failure
            }
            list = list.filter { wanted.contains($0.name.lowercased()) }
        }

        if status {
            printStatus(list, state: FetchState.load(from: siteURL))
            return
        }
        guard !list.isEmpty else {
            Terminal.message(path: shownPath, severity: "error", "no sources to fetch: add one ('- name: …' with 'url: …')")
            throw ExitCode.failure
        }

        // Taken once the folder is known to be a site, so that nothing is made in any other.
        let lock: ImportLock
        do {
            lock = try ImportLock(site: siteURL)
        } catch {
            Terminal.message(path: prefix + ImportLock.path, severity: "error", error.message)
            throw ExitCode.failure
        }
        defer { withExtendedLifetime(lock) {} }

        var session: ImportSession
        do {
            var importOptions = Importer.Options(siteDirectory: siteURL)
            importOptions.dryRun = dryRun
            session = try await ImportSession(options: importOptions)
        } catch {
            for diagnostic in error.diagnostics { Terminal.print(diagnostic, prefix: prefix) }
            throw ExitCode.failure
        }

        var options = FetchRun.Options(siteDirectory: siteURL)
        options.limits.timeout = timeout
        options.limits.maxBytes = Self.bytes(maxSize) ?? options.limits.maxBytes
        options.dryRun = dryRun
        var state = FetchState.load(from: siteURL)
        let report = await FetchRun(options: options).run(list, session: &session, state: &state, baseURL: config.baseURL)

        for outcome in report.outcomes { print(outcome, prefix: prefix) }
        session.finish()
        var stateSaved = true
        if !dryRun {
            // Records of sources taken out of the site's list go; another list (--sources) is
            // a one-off and forgets nothing.
            if sources == nil { state.keepOnly(everySource) }
            do {
                try state.save(to: siteURL)
            } catch {
                // The articles are written, but a forgotten Retry-After would ask a server again
                // too soon: a failure the editor must see.
                Terminal.message(path: prefix + FetchState.folder, severity: "error", error.message)
                stateSaved = false
            }
        }
        var summary = "\(dryRun ? "Would fetch" : "Fetched") \(report.outcomes.count) source\(report.outcomes.count == 1 ? "" : "s"): "
        summary += "\(report.readCount) read, \(report.notModifiedCount) not modified, \(report.failedCount) failed"
        if report.skippedCount > 0 { summary += ", \(report.skippedCount) skipped" }
        summary += "; \(report.newCount) new article\(report.newCount == 1 ? "" : "s"), \(report.updatedCount) updated"
        Terminal.out(summary)
        if !report.succeeded {
            Terminal.error(
                "error: no source could be read (\(report.failedCount) failed\(report.skippedCount > 0 ? ", \(report.skippedCount) skipped" : ""))"
            )
            throw ExitCode.failure
        }
        if !stateSaved { throw ExitCode.failure }
    }

    private func print(_ outcome: FetchRun.Outcome, prefix: String) {
        let name = outcome.source.name
        switch outcome.result {
        case .read(let new, let updated, let unchanged):
            var line = "\(name): \(new) new"
            if updated > 0 { line += ", \(updated) updated" }
            line += ", \(unchanged) unchanged"
            if let moved = outcome.movedTo { line += " (moved permanently to \(moved); remembered)" }
            Terminal.out(line)
        case .notModified:
            Terminal.out("\(name): not modified")
        case .skipped(let until):
            Terminal.out("\(name): skipped: the server asked not to be asked again before \(Self.time(until))")
        case .failed(let reason):
            var text = "\(reason) (\(outcome.address))"
            if let retry = outcome.retryAfter { text += "; not asked again before \(Self.time(retry))" }
            Terminal.message(path: name, severity: "error", text)
        }
        for event in outcome.events {
            switch event {
            case .written(let path): if verbose { Terminal.out("  \(dryRun ? "would write" : "wrote") \(prefix)\(path)") }
            case .duplicate(let title, let path):
                if verbose { Terminal.out("  '\(title)': already imported as \(prefix)\(path)") }
            case .keptEdited(let path):
                Terminal.message(path: prefix + path, severity: "warning", "edited since it was imported; not overwritten")
            case .failed(let input, let reason): Terminal.message(path: "\(name): \(input)", severity: "error", reason)
            case .warning(let input, let reason): Terminal.message(path: "\(name): \(input)", severity: "warning", reason)
            case .unchanged: break
            }
        }
        let shown = verbose ? outcome.warnings : Array(outcome.warnings.prefix(3))
        for warning in shown { Terminal.message(path: name, severity: "warning", warning) }
        if shown.count < outcome.warnings.count {
            Terminal.message(path: name, severity: "warning", "\(outcome.warnings.count - shown.count) more (--verbose shows them)")
        }
    }

    private func printStatus(_ list: [FetchSource], state: FetchState) {
        for source in list {
            let record = state.record(for: source)
            var line = "\(source.name): "
            line += record.lastSuccess.map { "last success \(Self.time($0))" } ?? "never fetched successfully"
            if record.consecutiveFailures > 0 {
                line += "; \(record.consecutiveFailures) failure\(record.consecutiveFailures == 1 ? "" : "s") in a row"
            }
            if let error = record.lastError { line += "; last error: \(error)" }
            if let until = record.notBefore, until > Date() { line += "; rate-limited until \(Self.time(until))" }
            if let moved = record.movedTo { line += "; moved to \(moved)" }
            Terminal.out(line)
        }
    }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }
}
