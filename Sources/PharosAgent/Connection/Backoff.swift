/// Reconnect delays: exponential backoff with jitter (Sensu Go 6.x agent retry, reference §3.4). The first delay
/// is `minimum`; after each failure the next is `min(previous × multiplier + random[0, previous × multiplier), maximum)`.
public struct Backoff: Sendable, Hashable {
    /// The first delay (Sensu `retry-min`, 1 s).
    public var minimum: Duration
    /// The longest delay (Sensu `retry-max`, 120 s).
    public var maximum: Duration
    /// The growth factor (Sensu `retry-multiplier`, 2.0).
    public var multiplier: Double
    private var current: Duration

    /// Creates a backoff starting at `minimum`.
    public init(minimum: Duration, maximum: Duration, multiplier: Double) {
        self.minimum = minimum
        self.maximum = maximum
        self.multiplier = multiplier
        self.current = minimum
    }

    /// The delay to wait before the next attempt; advances the sequence.
    public mutating func nextDelay(using generator: inout some RandomNumberGenerator) -> Duration {
        let delay = min(current, maximum)
        let grown = delay * multiplier
        let jitter = Double.random(in: 0..<1, using: &generator)
        current = min(grown + grown * jitter, maximum)
        return delay
    }

    /// The delay to wait before the next attempt, with the system random generator.
    public mutating func nextDelay() -> Duration {
        var generator = SystemRandomNumberGenerator()
        return nextDelay(using: &generator)
    }

    /// Starts over at `minimum` (after a successful connection).
    public mutating func reset() {
        current = minimum
    }
}
