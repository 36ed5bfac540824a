import ArgumentParser
import Foundation
import PharosAgent

#if canImport(Glibc)
    import Glibc
#endif

/// `pharos-agent bench`: runs a check command as fast as possible through the agent's executor
/// (``CommandExecutor``, as checks run) and through a raw `posix_spawn` + `waitpid` loop of the same program in the
/// same run, and prints both rates and their ratio.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure check execution throughput against a raw posix_spawn loop (prints executions/s)."
    )

    @Option(help: "The check command (default: /usr/lib/nagios/plugins/check_dummy 0).")
    var command = "/usr/lib/nagios/plugins/check_dummy 0"

    @Option(help: "Seconds each measurement runs (default 5).")
    var seconds: Double = 5

    @Option(help: "Commands run at once (default 1).")
    var concurrency = 1

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let plan = CommandPlan.make(command: command, environment: environment)
        print("command: \(command) (\(plan.executable == "/bin/sh" ? "sh -c" : "executed directly"))")
        let agentRate = await measureAgent(environment: environment)
        let rawRate = measureRaw(plan: plan)
        print(String(format: "agent executor: %.0f checks/s", agentRate))
        print(String(format: "raw posix_spawn: %.0f spawns/s", rawRate))
        print(String(format: "ratio: %.2f", agentRate / rawRate))
    }

    /// Executions per second through ``CommandExecutor``.
    func measureAgent(environment: [String: String]) async -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let limit = Duration.milliseconds(Int64(seconds * 1000))
        let command = command
        let total = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<max(1, concurrency) {
                group.addTask {
                    var count = 0
                    while clock.now - start < limit {
                        _ = await CommandExecutor.run(command: command, environment: environment, timeout: .seconds(10))
                        count += 1
                    }
                    return count
                }
            }
            return await group.reduce(0, +)
        }
        return Double(total) / CommandExecutor.seconds(clock.now - start)
    }

    /// Spawns per second of a plain `posix_spawn` + `waitpid` loop (sequential).
    func measureRaw(plan: CommandPlan) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let limit = Duration.milliseconds(Int64(seconds * 1000))
        let argv = [plan.executable] + plan.arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var count = 0
        while clock.now - start < limit {
            var pid: pid_t = 0
            guard posix_spawn(&pid, plan.executable, &actions, nil, &cArguments, environ) == 0 else { break }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            count += 1
        }
        return Double(count) / CommandExecutor.seconds(clock.now - start)
    }
}
