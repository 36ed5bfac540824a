import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PharosClient
import PharosCore

/// Loads and decodes the inputs of `create -f` and `delete -f`: files, directories (`-r`), `http(s)://` URLs
/// and standard input (`-`, or nothing given), in the order given; every document is decoded before anything is
/// sent (reference §1.2), with warnings and errors printed one per line naming the input.
struct InputLoader {
    /// Largest document fetched from a URL, in bytes (16 MiB).
    static let maximumURLBytes = 16 << 20

    let recursive: Bool
    let namespace: String
    let httpClient: HTTPClient
    let timeout: Duration

    /// The decoded resources.
    /// - Throws: `CLIError` for unreadable inputs or URLs; `ExitCode.failure` after printing the decoding errors
    ///   (`error: nothing was <verb>`).
    func load(_ paths: [String], verb: String) async throws -> [AnyResource] {
        var inputs: [ResourceInput] = []
        let collector = InputCollector(recursive: recursive)
        for path in paths.isEmpty ? ["-"] : paths {
            if path.hasPrefix("http://") || path.hasPrefix("https://") {
                inputs.append(ResourceInput(source: path, data: try await fetch(path)))
            } else {
                inputs += try collector.collect([path]) { FileHandle.standardInput.readDataToEndOfFile() }
            }
        }
        let batch = ResourceBatch(decoding: inputs, namespace: namespace)
        for warning in batch.warnings { Terminal.error("warning: \(warning)") }
        guard batch.errors.isEmpty else {
            for error in batch.errors { Terminal.error("error: \(error)") }
            Terminal.error("error: nothing was \(verb)")
            throw ExitCode.failure
        }
        return batch.resources
    }

    private func fetch(_ url: String) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/yaml, application/json, text/plain")
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(timeout.components.seconds))
            let body = try await response.body.collect(upTo: Self.maximumURLBytes)
            guard response.status.code == 200 else {
                throw CLIError("\(url): HTTP \(response.status.code) \(response.status.reasonPhrase)")
            }
            return Data(body.readableBytesView)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(url): cannot fetch: \(error)")
        }
    }
}
