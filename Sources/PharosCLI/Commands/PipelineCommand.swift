import ArgumentParser

/// `pharosctl pipeline`: pipelines (`list`, `info`, `delete`).
struct PipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline", abstract: "Manage pipelines.",
        subcommands: [ListCommand<PipelineKind>.self, InfoCommand<PipelineKind>.self, DeleteCommand<PipelineKind>.self])
}
