/// A keepalive or TTL deadline row (DESIGN.md §Store): one per entity (keepalive) or per (entity, check) (TTL),
/// with the time it expires, the backend that owns it, and what the monitor needs to word the failure.
///
/// `Store.claimExpired(kind:now:owner:limit:)` moves an expired row exactly once: it re-arms the row one `interval`
/// later and makes the claimer its owner, so of several backends claiming at once only one gets each expiry.
public struct Deadline: Sendable, Hashable, Codable {
    /// Which monitor a row belongs to.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An agent entity's keepalive deadline (`check` is `""`).
        case keepalive
        /// A check result's TTL switch (reference §5.6).
        case ttl
    }

    /// Which monitor the row belongs to.
    public var kind: Kind
    /// The entity's (keepalive) or the event's (TTL) namespace.
    public var namespace: String
    /// The entity name.
    public var entity: String
    /// The check name (TTL), `""` for a keepalive row.
    public var check: String
    /// When the deadline expires, Unix seconds.
    public var expiresAt: Double
    /// The period, seconds: the keepalive timeout or the check's `ttl`; a claim re-arms the row this much later.
    public var interval: Double
    /// Keepalive: when the last keepalive arrived; TTL: when the check last really executed. Unix seconds.
    public var lastSeen: Double
    /// Times the row was claimed since it was last armed (0: healthy; more: failing for that many periods).
    public var expiries: Int
    /// The backend that armed or last claimed the row.
    public var owner: String

    /// Creates a row.
    public init(
        kind: Kind, namespace: String, entity: String, check: String = "", expiresAt: Double, interval: Double,
        lastSeen: Double, expiries: Int = 0, owner: String
    ) {
        self.kind = kind
        self.namespace = namespace
        self.entity = entity
        self.check = check
        self.expiresAt = expiresAt
        self.interval = interval
        self.lastSeen = lastSeen
        self.expiries = expiries
        self.owner = owner
    }

    /// The row's `expiresAt` after a claim at `now`: one `interval` after the deadline, or after `now` when that
    /// is still not in the future (a long outage).
    public static func rearmed(_ expiresAt: Double, interval: Double, now: Double) -> Double {
        expiresAt + interval > now ? expiresAt + interval : now + interval
    }
}
