import ArgumentParser
import Foundation

/// `pharos-bench ingest`: N simulated agents send check results as fast as the backend stores them.
struct IngestMode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Events/s stored and receive→stored latency with N agents flooding results.")

    @Option(help: "Simulated agents (default 1000).") var agents = 1000
    @Option(help: "Measured seconds (default 60).") var duration = 60.0
    @Option(help: "JSON output file (default pharos-bench-ingest.json).") var output: String?

    func run() async throws {
        let backend = try await BenchBackend(withScheduler: false)
        let tally = AgentTally()
        let rssBefore = ProcessStats.residentBytes()
        let connectDeadline = Clock.nanoseconds() + UInt64((duration + 30) * 1e9)
        let start = Date()
        let stop = Clock.nanoseconds() + UInt64((duration + 10) * 1e9)
        let agentCount = agents
        let tasks = Task {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<agentCount {
                    group.addTask {
                        let agent = SimulatedAgent(
                            name: "ingest-\(index)", port: backend.agentPort, subscriptions: ["bench"],
                            keepaliveTimeout: 600, onConnected: { tally.connectedOne() }, onRequest: { _, _ in })
                        await agent.run(.flood(until: stop))
                    }
                }
            }
        }
        while tally.connectedCount < agentCount, Clock.nanoseconds() < connectDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let connectSeconds = Date().timeIntervalSince(start)
        try await Task.sleep(for: .seconds(2))  // warm-up
        _ = backend.recorder.takeLatencies()
        let storedBefore = backend.recorder.storedCount
        let cpuBefore = ProcessStats.cpuSeconds()
        let measureStart = Date()
        try await Task.sleep(for: .milliseconds(Int(duration * 1000)))
        let elapsed = Date().timeIntervalSince(measureStart)
        let stored = backend.recorder.storedCount - storedBefore
        let cpu = ProcessStats.cpuSeconds() - cpuBefore
        let latencies = backend.recorder.takeLatencies()
        let rss = ProcessStats.residentBytes()
        tasks.cancel()
        await backend.shutdown()
        try Report.emit(
            "ingest",
            [
                "agents": Double(agentCount), "agents_connected": Double(tally.connectedCount),
                "connect_seconds": connectSeconds, "measured_seconds": elapsed,
                "events_stored": Double(stored), "events_per_second": Double(stored) / elapsed,
                "latency_p50_ms": Percentiles.of(latencies, 0.5), "latency_p99_ms": Percentiles.of(latencies, 0.99),
                "rss_mb_process_including_loader": Double(rss) / 1_048_576,
                "rss_mb_before_agents": Double(rssBefore) / 1_048_576,
                "cpu_percent_of_one_core_including_loader": cpu / elapsed * 100,
            ], output: output)
    }
}
