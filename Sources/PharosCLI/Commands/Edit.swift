import ArgumentParser
import Foundation
import PharosClient
import PharosCore

/// `pharosctl edit TYPE NAME`: fetches the resource, opens it as a wrapped YAML document (JSON with
/// `--format json|wrapped-json`) in `$VISUAL`/`$EDITOR` (else `vi`), and PUTs it back. When the document does not
/// decode or the server refuses it, the error is written at the top of the file as `# error:` lines and the
/// editor opens again; saving it unchanged cancels (sensuctl `edit`, reference §9).
struct Edit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Edit a resource in $EDITOR and save it back.")

    @OptionGroup var globals: GlobalOptions

    @Argument(help: "Resource type, e.g. check, handler, entity, silenced, role")
    var type: String

    @Argument(help: "Name of the resource")
    var name: String

    func validate() throws {
        guard let resolved = ResourceTypeName.parse(type) else {
            throw ValidationError("unknown resource type \"\(type)\"; known: \(ResourceTypeName.known)")
        }
        guard resolved != .event else {
            throw ValidationError("events cannot be edited; use pharosctl event resolve, or create -f")
        }
    }

    func run() async throws {
        guard let resourceType = ResourceTypeName.parse(type) else { return }
        let context = try CommandContext(options: globals)
        let client = try await context.client()
        let path = PharosClient.resourcePath(
            resourceType, name: name, namespace: resourceType.isNamespaced ? context.namespace : nil)
        let body = try await client.getJSON(path)
        let current = try ResourceCodec(validates: false).decodeBare(resourceType, from: body).resources
        let json = context.format == .json || context.format == .wrappedJSON
        let original = json ? try ResourceCodec.encodeJSON(current) : try ResourceCodec.encodeYAML(current)
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("pharosctl-edit-\(UUID().uuidString).\(json ? "json" : "yaml")")
        defer { try? FileManager.default.removeItem(at: file) }
        var text = original
        var lastFailed: String?
        while true {
            try Data(text.utf8).write(to: file)
            try Self.runEditor(on: file.path)
            let edited = Self.withoutErrorLines(try String(contentsOf: file, encoding: .utf8))
            if edited == Self.withoutErrorLines(original) {
                Terminal.write("Edit cancelled, no changes made.\n")
                return
            }
            if edited == lastFailed {
                throw CLIError("edit aborted: the document was saved again without fixing the error")
            }
            let failure: String
            do {
                let decoded = try ResourceCodec(defaultNamespace: context.namespace).decode(edited)
                guard decoded.resources.count == 1, let resource = decoded.resources.first else {
                    throw CLIError("the file must hold exactly one resource, not \(decoded.resources.count)")
                }
                try await client.put(ResourceBatch.labelled(resource))
                Terminal.write("Updated\n")
                return
            } catch let error as ResourceDecodingError {
                failure = error.diagnostics.map(\.description).joined(separator: "\n")
            } catch let error as ClientError {
                failure = error.description
            } catch let error as CLIError {
                failure = error.description
            }
            Terminal.error("error: \(failure)")
            lastFailed = edited
            text = failure.split(separator: "\n").map { "# error: \($0)\n" }.joined() + edited
        }
    }

    /// The file's text without the `# error:` lines a previous round added, with LF line endings (an editor may
    /// save CRLF; `"\r\n"` is one `Character`, so both endings are split explicitly).
    static func withoutErrorLines(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .filter { !$0.hasPrefix("# error:") }.joined(separator: "\n")
    }

    /// Runs the editor on `path` with the terminal attached and waits for it.
    /// - Throws: `CLIError` when the editor cannot start or exits with a failure status.
    static func runEditor(on path: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", path]
        do {
            try process.run()
        } catch {
            throw CLIError("cannot start the editor \"\(editor)\": \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError("the editor \"\(editor)\" exited with status \(process.terminationStatus); nothing saved")
        }
    }
}
