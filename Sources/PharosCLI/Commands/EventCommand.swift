import ArgumentParser
import PharosCore

/// `pharosctl event`: events.
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Manage events.", subcommands: [List.self])

    /// `pharosctl event list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List events.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() async throws {
            try await ResourceLister.run(Event.self, globals: globals, list: list) { $0.events($1) }
        }
    }
}
