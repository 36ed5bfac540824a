import ArgumentParser

/// `pharosctl role`: roles (`list`, `info`, `delete`).
struct RoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "Manage roles.",
        subcommands: [ListCommand<RoleKind>.self, InfoCommand<RoleKind>.self, DeleteCommand<RoleKind>.self])
}
