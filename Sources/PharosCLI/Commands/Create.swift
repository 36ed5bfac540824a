import ArgumentParser
import Foundation
import PharosClient
import PharosCore

/// `pharosctl create -f FILE|DIR|-`: decodes every input first and stores nothing if any document is invalid;
/// then PUTs each resource, in order, to its URI (sensuctl `create`, reference §1.2).
struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or replace resources from YAML or JSON files, directories or standard input.")

    @OptionGroup var globals: GlobalOptions

    @Option(name: [.short, .customLong("file")], help: "File, directory, or - for standard input (repeatable)")
    var files: [String] = []

    @Flag(name: [.short, .customLong("recursive")], help: "Search directories recursively")
    var recursive = false

    func run() async throws {
        let context = try CommandContext(options: globals)
        let inputs = try InputCollector(recursive: recursive).collect(files) {
            FileHandle.standardInput.readDataToEndOfFile()
        }
        let batch = ResourceBatch(decoding: inputs, namespace: context.namespace)
        for warning in batch.warnings { Terminal.error("warning: \(warning)") }
        guard batch.errors.isEmpty else {
            for error in batch.errors { Terminal.error("error: \(error)") }
            Terminal.error("error: nothing was created")
            throw ExitCode.failure
        }
        let client = try await context.client()
        try await ResourceCreator.create(batch.resources) { (resource: AnyResource) async throws(ClientError) in
            try await client.put(resource)
        }
    }
}
