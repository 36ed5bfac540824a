import ArgumentParser

/// `pharosctl mutator`: mutators (`list`, `info`, `delete`).
struct MutatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutator", abstract: "Manage mutators.",
        subcommands: [ListCommand<MutatorKind>.self, InfoCommand<MutatorKind>.self, DeleteCommand<MutatorKind>.self])
}
