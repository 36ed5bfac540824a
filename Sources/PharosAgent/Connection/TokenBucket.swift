/// A token bucket: `rate` tokens per second up to `burst` (Go `x/time/rate.Limiter`, used by Sensu's
/// `events-rate-limit`/`events-burst-limit`, reference §4.2). A rate of 0 means no limit.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = Double(max(1, burst))
        self.tokens = Double(max(1, burst))
        self.last = .now
    }

    /// Takes one token, returning how long to wait before using it (zero when one is available now).
    mutating func take(now: ContinuousClock.Instant = .now) -> Duration {
        guard rate > 0 else { return .zero }
        let elapsed = last.duration(to: now)
        last = now
        tokens = min(
            burst,
            tokens + Double(elapsed.components.seconds) * rate
                + Double(elapsed.components.attoseconds) / 1e18 * rate)
        tokens -= 1
        guard tokens < 0 else { return .zero }
        return .milliseconds(Int64((-tokens / rate * 1000).rounded(.up)))
    }
}
