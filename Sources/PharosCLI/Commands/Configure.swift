import ArgumentParser
import Foundation
import PharosClient

/// `pharosctl configure`: logs in (`GET /auth`) and writes the `cluster` and `profile` files (sensuctl
/// `configure`, reference §9). Prompts for missing values on a terminal unless `-n` is given. The TLS flags and
/// `--timeout` given here are kept in the `cluster` file for later commands.
struct Configure: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Log in to a Pharos API and save the URL, tokens, namespace and format.")

    /// The API URL used when none is given (sensuctl's default).
    static let defaultURL = "http://127.0.0.1:8080"

    @OptionGroup var globals: GlobalOptions

    @Flag(name: [.short, .customLong("non-interactive")], help: "Do not prompt; take every value from flags")
    var nonInteractive = false

    @Option(help: "API URL (default: --api-url, else http://127.0.0.1:8080)")
    var url: String?

    @Option(help: "User name")
    var username: String?

    @Option(help: "Password")
    var password: String?

    func validate() throws {
        let interactive = !nonInteractive && Terminal.standardInputIsTerminal
        guard !interactive else { return }
        if username == nil {
            throw ArgumentParser.ValidationError(
                "--username is required with --non-interactive (or without a terminal)")
        }
        if password == nil {
            throw ArgumentParser.ValidationError(
                "--password is required with --non-interactive (or without a terminal)")
        }
    }

    func run() async throws {
        let context = try CommandContext(options: globals)
        let interactive = !nonInteractive && Terminal.standardInputIsTerminal
        var apiURL = url ?? globals.apiURL
        var user = username
        var secret = password
        if interactive {
            if apiURL == nil { apiURL = Terminal.prompt("API URL", default: Self.defaultURL) }
            if user == nil { user = Terminal.prompt("Username") }
            if secret == nil { secret = Terminal.promptSecret("Password") }
        }
        guard let user, let secret else {
            throw CLIError("a username and a password are needed to log in")
        }
        let target = apiURL ?? Self.defaultURL
        let client = try context.anonymousClient(apiURL: target)
        let tokens = try await client.authenticate(username: user, password: secret)
        let tls = context.tlsOptions(cluster: nil)
        let timeout = try context.timeout(cluster: nil)
        try context.directory.save(
            ClusterConfig(
                apiURL: client.apiURL, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken,
                expiresAt: tokens.expiresAt, trustedCAFile: tls.trustedCAFile,
                insecureSkipTLSVerify: tls.insecureSkipVerify,
                timeoutSeconds: Double(timeout.components.seconds)
                    + Double(timeout.components.attoseconds) / 1e18))
        try context.directory.save(ProfileConfig(namespace: context.namespace, format: context.format, username: user))
    }
}
