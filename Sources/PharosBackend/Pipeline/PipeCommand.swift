import Subprocess
import Synchronization
import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a pipe mutator or handler command: `sh -c COMMAND` in its own process group, `stdin` written to its
/// standard input, standard output and error merged (Sensu Go 6.x pipe handlers and mutators, reference §7.7,
/// §7.8). On timeout the whole process group gets SIGKILL, so children of the shell die too.
/// Never uses `Foundation.Process`.
public enum PipeCommand {
    /// Runs `command`.
    /// - Parameters:
    ///   - command: the shell command.
    ///   - stdin: bytes written to the command's standard input (write errors — a command that does not read — are
    ///     ignored).
    ///   - environment: the complete environment of the command.
    ///   - timeout: kill the process group after this long; `nil` waits for ever.
    ///   - outputLimit: bytes of output kept; the rest is read and dropped.
    ///   - mergeStandardError: `true` (handlers): standard error is merged into the output; `false` (mutators,
    ///     whose standard output is the payload): standard error is discarded.
    /// - Returns: exit status, output and whether the timeout expired.
    /// - Throws: `SubprocessError` when `/bin/sh` cannot be started.
    public static func run(
        _ command: String, stdin: [UInt8], environment: [String: String], timeout: Duration?,
        outputLimit: Int = 1 << 20, mergeStandardError: Bool = true
    ) async throws -> PipeCommandResult {
        if mergeStandardError {
            try await run(command, stdin, environment, timeout, outputLimit, error: .combinedWithOutput)
        } else {
            try await run(command, stdin, environment, timeout, outputLimit, error: .discarded)
        }
    }

    private static func run<ErrorOutput: ErrorOutputProtocol>(
        _ command: String, _ stdin: [UInt8], _ environment: [String: String], _ timeout: Duration?,
        _ outputLimit: Int, error errorOutput: ErrorOutput
    ) async throws -> PipeCommandResult {
        var variables: [Environment.Key: String] = [:]
        for (key, value) in environment { variables[Environment.Key(stringLiteral: key)] = value }
        var options = PlatformOptions()
        options.processGroupID = 0
        let processGroup = ProcessGroupBox()
        let configuration = Configuration(
            executable: .path("/bin/sh"), arguments: ["-c", command], environment: .custom(variables),
            platformOptions: options)

        return try await withThrowingTaskGroup(of: Outcome.self) { group in
            group.addTask {
                let result = try await Subprocess.run(
                    configuration, input: .inputWriter, output: .sequence, error: errorOutput
                ) { execution in
                    processGroup.pid.withLock { $0 = execution.processIdentifier.value }
                    let writer = execution.standardInputWriter
                    async let written: Void = feed(writer, stdin)
                    var collected: [UInt8] = []
                    for try await chunk in execution.standardOutput where collected.count < outputLimit {
                        chunk.withUnsafeBytes { bytes in
                            collected.append(contentsOf: bytes.prefix(outputLimit - collected.count))
                        }
                    }
                    await written
                    return collected
                }
                processGroup.pid.withLock { $0 = nil }
                switch result.terminationStatus {
                case .exited(let code):
                    return .finished(
                        PipeCommandResult(exitCode: code, signal: nil, output: result.closureResult, timedOut: false))
                case .signaled(let signal):
                    return .finished(
                        PipeCommandResult(exitCode: nil, signal: signal, output: result.closureResult, timedOut: false))
                }
            }
            if let timeout {
                group.addTask {
                    do {
                        try await Task.sleep(for: timeout)
                    } catch {
                        return .timerCancelled
                    }
                    if let pid = processGroup.pid.withLock({ $0 }) {
                        _ = kill(-pid, SIGKILL)
                    }
                    return .timedOut
                }
            }
            var timedOut = false
            var finished: PipeCommandResult?
            while let outcome = try await group.next() {
                switch outcome {
                case .finished(let result):
                    finished = result
                    group.cancelAll()
                case .timedOut: timedOut = true
                case .timerCancelled: break
                }
            }
            var result = finished ?? PipeCommandResult(exitCode: nil, signal: SIGKILL, output: [], timedOut: true)
            result.timedOut = timedOut
            return result
        }
    }

    private static func feed(_ writer: StandardInputWriter, _ bytes: [UInt8]) async {
        if !bytes.isEmpty { _ = try? await writer.write(bytes) }
        try? await writer.finish()
    }

    /// The process id (= process group id) of the running command, shared with the timeout task.
    private final class ProcessGroupBox: Sendable {
        let pid = Mutex<pid_t?>(nil)
    }

    private enum Outcome: Sendable {
        case finished(PipeCommandResult)
        case timedOut
        case timerCancelled
    }
}
