import ArgumentParser
import Foundation
import Gazette

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start an article: write content/YYYY/MM/DD/<slug>.md with its front matter and print its path.",
        discussion: """
            The file has the front matter `gazette import` writes (title, date, category, and source, tags, \
            draft when given, and slug: so that the address stays when the title is edited), and an empty body \
            to write. It never replaces a file: when the name is taken, the next free one (<slug>-2.md, …) is used.
            """
    )

    @Argument(help: "The headline.")
    var title: String

    @Option(help: "The article's category (front matter category:).")
    var category: String

    @Option(help: ArgumentHelp("The outlet that wrote it (front matter source:).", valueName: "NAME"))
    var source: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag (repeatable).", valueName: "TAG"))
    var tags: [String] = []

    @Option(
        help: ArgumentHelp(
            "The article's date and time, ISO 8601 (2022-03-12 or 2022-03-12T09:30; without an offset, in site.yml's timezone). Default: now.",
            valueName: "ISO8601"))
    var date: String?

    @Flag(help: "Mark it draft: true (built only with --drafts, -D).")
    var draft = false

    @Option(name: .long, help: "The site folder (holding site.yml and content/).")
    var site: String = "."

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no site folder at '\(site)'")
        }
        var given: [(name: String, value: String)] = [("the headline", title), ("--category", category)]
        if let source { given.append(("--source", source)) }
        given += tags.map { ("--tag", $0) }
        for (name, value) in given where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("\(name) must not be empty")
        }
        if let date {
            do { _ = try ISO8601Reader.read(date, in: TimeZone(identifier: "UTC")!) } catch {
                throw ValidationError("--date: '\(date)' is not an ISO 8601 date: \(error.message)")
            }
        }
    }

    func run() throws {
        var article = NewArticle(title: title, category: category)
        article.source = source
        article.tags = tags
        article.date = date
        article.draft = draft
        let prefix = Terminal.prefix(forSite: site)
        do {
            let written = try article.write(into: URL(fileURLWithPath: site, isDirectory: true), now: Date())
            Terminal.out(prefix + written.path)
            if written.future {
                Terminal.error("note: dated after now: builds leave it out until then (--future, -F, includes it)")
            }
        } catch let failure as BuildFailure {
            for diagnostic in failure.diagnostics { Terminal.print(diagnostic, prefix: prefix) }
            throw ExitCode.failure
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}
