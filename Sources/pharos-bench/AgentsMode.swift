import ArgumentParser
import Foundation

/// `pharos-bench agents`: N agents connected and sending keepalives; connect time, memory per agent, CPU, and
/// how long after its deadline a killed agent's keepalive failure is detected.
struct AgentsMode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents", abstract: "N keepalive agents: connect time, RSS per agent, CPU, expiry delay.")

    @Option(help: "Simulated agents (default 10000).") var agents = 10000
    @Option(help: "Keepalive interval, seconds (default 20).") var interval = 20.0
    @Option(help: "Keepalive timeout, seconds (default 30).") var timeout = 30
    @Option(help: "Measured steady seconds (default 60).") var duration = 60.0
    @Option(help: "Agents killed to measure expiry detection (default 10).") var killed = 10
    @Option(help: "JSON output file (default pharos-bench-agents.json).") var output: String?

    func run() async throws {
        let backend = try await BenchBackend(withScheduler: false)
        let tally = AgentTally()
        let baseline = ProcessStats.residentBytes()
        let stop = Clock.nanoseconds() + UInt64((duration + Double(timeout) + 600) * 1e9)
        let killStop = Clock.nanoseconds()  // killed agents stop after their first keepalive
        let start = Date()
        let agentCount = agents
        let killedCount = min(killed, agents)
        let keepaliveInterval = interval
        let keepaliveTimeout = UInt32(timeout)
        let tasks = Task {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<agentCount {
                    group.addTask {
                        let agent = SimulatedAgent(
                            name: "ka-\(index)", port: backend.agentPort, subscriptions: ["bench"],
                            keepaliveTimeout: keepaliveTimeout, onConnected: { tally.connectedOne() },
                            onRequest: { _, _ in })
                        let until = index < killedCount ? killStop : stop
                        await agent.run(.keepalives(interval: keepaliveInterval, until: until))
                    }
                }
            }
        }
        let killedAt = Date().timeIntervalSince1970
        while tally.connectedCount < agentCount, Date().timeIntervalSince(start) < 600 {
            try await Task.sleep(for: .milliseconds(100))
        }
        let connectSeconds = Date().timeIntervalSince(start)
        let cpuBefore = ProcessStats.cpuSeconds()
        let begin = Date()
        try await Task.sleep(for: .milliseconds(Int(duration * 1000)))
        let cpu = ProcessStats.cpuSeconds() - cpuBefore
        let elapsed = Date().timeIntervalSince(begin)
        let rss = ProcessStats.residentBytes()
        // Killed agents sent one keepalive at connection time; their deadline is that time + timeout.
        let waitUntil = Date().addingTimeInterval(Double(timeout) + 10)
        while backend.recorder.failures.count < killedCount, Date() < waitUntil {
            try await Task.sleep(for: .milliseconds(100))
        }
        let failures = backend.recorder.failures
        let delays = (0..<killedCount).compactMap { failures["ka-\($0)"] }.map {
            max(0, $0 - (killedAt + Double(timeout))) * 1000
        }
        tasks.cancel()
        await backend.shutdown()
        try Report.emit(
            "agents",
            [
                "agents": Double(agentCount), "agents_connected": Double(tally.connectedCount),
                "connect_seconds": connectSeconds,
                "rss_kb_per_agent_above_baseline": Double(rss - baseline) / 1024 / Double(max(1, agentCount)),
                "rss_mb_process_including_loader": Double(rss) / 1_048_576,
                "cpu_percent_of_one_core_including_loader": cpu / elapsed * 100,
                "killed": Double(killedCount), "expiries_detected": Double(delays.count),
                "expiry_detection_delay_max_ms": delays.max() ?? 0,
                "expiry_detection_delay_p50_ms": Percentiles.of(delays, 0.5),
            ], output: output)
    }
}
