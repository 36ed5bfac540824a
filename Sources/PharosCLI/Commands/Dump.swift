import ArgumentParser
import Foundation
import PharosClient
import PharosCore

/// `pharosctl dump all|TYPE[,TYPE…] [-f FILE] [--format yaml|wrapped-json] [--all-namespaces] [--omit TYPES]`:
/// exports resources as wrapped documents that `create -f` restores (sensuctl `dump`, reference §9).
///
/// `all` is every type but API keys (as in Sensu, a dumped key cannot be restored: grant new ones), in an order
/// `create -f` can apply: cluster-wide types (namespaces, cluster roles and bindings, users), then per namespace
/// roles, bindings, assets, hooks, filters, mutators, handlers, pipelines, checks, entities, silenced entries and
/// events. Users are dumped without passwords (the API never returns them); restoring one that no longer exists
/// needs a `password` or `password_hash` added.
struct Dump: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export resources as YAML or wrapped JSON that pharosctl create -f restores.")

    /// The order of `all`.
    static let allTypes: [ResourceType] = [
        .namespace, .clusterRole, .clusterRoleBinding, .user, .role, .roleBinding, .asset, .hookConfig,
        .eventFilter, .mutator, .handler, .pipeline, .checkConfig, .entity, .silenced, .event,
    ]

    @OptionGroup var globals: GlobalOptions

    @Argument(help: "all, or comma-separated types (checks, handlers, core/v2.CheckConfig, …)")
    var types: String

    @Option(name: [.short, .customLong("file")], help: "Write to this file instead of standard output")
    var file: String?

    @Flag(name: .customLong("all-namespaces"), help: "Export namespaced resources of every namespace")
    var allNamespaces = false

    @Option(help: "Comma-separated types to leave out")
    var omit: String = ""

    func validate() throws {
        _ = try selectedTypes()
    }

    /// The types to export, in restore order.
    func selectedTypes() throws -> [ResourceType] {
        let wanted: [ResourceType]
        if types == "all" {
            wanted = Self.allTypes
        } else {
            wanted = try Self.parseList(types)
        }
        let omitted = Set(try Self.parseList(omit))
        let ordered = (Self.allTypes + [.apiKey]).filter { wanted.contains($0) && !omitted.contains($0) }
        return ordered
    }

    static func parseList(_ text: String) throws -> [ResourceType] {
        try text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map {
            name in
            guard let type = ResourceTypeName.parse(name) else {
                throw ValidationError("unknown resource type \"\(name)\"; known: all, \(ResourceTypeName.known)")
            }
            return type
        }
    }

    func run() async throws {
        let context = try CommandContext(options: globals)
        let format = context.format == .wrappedJSON || context.format == .json ? OutputFormat.wrappedJSON : .yaml
        let client = try await context.client()
        var resources: [AnyResource] = []
        for type in try selectedTypes() {
            let namespace = type.isNamespaced && !allNamespaces ? context.namespace : nil
            let listed: [any Resource] = try await client.list(type.modelType, namespace: namespace)
            resources += listed.map(AnyResource.init).sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        }
        let text =
            format == .wrappedJSON ? try ResourceCodec.encodeJSON(resources) : try ResourceCodec.encodeYAML(resources)
        if let file {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            } catch {
                throw CLIError("cannot write \(file): \(error.localizedDescription)")
            }
        } else {
            Terminal.write(text)
        }
    }
}
