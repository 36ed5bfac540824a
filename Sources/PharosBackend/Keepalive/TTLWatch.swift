/// One armed TTL switch (dead man's switch, reference §5.6): the (namespace, entity, check) it watches, its `ttl`
/// and when it fires next. Codable so the deadlines can be persisted across restarts.
public struct TTLWatch: Sendable, Hashable, Codable {
    /// The event's namespace.
    public var namespace: String
    /// The entity name.
    public var entity: String
    /// The check name.
    public var check: String
    /// The check's `ttl`, seconds.
    public var ttl: Int64
    /// When the switch fires, Unix seconds.
    public var deadline: Double
    /// When the check last really executed (`check.executed` of the last result, not a TTL failure), Unix seconds.
    public var lastExecuted: Int64

    /// Creates a watch.
    public init(namespace: String, entity: String, check: String, ttl: Int64, deadline: Double, lastExecuted: Int64) {
        self.namespace = namespace
        self.entity = entity
        self.check = check
        self.ttl = ttl
        self.deadline = deadline
        self.lastExecuted = lastExecuted
    }

    /// `namespace/entity/check`, the watch's identity.
    public var key: String { namespace + "/" + entity + "/" + check }
}
