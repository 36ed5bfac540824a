import ArgumentParser

/// `pharosctl entity`: entities (`list`, `info`, `delete`).
struct EntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity", abstract: "Manage entities.",
        subcommands: [ListCommand<EntityKind>.self, InfoCommand<EntityKind>.self, DeleteCommand<EntityKind>.self])
}
