/// Why a silence's `begin` / `expire` / `expire_at` combination was rejected.
public enum SilenceExpiryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A Unix-seconds field (`begin` or `expire_at`) is negative.
    case negative(field: String, value: Int64)
    /// `expire` is below -1 (-1 and 0 both mean "no relative expiry").
    case invalidExpire(Int64)
    /// `expire_at` is not later than the moment the silence starts to count (the later of `begin` and now).
    case expireAtNotAfterStart(expireAt: Int64, start: Int64)
    /// The silence would last longer than `max-silenced-expiry-time-allowed`.
    case tooLong(field: String, seconds: Int64, maximumSeconds: Int64)
    /// The end time does not fit in a 64-bit Unix-seconds value.
    case outOfRange(field: String)

    /// A message naming the field, safe to show to the API user.
    public var description: String {
        switch self {
        case .negative(let field, let value):
            return "silence field \"\(field)\" is \(value); it must be a Unix time in seconds, 0 or more"
        case .invalidExpire(let value):
            return "silence field \"expire\" is \(value); use a number of seconds, or -1 or 0 for no expiry"
        case .expireAtNotAfterStart(let expireAt, let start):
            return "silence field \"expire_at\" (\(expireAt)) must be later than the silence start (\(start))"
        case .tooLong(let field, let seconds, let maximumSeconds):
            return "silence field \"\(field)\" gives a duration of \(seconds) seconds, "
                + "more than the \(maximumSeconds) seconds allowed"
        case .outOfRange(let field):
            return "silence field \"\(field)\" puts the expiry beyond the largest representable Unix time"
        }
    }
}
