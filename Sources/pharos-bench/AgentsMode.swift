import ArgumentParser
import Foundation
import PharosBackend
import PharosCore
import PharosStoreSQLite

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
    @Option(
        help: ArgumentHelp(
            "Child processes running the agents (default: 0 = in this process up to 4,000 agents, else one per 4,000).",
            discussion: "Each agent costs one file descriptor in the loader and one in the backend; one process "
                + "cannot hold 10,000 of each under a 20,000-descriptor limit. With loader processes, RSS and CPU "
                + "are reported for the backend alone and for the loaders."))
    var loaderProcesses: Int?

    func run() async throws {
        let processes = loaderProcesses ?? (agents > 4000 ? (agents + 3999) / 4000 : 0)
        if processes > 0 { return try await runWithLoaderProcesses(processes) }
        let backend = try await BenchBackend(withScheduler: false)
        let tally = AgentTally()
        let baseline = ProcessStats.residentBytes()
        let start = Date()
        let agentCount = agents
        let killedCount = min(killed, agents)
        let (port, keepaliveInterval, keepaliveTimeout) = (backend.agentPort, interval, timeout)
        let tasks = Task {
            await AgentsLoader.runAgents(
                port: port, indices: 0..<agentCount, interval: keepaliveInterval, timeout: keepaliveTimeout,
                killed: killedCount, tally: tally)
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

    /// The agents in `processes` child processes (`agents-loader`); the figures of this process are the backend's.
    private func runWithLoaderProcesses(_ processes: Int) async throws {
        let backend = try await BenchBackend(withScheduler: false)
        let baseline = ProcessStats.residentBytes()
        let killedCount = min(killed, agents)
        let start = Date()
        var children: [Process] = []
        let slice = (agents + processes - 1) / processes
        for first in stride(from: 0, to: agents, by: slice) {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            child.arguments = [
                "agents-loader", "--port", "\(backend.agentPort)", "--first", "\(first)", "--count",
                "\(min(slice, agents - first))", "--interval", "\(interval)", "--timeout", "\(timeout)", "--killed",
                "\(killedCount)",
            ]
            try child.run()
            children.append(child)
        }
        defer { for child in children where child.isRunning { child.terminate() } }
        // Connected = sessions the backend holds now plus the killed agents that already came and went.
        var connected = 0
        while connected < agents - killedCount, Date().timeIntervalSince(start) < 600 {
            try await Task.sleep(for: .milliseconds(100))
            connected = await backend.gateway.connectedAgents.count
        }
        let connectSeconds = Date().timeIntervalSince(start)
        let loaderCPU = { children.map { ProcessStats.cpuSeconds(pid: $0.processIdentifier) }.reduce(0, +) }
        let cpuBefore = ProcessStats.cpuSeconds()
        let loaderBefore = loaderCPU()
        let begin = Date()
        try await Task.sleep(for: .milliseconds(Int(duration * 1000)))
        let cpu = ProcessStats.cpuSeconds() - cpuBefore
        let loader = loaderCPU() - loaderBefore
        let elapsed = Date().timeIntervalSince(begin)
        let rss = ProcessStats.residentBytes()
        let steadyAgents = await backend.gateway.connectedAgents.count
        let waitUntil = Date().addingTimeInterval(Double(timeout) + 10)
        while backend.recorder.failures.count < killedCount, Date() < waitUntil {
            try await Task.sleep(for: .milliseconds(100))
        }
        // The deadline of a killed agent: its last keepalive as the backend recorded it (whole seconds) + timeout.
        let failures = backend.recorder.failures
        var delays: [Double] = []
        for index in 0..<killedCount {
            guard let detected = failures["ka-\(index)"],
                let state = try await backend.store.entityState(namespace: "default", name: "ka-\(index)")
            else { continue }
            delays.append(max(0, detected - Double(state.lastSeen + Int64(timeout))) * 1000)
        }
        for child in children { child.terminate() }
        await backend.shutdown()
        try Report.emit(
            "agents",
            [
                "agents": Double(agents), "agents_connected_steady": Double(steadyAgents),
                "loader_processes": Double(children.count), "connect_seconds": connectSeconds,
                "backend_rss_kb_per_agent_above_baseline": Double(rss - baseline) / 1024 / Double(max(1, steadyAgents)),
                "backend_rss_mb": Double(rss) / 1_048_576,
                "backend_cpu_percent_of_one_core": cpu / elapsed * 100,
                "loader_cpu_percent_of_one_core": loader / elapsed * 100,
                "killed": Double(killedCount), "expiries_detected": Double(delays.count),
                "expiry_detection_delay_max_ms": delays.max() ?? 0,
                "expiry_detection_delay_p50_ms": Percentiles.of(delays, 0.5),
            ], output: output)
    }
}
