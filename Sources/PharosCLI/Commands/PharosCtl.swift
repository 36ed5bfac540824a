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
            var command = try parseAsRoot()
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
}
