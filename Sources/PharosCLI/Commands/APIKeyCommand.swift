import ArgumentParser
import PharosClient
import PharosCore

/// `pharosctl api-key`: API keys (`list`, `info`, `grant USER`, `revoke KEY`).
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-key", abstract: "Manage API keys.",
        subcommands: [ListCommand<APIKeyKind>.self, InfoCommand<APIKeyKind>.self, Grant.self, Revoke.self])

    /// `pharosctl api-key grant USER`: `POST /apikeys`; prints `Created: /api/core/v2/apikeys/<key>`.
    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key for a user.")

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "User the key authenticates as")
        var username: String

        func run() async throws {
            let context = try CommandContext(options: globals)
            let client = try await context.client()
            let key = try await client.grantAPIKey(username: username)
            Terminal.write("Created: /api/core/v2/apikeys/\(key)\n")
        }
    }

    /// `pharosctl api-key revoke KEY [--skip-confirm]`: `DELETE /apikeys/KEY`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key.")

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "The key")
        var key: String

        @Flag(name: .customLong("skip-confirm"), help: "Revoke without asking for confirmation")
        var skipConfirm = false

        func run() async throws {
            let context = try CommandContext(options: globals)
            try Confirmation.require(skip: skipConfirm, what: "API key \"\(key)\"", answer: key)
            let client = try await context.client()
            try await client.delete(.apiKey, name: key, namespace: nil)
            Terminal.write("Deleted\n")
        }
    }
}
