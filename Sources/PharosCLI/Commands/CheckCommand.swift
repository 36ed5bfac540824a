import ArgumentParser
import PharosCore

/// `pharosctl check`: checks.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Manage checks.", subcommands: [List.self])

    /// `pharosctl check list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List checks.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() async throws {
            try await ResourceLister.run(CheckConfig.self, globals: globals, list: list) { $0.checks($1) }
        }
    }
}
