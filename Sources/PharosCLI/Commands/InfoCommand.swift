import ArgumentParser
import PharosClient
import PharosCore

/// `pharosctl <type> info NAME`: fetches one resource and prints it (key/value lines for `tabular`).
struct InfoCommand<Kind: ResourceKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "info", abstract: "Show one \(Kind.singular).")
    }

    @OptionGroup var globals: GlobalOptions

    @Argument(help: "Name of the \(Kind.singular)")
    var name: String

    func run() async throws {
        let context = try CommandContext(options: globals)
        let client = try await context.client()
        let resource = try await client.get(Kind.Model.self, name: name, namespace: context.namespace)
        let printer = ResourcePrinter(renderer: TableRenderer(width: Terminal.width, colour: Terminal.colour))
        let tables = ResourceTables()
        Terminal.write(try printer.renderDetail(resource, format: context.format) { Kind.table(tables, $0) })
    }
}
