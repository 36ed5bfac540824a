public import ArgumentParser
import Foundation
import PharosClient

/// `pharosctl`: the command-line client of Pharos, with sensuctl's command names, flags and output formats
/// (reference §9).
public struct PharosCtl: AsyncParsableCommand {
    /// The command tree.
    public static let configuration = CommandConfiguration(
        commandName: "pharosctl",
        abstract: "Manage Pharos (a Sensu Go compatible observability pipeline) from the command line.",
        subcommands: [
            Configure.self, Logout.self, Create.self, DeleteFiles.self, Edit.self, Dump.self, CheckCommand.self,
            EntityCommand.self, EventCommand.self, HandlerCommand.self, FilterCommand.self, MutatorCommand.self,
            AssetCommand.self, HookCommand.self, PipelineCommand.self, SilencedCommand.self, NamespaceCommand.self,
            UserCommand.self, RoleCommand.self, RoleBindingCommand.self, ClusterRoleCommand.self,
            ClusterRoleBindingCommand.self, APIKeyCommand.self, EnvCommand.self, VersionCommand.self,
            CompletionCommand.self,
        ]
    )

    /// Creates the command (ArgumentParser fills it).
    public init() {}

    /// Parses the command line, runs the command, and turns failures into one line on standard error
    /// (`error: <message> (code N, HTTP S)` for API errors) and exit status 1.
    public static func main() async {
        do {
            var command = try parseAsRoot(arguments(movingGlobalOptionsIn: Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ClientError {
            Terminal.error("error: \(error)")
            Self.exit(withError: ExitCode.failure)
        } catch let error as CLIError {
            Terminal.error("error: \(error)")
            Self.exit(withError: ExitCode.failure)
        } catch {
            Self.exit(withError: error)
        }
    }

    /// Global options (`GlobalOptions`) that take a value; `--insecure-skip-tls-verify` is the one without.
    static let globalOptionsWithValue: Set<String> = [
        "--api-url", "--api-key", "--namespace", "--format", "--timeout", "--trusted-ca-file", "--config-dir",
    ]

    /// The command line (without the program name) with global options given before or between subcommand names
    /// (`pharosctl --namespace web check list`) moved to just after the subcommand path, where ArgumentParser
    /// reads them (`pharosctl check list --namespace web`): sensuctl takes its global flags on either side of the
    /// subcommand. Options are recognised as `--name value`, `--name=value` and `--insecure-skip-tls-verify`;
    /// everything else is left where it is.
    public static func arguments(movingGlobalOptionsIn arguments: [String]) -> [String] {
        var moved: [String] = []
        var path: [String] = []
        var command: any ParsableCommand.Type = PharosCtl.self
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            let name = token.split(separator: "=", maxSplits: 1).first.map(String.init) ?? token
            if token == "--insecure-skip-tls-verify" || (token.contains("=") && globalOptionsWithValue.contains(name)) {
                moved.append(token)
                index += 1
            } else if globalOptionsWithValue.contains(token), index + 1 < arguments.count {
                moved += [token, arguments[index + 1]]
                index += 2
            } else if let subcommand = command.configuration.subcommands.first(where: { candidate in
                let configuration = candidate.configuration
                return (configuration.commandName ?? candidate._commandName) == token
                    || configuration.aliases.contains(token)
            }) {
                path.append(token)
                command = subcommand
                index += 1
            } else {
                break
            }
        }
        guard !moved.isEmpty, !path.isEmpty else { return arguments }
        return path + moved + arguments[index...]
    }
}
