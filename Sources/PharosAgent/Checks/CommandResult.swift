/// What running one check command gave (reference §5.4).
public struct CommandResult: Sendable, Hashable {
    /// How the command ended.
    public enum Outcome: Sendable, Hashable {
        /// The shell exited with this code.
        case exited(Int32)
        /// The shell was killed by this signal (not by the agent's timeout).
        case signaled(Int32)
        /// The agent killed the process group when the check's `timeout` expired.
        case timedOut
        /// The command could not be started; the text says why.
        case failedToStart(String)
    }

    /// How the command ended.
    public var outcome: Outcome
    /// Standard output and standard error, merged in the order written (at most ``CommandExecutor/outputLimit`` bytes).
    public var output: String
    /// Wall time from start to end, in seconds.
    public var duration: Double
    /// Output bytes the command wrote past ``CommandExecutor/outputLimit``, read and dropped.
    public var droppedBytes: Int

    /// Creates a result.
    public init(outcome: Outcome, output: String, duration: Double, droppedBytes: Int = 0) {
        self.outcome = outcome
        self.output = output
        self.duration = duration
        self.droppedBytes = droppedBytes
    }

    /// The check status and output Sensu reports: exit code verbatim; timeout → 2 with `Execution timed out\n`
    /// before the partial output; start failure → 3 with the reason; killed by a signal → 128 + signal (as shells
    /// report it).
    public var statusAndOutput: (status: UInt32, output: String) {
        switch outcome {
        case .exited(let code): (UInt32(truncatingIfNeeded: code), output)
        case .signaled(let signal): (UInt32(truncatingIfNeeded: 128 + signal), output)
        case .timedOut: (2, "Execution timed out\n" + output)
        case .failedToStart(let reason): (3, reason)
        }
    }
}
