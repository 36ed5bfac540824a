import ArgumentParser

/// `pharosctl handler`: handlers (`list`, `info`, `delete`).
struct HandlerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handler", abstract: "Manage handlers.",
        subcommands: [ListCommand<HandlerKind>.self, InfoCommand<HandlerKind>.self, DeleteCommand<HandlerKind>.self])
}
