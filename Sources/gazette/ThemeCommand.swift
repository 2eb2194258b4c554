import ArgumentParser
import Foundation
import Gazette

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Work with the site's theme.",
        discussion: """
            A site uses the theme built into gazette. A file of the same name in the site's Templates/ \
            (a template such as article.mustache, a partial, assets/style.css) takes its place, file by file; \
            Templates/i18n/<language>.yml adds to the built-in table key by key. `gazette theme copy` copies \
            every file, for a site that wants to own the whole theme.
            """,
        subcommands: [Copy.self]
    )

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy the built-in theme into the site's Templates/, never replacing a file that is there."
        )

        @Option(name: .long, help: "The site folder (holding site.yml).")
        var site: String = "."

        func run() throws {
            let prefix = Terminal.prefix(forSite: site)
            let siteURL = URL(fileURLWithPath: site, isDirectory: true)
            do {
                try SiteConfig.requireSite(siteURL)
                let result = try SiteScaffold.copyTheme(into: siteURL)
                for path in result.copied { Terminal.out("copied \(prefix)\(path)") }
                for path in result.skipped { Terminal.out("skipped \(prefix)\(path): already there, left as it is") }
                var line = "Copied \(plural(result.copied.count, "file")) of the theme into \(prefix)\(Theme.folder)/"
                if !result.skipped.isEmpty { line += "; skipped \(result.skipped.count) already there" }
                Terminal.out(line)
            } catch {
                for diagnostic in error.diagnostics { Terminal.print(diagnostic, prefix: prefix) }
                throw ExitCode.failure
            }
        }
    }
}
