import ArgumentParser
import Foundation
import Gazette

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new site: site.yml, a sample article, sources.yml, static/ and a .gitignore.",
        discussion: """
            The site uses the theme built into gazette; a file in its Templates/ replaces the built-in one of the \
            same name. `gazette theme copy` copies the whole theme there.
            """
    )

    @Argument(help: "The folder to create the site in.")
    var directory: String

    @Option(help: "The site's title.")
    var title = "My News Digest"

    func run() throws {
        do {
            let created = try SiteScaffold.create(at: URL(fileURLWithPath: directory, isDirectory: true), title: title)
            for file in created.written { Terminal.out("created \(directory)/\(file)") }
            for file in created.kept {
                Terminal.out("kept \(directory)/\(file): it was there already (it should name public/ and .gazette/)")
            }
            Terminal.out("Next: cd \(directory) && gazette build")
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}
