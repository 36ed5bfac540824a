import ArgumentParser

/// `pharosctl clusterrole`: cluster roles (`list`, `info`, `delete`).
struct ClusterRoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusterrole", abstract: "Manage cluster roles.",
        subcommands: [
            ListCommand<ClusterRoleKind>.self, InfoCommand<ClusterRoleKind>.self, DeleteCommand<ClusterRoleKind>.self,
        ])
}
