import ArgumentParser

/// `pharosctl asset`: assets (`list`, `info`, `delete`).
struct AssetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset", abstract: "Manage assets.",
        subcommands: [ListCommand<AssetKind>.self, InfoCommand<AssetKind>.self, DeleteCommand<AssetKind>.self])
}
