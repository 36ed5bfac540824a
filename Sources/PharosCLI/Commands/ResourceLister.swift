import PharosClient
import PharosCore

/// The shared body of the `<type> list` commands: fetch, render in the chosen format, print.
enum ResourceLister {
    /// Lists `type` in the current namespace (or all with `--all-namespaces`) and prints it.
    /// - Throws: `CLIError` when not configured; `ClientError` for API failures.
    static func run<R: Resource>(
        _ type: R.Type, globals: GlobalOptions, list: ListOptions, table: (ResourceTables, [R]) -> Table
    ) async throws {
        let context = try CommandContext(options: globals)
        let client = try await context.client()
        let namespace = list.allNamespaces ? nil : context.namespace
        let resources = try await client.list(type, namespace: namespace)
        let printer = ResourcePrinter(renderer: TableRenderer(colour: Terminal.standardOutputIsTerminal))
        let tables = ResourceTables()
        Terminal.write(try printer.render(resources, format: context.format) { table(tables, $0) })
    }
}
