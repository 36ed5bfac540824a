import ArgumentParser
import PharosCore

/// `pharosctl asset`: assets.
struct AssetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset", abstract: "Manage assets.", subcommands: [List.self])

    /// `pharosctl asset list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List assets.")

        @OptionGroup var globals: GlobalOptions
        @OptionGroup var list: ListOptions

        func run() async throws {
            try await ResourceLister.run(Asset.self, globals: globals, list: list) { $0.assets($1) }
        }
    }
}
