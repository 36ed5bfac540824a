import ArgumentParser

/// `pharosctl clusterrolebinding`: cluster role bindings (`list`, `info`, `delete`).
struct ClusterRoleBindingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusterrolebinding", abstract: "Manage cluster role bindings.",
        subcommands: [
            ListCommand<ClusterRoleBindingKind>.self, InfoCommand<ClusterRoleBindingKind>.self,
            DeleteCommand<ClusterRoleBindingKind>.self,
        ])
}
