import ArgumentParser
import Foundation

/// `pharos-bench agents-loader` (internal): a child process of `agents` running a slice of the simulated agents,
/// so that agents and backend sockets do not share one process's file-descriptor limit (each agent costs one
/// descriptor on each side). Runs until killed.
struct AgentsLoader: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents-loader", abstract: "(internal) a slice of the simulated agents of `agents`.",
        shouldDisplay: false)

    @Option(help: "Agent gateway port on 127.0.0.1.") var port: Int
    @Option(help: "Index of the first agent of the slice (names ka-<index>).") var first: Int
    @Option(help: "Agents in the slice.") var count: Int
    @Option(help: "Keepalive interval, seconds.") var interval: Double
    @Option(help: "Keepalive timeout, seconds.") var timeout: Int
    @Option(help: "Agents with an index below this one stop after their first keepalive (killed).") var killed = 0

    func run() async throws {
        await Self.runAgents(
            port: port, indices: first..<(first + count), interval: interval, timeout: timeout, killed: killed,
            tally: AgentTally())
    }

    /// Runs the keepalive agents `ka-<index>` for `indices` until cancelled (or a day); those with an index below
    /// `killed` stop after their first keepalive. Shared by this command and the in-process `agents` run.
    static func runAgents(
        port: Int, indices: Range<Int>, interval: Double, timeout: Int, killed: Int, tally: AgentTally
    ) async {
        let stop = Clock.nanoseconds() + UInt64(24 * 3600 * 1e9)
        let killStop = Clock.nanoseconds()
        let keepaliveTimeout = UInt32(timeout)
        await withTaskGroup(of: Void.self) { group in
            for index in indices {
                group.addTask {
                    let agent = SimulatedAgent(
                        name: "ka-\(index)", port: port, subscriptions: ["bench"], keepaliveTimeout: keepaliveTimeout,
                        onConnected: { tally.connectedOne() }, onRequest: { _, _ in })
                    await agent.run(.keepalives(interval: interval, until: index < killed ? killStop : stop))
                }
            }
        }
    }
}
