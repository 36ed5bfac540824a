import ArgumentParser
import PharosClient
import PharosCore

/// `pharosctl namespace`: namespaces (`create`, `list`, `delete`).
struct NamespaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "namespace", abstract: "Manage namespaces.",
        subcommands: [Create.self, ListCommand<NamespaceKind>.self, DeleteCommand<NamespaceKind>.self])

    /// `pharosctl namespace create NAME`: PUT `/api/core/v2/namespaces/NAME`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a namespace.")

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "Name of the namespace")
        var name: String

        func validate() throws {
            do {
                try Namespace(name: name).validate()
            } catch {
                throw ArgumentParser.ValidationError("invalid namespace name \"\(name)\": \(error.message)")
            }
        }

        func run() async throws {
            let context = try CommandContext(options: globals)
            let client = try await context.client()
            try await client.put(AnyResource(Namespace(name: name)))
            Terminal.write("Created\n")
        }
    }
}
