import ArgumentParser
import Foundation
import PharosClient

/// `pharosctl check`: checks (`list`, `info`, `delete`, `execute`).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Manage checks.",
        subcommands: [
            ListCommand<CheckKind>.self, InfoCommand<CheckKind>.self, DeleteCommand<CheckKind>.self, Execute.self,
        ])

    /// `pharosctl check execute NAME [--subscriptions a,b] [--reason r]`: an adhoc check request
    /// (`POST …/checks/NAME/execute`); prints `Issued`.
    struct Execute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Request an execution of a check now.")

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "Name of the check")
        var name: String

        @Option(help: "Comma-separated subscriptions to send the request to instead of the check's own")
        var subscriptions: String = ""

        @Option(help: "Why the check is executed (recorded with the request)")
        var reason: String = ""

        func run() async throws {
            let context = try CommandContext(options: globals)
            let client = try await context.client()
            let list = subscriptions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            try await client.execute(
                check: name, namespace: context.namespace, subscriptions: list.filter { !$0.isEmpty },
                reason: reason)
            Terminal.write("Issued\n")
        }
    }
}
