/// A silence: suppresses handling of events matching a subscription and/or check, as in Sensu Go `core/v2`
/// `Silenced` (reference §1.14). Its name is derived: `<subscription or *>:<check or *>`.
public struct Silenced: Sendable, Hashable, Codable, Resource {
    /// Name (derived, see `derivedName`), namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// Seconds the silence lives after `begin`; the API reports remaining seconds, -1 for none.
    public var expire: Int64
    /// Whether the silence is deleted when a matching event resolves.
    public var expireOnResolve: Bool
    /// User that created the silence (set by the server).
    public var creator: String
    /// Check name to silence; empty or `*` for every check.
    public var check: String
    /// Free-text reason.
    public var reason: String
    /// Subscription to silence (e.g. `linux`, `entity:web01`); empty or `*` for every subscription.
    public var subscription: String
    /// Unix time in seconds when the silence takes effect.
    public var begin: Int64
    /// Unix time in seconds when the silence ends; 0 for none.
    public var expireAt: Int64

    /// Creates a silence; its name is derived from `subscription` and `check` unless `metadata.name` is set.
    public init(
        metadata: ObjectMeta = ObjectMeta(), subscription: String = "", check: String = "", begin: Int64 = 0,
        expire: Int64 = 0, expireAt: Int64 = 0, expireOnResolve: Bool = false, creator: String = "",
        reason: String = ""
    ) {
        self.metadata = metadata
        self.expire = expire
        self.expireOnResolve = expireOnResolve
        self.creator = creator
        self.check = check
        self.reason = reason
        self.subscription = subscription
        self.begin = begin
        self.expireAt = expireAt
        if self.metadata.name.isEmpty { self.metadata.name = derivedName }
    }

    /// The name Sensu gives this silence: `<subscription or *>:<check or *>`, e.g. `linux:check-cpu`,
    /// `entity:web01:*`, `*:check-cpu` (Sensu Go `Silenced` naming rule).
    public var derivedName: String {
        "\(subscription.isEmpty ? "*" : subscription):\(check.isEmpty ? "*" : check)"
    }

    /// `silenced`, REST collection `silenced`, namespaced.
    public static var resourceType: ResourceType { .silenced }
    /// JSON field names of a silence.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, expire, creator, check, reason, subscription, begin
        case expireOnResolve = "expire_on_resolve"
        case expireAt = "expire_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        expire = try container.lenient(.expire, 0)
        expireOnResolve = try container.lenient(.expireOnResolve, false)
        creator = try container.lenient(.creator, "")
        check = try container.lenient(.check, "")
        reason = try container.lenient(.reason, "")
        subscription = try container.lenient(.subscription, "")
        begin = try container.lenient(.begin, 0)
        expireAt = try container.lenient(.expireAt, 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(expire, forKey: .expire)
        try container.encode(expireOnResolve, forKey: .expireOnResolve)
        try container.encodeOmitEmpty(creator, forKey: .creator)
        try container.encodeOmitEmpty(check, forKey: .check)
        try container.encodeOmitEmpty(reason, forKey: .reason)
        try container.encodeOmitEmpty(subscription, forKey: .subscription)
        try container.encode(begin, forKey: .begin)
        try container.encode(expireAt, forKey: .expireAt)
    }
}
