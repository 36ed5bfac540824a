import ArgumentParser
import Foundation
import PharosClient
import PharosCore

/// `pharosctl delete -f FILE|DIR|URL|-`: decodes every input first (nothing is deleted if any is invalid), then
/// DELETEs each resource at its URI, in order (sensuctl `delete`, reference §9). A resource that is already gone
/// is reported as a warning and the others are still deleted.
struct DeleteFiles: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete the resources described in files, directories, URLs or stdin.")

    @OptionGroup var globals: GlobalOptions

    @OptionGroup var input: FileOptions

    func run() async throws {
        let context = try CommandContext(options: globals)
        let resources = try await input.resources(context: context, verb: "deleted")
        let client = try await context.client()
        let missing = try await Self.deleteAll(resources, client: client)
        Terminal.write("Deleted \(resources.count - missing) of \(resources.count)\n")
    }

    /// Deletes each resource in order, warning about those that did not exist.
    /// - Returns: How many did not exist.
    /// - Throws: `ClientError` for a failure other than 404.
    static func deleteAll(_ resources: [AnyResource], client: PharosClient) async throws(ClientError) -> Int {
        var missing = 0
        for resource in resources {
            let existed = try await delete(resource, client: client)
            if !existed {
                missing += 1
                Terminal.error("warning: \(resource.resourceType.typeName) \"\(resource.name)\" does not exist")
            }
        }
        return missing
    }

    /// Deletes `resource`; `false` when it did not exist (404).
    /// - Throws: `ClientError` for any other failure.
    static func delete(_ resource: AnyResource, client: PharosClient) async throws(ClientError) -> Bool {
        do {
            try await client.delete(path: resource.uriPath)
            return true
        } catch {
            if error.httpStatus == 404 { return false }
            throw error
        }
    }
}
