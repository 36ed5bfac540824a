import ArgumentParser

/// `pharos-backend`: the Pharos backend (`init`, `start`).
@main
struct BackendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pharos-backend",
        abstract: "The Pharos backend (Sensu Go 6.x compatible).",
        subcommands: [InitCommand.self, StartCommand.self]
    )
}
