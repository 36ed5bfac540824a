import ArgumentParser

/// `pharosctl rolebinding`: role bindings (`list`, `info`, `delete`).
struct RoleBindingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolebinding", abstract: "Manage role bindings.",
        subcommands: [
            ListCommand<RoleBindingKind>.self, InfoCommand<RoleBindingKind>.self, DeleteCommand<RoleBindingKind>.self,
        ])
}
