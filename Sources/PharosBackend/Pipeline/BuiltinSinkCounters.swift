/// Counts of what a ``BuiltinInfluxSink`` did since it was created (for tests, logs and `/metrics`).
public struct BuiltinSinkCounters: Sendable, Hashable {
    /// Points accepted into a destination's queue.
    public var pointsQueued = 0
    /// Points InfluxDB accepted (2xx answer to their `/write`).
    public var pointsWritten = 0
    /// Points refused because their destination's queue was full (or the sink had stopped).
    public var pointsDropped = 0
    /// Points lost in a failed `/write`.
    public var pointsFailed = 0
    /// `/write` requests that succeeded.
    public var writes = 0
    /// `/write` requests that failed (unreachable, or a non-2xx answer).
    public var writeFailures = 0
    /// Failed `/write` requests by handler name (a write carrying points of several handlers counts once for each).
    public var writeFailuresByHandler: [String: Int] = [:]

    /// All zero.
    public init() {}
}
