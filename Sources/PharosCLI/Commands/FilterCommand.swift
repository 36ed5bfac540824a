import ArgumentParser

/// `pharosctl filter`: event filters (`list`, `info`, `delete`).
struct FilterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter", abstract: "Manage event filters.",
        subcommands: [ListCommand<FilterKind>.self, InfoCommand<FilterKind>.self, DeleteCommand<FilterKind>.self])
}
