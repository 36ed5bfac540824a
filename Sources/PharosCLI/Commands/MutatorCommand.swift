import ArgumentParser
import PharosCore

/// `pharosctl mutator`: mutators.
struct MutatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutator", abstract: "Manage mutators.", subcommands: [List.self])

    /// `pharosctl mutator list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List mutators.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() async throws {
            try await ResourceLister.run(Mutator.self, globals: globals, list: list) { $0.mutators($1) }
        }
    }
}
