import ArgumentParser

/// `pharos-bench`: performance figures of the backend (issue 5 benchmarks). Each mode prints its figures and writes
/// them as JSON (`--output`).
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pharos-bench",
        abstract: "Benchmark the Pharos backend (build with -c release).",
        subcommands: [IngestMode.self, ScheduleMode.self, AgentsMode.self, SinkMode.self, AgentsLoader.self])
}
