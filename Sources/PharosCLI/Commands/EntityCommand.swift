import ArgumentParser
import PharosCore

/// `pharosctl entity`: entities.
struct EntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity", abstract: "Manage entities.", subcommands: [List.self])

    /// `pharosctl entity list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List entities.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() async throws {
            try await ResourceLister.run(Entity.self, globals: globals, list: list) { $0.entities($1) }
        }
    }
}
