import ArgumentParser
import Foundation
import PharosCore
import PharosStoreSQLite

/// `pharos-bench schedule`: C checks at an interval on A simulated agents; lateness of each request's arrival
/// against its ideal fire time (the interval phase of the check).
struct ScheduleMode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Check request lateness: C checks at I s on A agents.")

    @Option(help: "Checks (default 1000).") var checks = 1000
    @Option(help: "Interval, seconds (default 10).") var interval = 10
    @Option(help: "Simulated agents (default 100).") var agents = 100
    @Option(help: "Measured seconds (default 60).") var duration = 60.0
    @Option(help: "JSON output file (default pharos-bench-schedule.json).") var output: String?

    func run() async throws {
        let backend = try await BenchBackend(withScheduler: true)
        let tally = AgentTally()
        let intervalNs = UInt64(interval) * 1_000_000_000
        let measureFrom = Clock.nanoseconds() + UInt64(15e9)
        let stop = Clock.nanoseconds() + UInt64((duration + 20) * 1e9)
        let agentCount = agents
        let tasks = Task {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<agentCount {
                    group.addTask {
                        let agent = SimulatedAgent(
                            name: "sched-\(index)", port: backend.agentPort, subscriptions: ["bench"],
                            keepaliveTimeout: 600, onConnected: { tally.connectedOne() },
                            onRequest: { request, received in
                                guard received >= measureFrom, let name = request.config?.metadata.name else { return }
                                let schedule = IntervalSchedule(
                                    checkName: name, interval: .nanoseconds(Int64(intervalNs)))
                                let ideal = schedule.nextFire(after: received - intervalNs)
                                tally.record(lateness: Double(Int64(received) - Int64(ideal)) / 1e6)
                            })
                        await agent.run(.keepalives(interval: 20, until: stop))
                    }
                }
            }
        }
        while tally.connectedCount < agentCount { try await Task.sleep(for: .milliseconds(50)) }
        for index in 0..<checks {
            var check = CheckConfig(metadata: ObjectMeta(name: "bench-check-\(index)", namespace: "default"))
            check.command = "true"
            check.interval = UInt32(interval)
            check.subscriptions = ["bench"]
            check.publish = true
            try await backend.store.putResource(check)
        }
        let cpuBefore = ProcessStats.cpuSeconds()
        let begin = Date()
        try await Task.sleep(for: .milliseconds(Int((duration + 15) * 1000)))
        let cpu = ProcessStats.cpuSeconds() - cpuBefore
        let elapsed = Date().timeIntervalSince(begin)
        let lateness = tally.latenesses
        tasks.cancel()
        await backend.shutdown()
        try Report.emit(
            "schedule",
            [
                "checks": Double(checks), "interval_seconds": Double(interval), "agents": Double(agentCount),
                "requests_measured": Double(lateness.count),
                "lateness_p50_ms": Percentiles.of(lateness, 0.5), "lateness_p99_ms": Percentiles.of(lateness, 0.99),
                "lateness_max_ms": lateness.max() ?? 0,
                "cpu_percent_of_one_core_including_loader": cpu / elapsed * 100,
                "rss_mb_process_including_loader": Double(ProcessStats.residentBytes()) / 1_048_576,
            ], output: output)
    }
}
