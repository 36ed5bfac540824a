/// What a pipe mutator or handler command did.
public struct PipeCommandResult: Sendable, Hashable {
    /// Exit code, or `nil` when the process was ended by a signal.
    public var exitCode: Int32?
    /// The signal that ended the process, if any.
    public var signal: Int32?
    /// Standard output followed by standard error (merged as written), at most the caller's limit in bytes.
    public var output: [UInt8]
    /// Whether the timeout expired and the process group was killed.
    public var timedOut: Bool

    /// Creates a result.
    public init(exitCode: Int32?, signal: Int32?, output: [UInt8], timedOut: Bool) {
        self.exitCode = exitCode
        self.signal = signal
        self.output = output
        self.timedOut = timedOut
    }

    /// Whether the command exited with status 0 before the timeout.
    public var succeeded: Bool { exitCode == 0 && !timedOut }

    /// `exit status N`, `killed by signal N` or `timed out`, for logs and errors.
    public var summary: String {
        if timedOut { return "timed out" }
        if let exitCode { return "exit status \(exitCode)" }
        return "killed by signal \(signal ?? 0)"
    }
}
