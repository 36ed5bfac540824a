/// The part of a Sensu `Silenced` entry that decides which events it silences and when (reference §1.14, §7.2).
///
/// An empty `subscription` or `check`, or `*`, is a wildcard. Times are Unix seconds. The lead wires this from the
/// `Silenced` resource; nothing here reads a clock or a store.
public struct SilenceRule: Sendable, Hashable {
    /// Subscription the silence targets (`linux`, `entity:web01`), or `""`/`*` for any.
    public var subscription: String
    /// Check name the silence targets, or `""`/`*` for any.
    public var check: String
    /// Unix seconds from which the silence applies (inclusive).
    public var begin: Int64
    /// Unix seconds at which the silence stops applying (exclusive); 0 means it never expires.
    public var expireAt: Int64
    /// Whether the silence is deleted when an event it silences resolves (status back to 0).
    public var expireOnResolve: Bool

    /// Creates a rule.
    /// - Parameters:
    ///   - subscription: Targeted subscription, `""` or `*` for any.
    ///   - check: Targeted check name, `""` or `*` for any.
    ///   - begin: Unix seconds, start (inclusive).
    ///   - expireAt: Unix seconds, end (exclusive); 0 for never.
    ///   - expireOnResolve: Delete the silence on resolution.
    public init(
        subscription: String = "",
        check: String = "",
        begin: Int64 = 0,
        expireAt: Int64 = 0,
        expireOnResolve: Bool = false
    ) {
        self.subscription = subscription
        self.check = check
        self.begin = begin
        self.expireAt = expireAt
        self.expireOnResolve = expireOnResolve
    }

    /// The derived entry name `<subscription or *>:<check or *>`, e.g. `linux:check-cpu`, `entity:web01:*`,
    /// `*:check-cpu` (Sensu Go `core/v2` `SilencedName`).
    public var name: String {
        let subscriptionPart = subscription.isEmpty ? "*" : subscription
        let checkPart = check.isEmpty ? "*" : check
        return "\(subscriptionPart):\(checkPart)"
    }

    /// Whether the silence is in force at `now`: `begin <= now` and (`expireAt == 0` or `now < expireAt`).
    /// - Parameter now: Unix seconds.
    /// - Returns: `true` while the silence applies.
    public func isActive(at now: Int64) -> Bool {
        begin <= now && (expireAt == 0 || now < expireAt)
    }

    /// The value of the API's `expire` field at `now`: seconds until expiry, or -1 when the silence never expires.
    /// - Parameter now: Unix seconds.
    /// - Returns: Seconds (≥ 0), or -1.
    public func remainingSeconds(at now: Int64) -> Int64 {
        SilenceExpiryPolicy.remainingSeconds(expireAt: expireAt, now: now)
    }
}
