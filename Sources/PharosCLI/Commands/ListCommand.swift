import ArgumentParser
import PharosClient
import PharosCore

/// `pharosctl <type> list`: fetches the resources (in pages with `--chunk-size`, filtered by selectors), renders
/// them in the chosen format and prints them.
struct ListCommand<Kind: ResourceKind>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List \(Kind.plural).")
    }

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var list: ListOptions

    func run() async throws {
        let context = try CommandContext(options: globals)
        let client = try await context.client()
        let namespace = list.allNamespaces ? nil : context.namespace
        let query = ListQuery(
            chunkSize: list.chunkSize, labelSelector: list.labelSelector, fieldSelector: list.fieldSelector)
        let resources = try await client.list(Kind.Model.self, namespace: namespace, query: query)
        let printer = ResourcePrinter(renderer: TableRenderer(width: Terminal.width, colour: Terminal.colour))
        let tables = ResourceTables()
        Terminal.write(try printer.render(resources, format: context.format) { Kind.table(tables, $0) })
    }
}
