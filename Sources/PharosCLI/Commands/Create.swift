import ArgumentParser
import Foundation
import PharosClient
import PharosCore

/// `pharosctl create -f FILE|DIR|URL|-`: decodes every input first and stores nothing if any document is
/// invalid; then PUTs each resource, in order, to its URI (sensuctl `create`, reference §1.2). Resources are
/// labelled `sensu.io/managed_by: sensuctl` and namespaced ones without a namespace get the current one.
struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or replace resources from YAML or JSON files, directories, URLs or standard input.")

    @OptionGroup var globals: GlobalOptions

    @OptionGroup var input: FileOptions

    func run() async throws {
        let context = try CommandContext(options: globals)
        let resources = try await input.resources(context: context, verb: "created")
        let client = try await context.client()
        try await ResourceCreator.create(resources) { (resource: AnyResource) async throws(ClientError) in
            try await client.put(resource)
        }
    }
}
