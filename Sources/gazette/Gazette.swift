import ArgumentParser
import Gazette

@main
struct GazetteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "A static site generator for news digests.",
        version: GazetteInfo.version,
        subcommands: [
            BuildCommand.self, FetchCommand.self, ImportCommand.self, InitCommand.self, NewCommand.self, PublishCommand.self,
            ServeCommand.self, ThemeCommand.self,
        ]
    )
}
