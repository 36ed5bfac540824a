/// The configuration part of an entity: what operators and the agent's flags set, as in Sensu Go `core/v3`
/// `EntityConfig` (reference §1.12). After registration the backend's copy is authoritative (reference §4.3).
public struct EntityConfig: Sendable, Hashable, Codable {
    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// `agent`, `proxy`, `backend`, `service` or another class name.
    public var entityClass: String
    /// Name of the user the agent authenticates as.
    public var user: String
    /// Subscriptions; the server always adds `entity:<name>`.
    public var subscriptions: [String]
    /// Whether the entity is deleted when its keepalive lapses.
    public var deregister: Bool
    /// De-registration settings.
    public var deregistration: Deregistration
    /// Handlers for keepalive events (default: `keepalive`).
    public var keepaliveHandlers: [String]
    /// Label/annotation keys whose values are replaced by `REDACTED` in API output.
    public var redact: [String]

    /// Creates an entity configuration.
    public init(
        metadata: ObjectMeta = ObjectMeta(), entityClass: String = "", user: String = "",
        subscriptions: [String] = [], deregister: Bool = false, deregistration: Deregistration = Deregistration(),
        keepaliveHandlers: [String] = [], redact: [String] = []
    ) {
        self.metadata = metadata
        self.entityClass = entityClass
        self.user = user
        self.subscriptions = subscriptions
        self.deregister = deregister
        self.deregistration = deregistration
        self.keepaliveHandlers = keepaliveHandlers
        self.redact = redact
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, user, subscriptions, deregister, deregistration, redact
        case entityClass = "entity_class"
        case keepaliveHandlers = "keepalive_handlers"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        entityClass = try container.lenient(.entityClass, "")
        user = try container.lenient(.user, "")
        subscriptions = try container.lenient(.subscriptions, [])
        deregister = try container.lenient(.deregister, false)
        deregistration = try container.lenient(.deregistration, Deregistration())
        keepaliveHandlers = try container.lenient(.keepaliveHandlers, [])
        redact = try container.lenient(.redact, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(entityClass, forKey: .entityClass)
        try container.encodeOmitEmpty(user, forKey: .user)
        try container.encodeNilIfEmpty(subscriptions, forKey: .subscriptions)
        try container.encode(deregister, forKey: .deregister)
        try container.encode(deregistration, forKey: .deregistration)
        try container.encodeOmitEmpty(keepaliveHandlers, forKey: .keepaliveHandlers)
        try container.encodeOmitEmpty(redact, forKey: .redact)
    }
}
