import ArgumentParser
import PharosClient
import PharosCore

/// `pharosctl <type> delete NAME [--skip-confirm]`: asks for the name again on a terminal (sensuctl's
/// confirmation), then `DELETE`s the resource and prints `Deleted`.
struct DeleteCommand<Kind: ResourceKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "delete", abstract: "Delete one \(Kind.singular).")
    }

    @OptionGroup var globals: GlobalOptions

    @Argument(help: "Name of the \(Kind.singular)")
    var name: String

    @Flag(name: .customLong("skip-confirm"), help: "Delete without asking for confirmation")
    var skipConfirm = false

    func run() async throws {
        let context = try CommandContext(options: globals)
        try Confirmation.require(skip: skipConfirm, what: "\(Kind.singular) \"\(name)\"", answer: name)
        let client = try await context.client()
        try await client.delete(Kind.resourceType, name: name, namespace: context.namespace)
        Terminal.write("Deleted\n")
    }
}
