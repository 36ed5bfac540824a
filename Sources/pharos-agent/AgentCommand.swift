import ArgumentParser

/// `pharos-agent`: the Pharos agent. Subcommands: `start` (run the agent), `extract-metrics` (debug a check's metric output).
@main
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pharos-agent",
        abstract: "The Pharos agent (Sensu Go 6.x compatible).",
        subcommands: [StartCommand.self, ExtractMetricsCommand.self, BenchCommand.self]
    )
}
