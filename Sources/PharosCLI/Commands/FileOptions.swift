import ArgumentParser
import Foundation
import PharosCore

/// The inputs of `create -f` and `delete -f`: files, directories, `http(s)://` URLs or `-` for standard input,
/// and `-r` (sensuctl's flags, reference §1.2).
struct FileOptions: ParsableArguments {
    @Option(
        name: [.short, .customLong("file")], help: "File, directory, http(s) URL, or - for standard input (repeatable)")
    var files: [String] = []

    @Flag(name: [.short, .customLong("recursive")], help: "Search directories recursively")
    var recursive = false

    /// Reads and decodes every input with the context's namespace, TLS settings and timeout.
    /// - Throws: `CLIError` for unreadable inputs; `ExitCode.failure` after printing decoding errors
    ///   (`error: nothing was <verb>`).
    func resources(context: CommandContext, verb: String) async throws -> [AnyResource] {
        let cluster = try context.directory.loadCluster()
        let loader = InputLoader(
            recursive: recursive, namespace: context.namespace,
            httpClient: try HTTPClients.client(for: context.tlsOptions(cluster: cluster)),
            timeout: try context.timeout(cluster: cluster))
        return try await loader.load(files, verb: verb)
    }
}
