import ArgumentParser
import PharosCore

/// `pharosctl handler`: handlers.
struct HandlerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handler", abstract: "Manage handlers.", subcommands: [List.self])

    /// `pharosctl handler list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List handlers.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() async throws {
            try await ResourceLister.run(Handler.self, globals: globals, list: list) { $0.handlers($1) }
        }
    }
}
