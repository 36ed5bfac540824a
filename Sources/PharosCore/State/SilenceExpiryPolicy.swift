/// How a new silence's `begin`, `expire` and `expire_at` become a stored ``SilenceTiming``, and how the API's
/// `expire` is read back (reference §1.14, Sensu Go 6.12 `default-silenced-expiry-time` and
/// `max-silenced-expiry-time-allowed`).
public struct SilenceExpiryPolicy: Sendable, Hashable {
    /// Sensu Go 6.12's defaults: silences without an expiry last 1440 minutes, and none may last longer.
    public static let sensuDefault = SilenceExpiryPolicy(defaultExpiry: .seconds(86_400), maxExpiry: .seconds(86_400))

    /// Length given to a silence that sets neither `expire` nor `expire_at`; zero or less means it never expires
    /// (the behaviour of Sensu before 6.12).
    public var defaultExpiry: Duration
    /// Longest allowed silence, measured from the moment it starts to count; zero or less means unlimited.
    public var maxExpiry: Duration

    /// Creates a policy.
    /// - Parameters:
    ///   - defaultExpiry: Length of silences without an expiry; zero for never-expiring. Default 1440 minutes.
    ///   - maxExpiry: Longest allowed silence; zero for unlimited. Default 1440 minutes.
    public init(defaultExpiry: Duration = .seconds(86_400), maxExpiry: Duration = .seconds(86_400)) {
        self.defaultExpiry = defaultExpiry
        self.maxExpiry = maxExpiry
    }

    /// Resolves the stored start and end of a silence being created or updated at `now`.
    ///
    /// - `begin` 0 means `now`.
    /// - The silence "starts to count" at the later of `begin` and `now` (a past `begin` does not shorten it, as
    ///   with Sensu's etcd lease, which is `expire` plus the wait until a future `begin`).
    /// - `expire_at` > 0 wins over `expire`, so a silence read from the API (which returns both) can be written back.
    /// - Otherwise `expire` > 0 ends the silence `expire` seconds after it starts to count.
    /// - Otherwise (`expire` -1 or 0 and no `expire_at`) ``defaultExpiry`` applies, or the silence never expires.
    /// - `expire`/`expire_at` longer than ``maxExpiry`` are rejected; the default is not checked against it.
    ///
    /// - Parameters:
    ///   - begin: Unix seconds, or 0 for "now".
    ///   - expire: Seconds the silence lasts, or -1/0 for none.
    ///   - expireAt: Absolute Unix seconds of the end, or 0 for none.
    ///   - now: Unix seconds of the request.
    /// - Returns: The stored `begin` and `expire_at` (0 when it never expires).
    /// - Throws: ``SilenceExpiryError/negative(field:value:)`` for a negative `begin` or `expire_at`,
    ///   ``SilenceExpiryError/invalidExpire(_:)`` for `expire` < -1,
    ///   ``SilenceExpiryError/expireAtNotAfterStart(expireAt:start:)`` when `expire_at` is not in the future of the
    ///   start, ``SilenceExpiryError/tooLong(field:seconds:maximumSeconds:)`` beyond ``maxExpiry``, and
    ///   ``SilenceExpiryError/outOfRange(field:)`` when the end overflows.
    public func timing(begin: Int64, expire: Int64, expireAt: Int64, now: Int64) throws(SilenceExpiryError)
        -> SilenceTiming
    {
        guard begin >= 0 else { throw .negative(field: "begin", value: begin) }
        guard expireAt >= 0 else { throw .negative(field: "expire_at", value: expireAt) }
        guard expire >= -1 else { throw .invalidExpire(expire) }

        let resolvedBegin = begin == 0 ? now : begin
        let start = max(resolvedBegin, now)
        let maximum = Self.wholeSeconds(maxExpiry)

        if expireAt > 0 {
            guard expireAt > start else { throw .expireAtNotAfterStart(expireAt: expireAt, start: start) }
            let length = expireAt - start
            if maximum > 0, length > maximum {
                throw .tooLong(field: "expire_at", seconds: length, maximumSeconds: maximum)
            }
            return SilenceTiming(begin: resolvedBegin, expireAt: expireAt)
        }

        let length: Int64
        let field: String
        if expire > 0 {
            if maximum > 0, expire > maximum {
                throw .tooLong(field: "expire", seconds: expire, maximumSeconds: maximum)
            }
            length = expire
            field = "expire"
        } else {
            length = Self.wholeSeconds(defaultExpiry)
            field = "begin"
        }
        guard length > 0 else { return SilenceTiming(begin: resolvedBegin, expireAt: 0) }
        let (end, overflow) = start.addingReportingOverflow(length)
        guard !overflow else { throw .outOfRange(field: field) }
        return SilenceTiming(begin: resolvedBegin, expireAt: end)
    }

    /// The API's `expire` field for a stored silence: seconds left until `expireAt`, 0 once passed, or -1 when the
    /// silence never expires (`expireAt == 0`).
    /// - Parameters:
    ///   - expireAt: Unix seconds of the end, 0 for never.
    ///   - now: Unix seconds.
    /// - Returns: Seconds (≥ 0), or -1.
    public static func remainingSeconds(expireAt: Int64, now: Int64) -> Int64 {
        guard expireAt != 0 else { return -1 }
        return max(0, expireAt.saturatingSubtracting(now))
    }

    /// Whole seconds of a duration, 0 when it is zero or negative.
    private static func wholeSeconds(_ duration: Duration) -> Int64 {
        max(0, duration.components.seconds)
    }
}
