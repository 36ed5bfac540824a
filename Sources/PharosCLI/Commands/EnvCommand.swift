import ArgumentParser
import Foundation
import PharosClient

/// `pharosctl env`: prints `export SENSU_…="…"` lines for the current configuration (sensuctl `env`), so
/// `eval $(pharosctl env)` configures a shell or a CI job; the access token is refreshed first if needed.
struct EnvCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env", abstract: "Print shell exports of the current configuration (eval $(pharosctl env)).")

    @OptionGroup var globals: GlobalOptions

    @Option(help: "Shell syntax: bash (also zsh, sh) or fish")
    var shell: String = "bash"

    func validate() throws {
        guard ["bash", "zsh", "sh", "fish"].contains(shell) else {
            throw ValidationError("--shell \"\(shell)\": expected bash, zsh, sh or fish")
        }
    }

    func run() async throws {
        let context = try CommandContext(options: globals)
        let client = try await context.client()
        let cluster = try context.directory.loadCluster()
        let tls = context.tlsOptions(cluster: cluster)
        let values: [(String, String)] = [
            ("SENSU_API_URL", client.apiURL),
            ("SENSU_NAMESPACE", context.namespace),
            ("SENSU_FORMAT", context.format.rawValue),
            ("SENSU_ACCESS_TOKEN", client.accessToken ?? ""),
            ("SENSU_ACCESS_TOKEN_EXPIRES_AT", String(cluster?.expiresAt ?? 0)),
            ("SENSU_REFRESH_TOKEN", cluster?.refreshToken ?? ""),
            ("SENSU_TRUSTED_CA_FILE", tls.trustedCAFile),
            ("SENSU_INSECURE_SKIP_TLS_VERIFY", String(tls.insecureSkipVerify)),
        ]
        var text = ""
        for (name, value) in values {
            let quoted =
                "\""
                + value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "$", with: "\\$") + "\""
            text += shell == "fish" ? "set -x \(name) \(quoted);\n" : "export \(name)=\(quoted)\n"
        }
        text += "# Run this command to configure your shell:\n# eval $(pharosctl env)\n"
        Terminal.write(text)
    }
}
