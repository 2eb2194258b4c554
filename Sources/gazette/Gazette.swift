import ArgumentParser

@main
struct GazetteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "A static site generator for news digests.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, InitCommand.self, PublishCommand.self]
    )
}
