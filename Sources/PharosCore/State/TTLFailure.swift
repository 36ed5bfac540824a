/// The synthetic failing result the backend records when a check's `ttl` expires without a new result
/// (reference §5.6, Sensu Go 6.12 eventd `createFailedCheckEvent`).
///
/// It is folded into the stored state like any other result, e.g. with
/// ``CheckState/record(status:executed:lowFlapThreshold:highFlapThreshold:)`` using ``status`` and ``executed``.
/// Sensu does not apply silences to these events (a known issue the caller may choose to keep).
public struct TTLFailure: Sendable, Hashable {
    /// Exit status of a TTL failure: always 1 (warning).
    public var status: UInt32
    /// `Last check execution was <n> seconds ago`.
    public var output: String
    /// Unix time in seconds of the failure, i.e. the time the TTL expired; becomes the new `executed`.
    public var executed: Int64
    /// Whole seconds between the last execution and `executed`; never negative.
    public var secondsSinceLastExecution: Int64

    /// Builds the TTL failure for a check last executed at `lastExecuted`.
    ///
    /// A `lastExecuted` later than `now` (clock skew) gives 0 seconds rather than a negative count.
    /// - Parameters:
    ///   - lastExecuted: Unix seconds, the stored event's `check.executed`.
    ///   - now: Unix seconds when the TTL expired.
    public init(lastExecuted: Int64, now: Int64) {
        let elapsed = max(0, now.saturatingSubtracting(lastExecuted))
        self.status = 1
        self.output = "Last check execution was \(elapsed) seconds ago"
        self.executed = now
        self.secondsSinceLastExecution = elapsed
    }

    /// Folds this failure into the stored state like a normal result.
    /// - Parameters:
    ///   - previous: The stored state, or `nil` if there is none.
    ///   - lowFlapThreshold: Percent; 0 disables flap detection.
    ///   - highFlapThreshold: Percent; 0 disables flap detection.
    /// - Returns: The transition, with the failure as the latest history entry.
    public func transition(
        from previous: CheckState?,
        lowFlapThreshold: UInt32,
        highFlapThreshold: UInt32
    ) -> CheckTransition {
        CheckState.transition(
            from: previous, status: status, executed: executed,
            lowFlapThreshold: lowFlapThreshold, highFlapThreshold: highFlapThreshold)
    }
}
