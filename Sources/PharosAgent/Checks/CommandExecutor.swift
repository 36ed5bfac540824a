import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Runs check commands through swift-subprocess (reference §5.4): directly when the command has no shell syntax,
/// else with `sh -c` (``CommandPlan``); a new process group per command, standard output and error merged, the
/// optional standard input written, and on timeout or task cancellation `SIGKILL` to the whole group.
public enum CommandExecutor {
    /// The most output kept per command, in bytes (1 MiB); the rest is read, dropped and counted
    /// (``CommandResult/droppedBytes``, reported as the check label `sensu.io/output_truncated_bytes`).
    public static let outputLimit = 1 << 20

    /// Runs `command` directly or with `/bin/sh -c` (``CommandPlan/make(command:environment:)``).
    ///
    /// - Parameters:
    ///   - command: the command line.
    ///   - environment: the complete environment of the command.
    ///   - timeout: kill the process group after this long; `nil` waits for the command to end.
    ///   - stdin: bytes written to the command's standard input (`nil`: no input).
    /// - Returns: the outcome, merged output (decoded as UTF-8 with replacement) and duration. Never throws: a
    ///   start failure is ``CommandResult/Outcome/failedToStart(_:)``.
    public static func run(
        command: String, environment: [String: String], timeout: Duration?, stdin: [UInt8]? = nil
    ) async -> CommandResult {
        if let stdin {
            return await run(command: command, environment: environment, timeout: timeout, input: .array(stdin))
        }
        return await run(command: command, environment: environment, timeout: timeout, input: .none)
    }

    /// ``run(command:environment:timeout:stdin:)`` with a swift-subprocess input.
    private static func run(
        command: String, environment: [String: String], timeout: Duration?, input: some InputProtocol
    ) async -> CommandResult {
        let clock = ContinuousClock()
        let start = clock.now
        var options = PlatformOptions()
        options.processGroupID = 0
        var variables: [Environment.Key: String] = [:]
        for (key, value) in environment {
            variables[Environment.Key(stringLiteral: key)] = value
        }
        let collected = OutputCollector(limit: outputLimit)
        let plan = CommandPlan.make(command: command, environment: environment)
        do {
            let result = try await Subprocess.run(
                .path(FilePath(plan.executable)), arguments: Arguments(plan.arguments), environment: .custom(variables),
                platformOptions: options, input: input, output: .sequence, error: .combinedWithOutput
            ) { execution in
                try await withTaskCancellationHandler {
                    try await withThrowingTaskGroup(of: Bool.self) { group in
                        group.addTask {
                            for try await chunk in execution.standardOutput {
                                chunk.withUnsafeBytes { collected.append($0) }
                            }
                            return false
                        }
                        if let timeout {
                            group.addTask {
                                // Cancelled (the command ended first) → false.
                                (try? await Task.sleep(for: timeout)) != nil
                            }
                        }
                        while let expired = try await group.next() {
                            if expired {
                                collected.markTimedOut()
                                try? execution.send(signal: .kill, toProcessGroup: true)
                            } else {
                                group.cancelAll()
                            }
                        }
                    }
                } onCancel: {
                    try? execution.send(signal: .kill, toProcessGroup: true)
                }
            }
            let duration = Self.seconds(start.duration(to: clock.now))
            let output = collected.text
            if collected.timedOut {
                return CommandResult(
                    outcome: .timedOut, output: output, duration: duration, droppedBytes: collected.droppedBytes)
            }
            switch result.terminationStatus {
            case .exited(let code):
                return CommandResult(
                    outcome: .exited(code), output: output, duration: duration, droppedBytes: collected.droppedBytes)
            case .signaled(let signal):
                return CommandResult(
                    outcome: .signaled(signal), output: output, duration: duration, droppedBytes: collected.droppedBytes
                )
            }
        } catch {
            let duration = Self.seconds(start.duration(to: clock.now))
            if collected.timedOut {
                return CommandResult(
                    outcome: .timedOut, output: collected.text, duration: duration,
                    droppedBytes: collected.droppedBytes)
            }
            return CommandResult(
                outcome: .failedToStart("failed to run check command: \(error)"), output: "", duration: duration)
        }
    }

    /// A duration in seconds as a floating-point number.
    public static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
