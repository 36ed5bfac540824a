import ArgumentParser

/// `pharosctl hook`: hooks (`list`, `info`, `delete`).
struct HookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook", abstract: "Manage hooks.",
        subcommands: [ListCommand<HookKind>.self, InfoCommand<HookKind>.self, DeleteCommand<HookKind>.self])
}
