import ArgumentParser
import Foundation
import Gazette

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new site: site.yml, a sample article and a copy of the default theme."
    )

    @Argument(help: "The folder to create the site in.")
    var directory: String

    @Option(help: "The site's title.")
    var title = "My News Digest"

    func run() throws {
        do {
            let files = try SiteScaffold.create(at: URL(fileURLWithPath: directory, isDirectory: true), title: title)
            for file in files { Terminal.out("created \(directory)/\(file)") }
            Terminal.out("Next: cd \(directory) && gazette build")
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }
}
