/// A monitored thing (an agent's host, a proxy such as a website, the backend), as in Sensu Go `core/v2`
/// `Entity`: the union of `EntityConfig` and `EntityState` (reference §1.12).
public struct Entity: Sendable, Hashable, Codable, Resource {
    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// `agent`, `proxy`, `backend`, `service` or another class name.
    public var entityClass: String
    /// Host facts reported by the agent.
    public var system: EntitySystem
    /// Subscriptions; the server always adds `entity:<name>`.
    public var subscriptions: [String]
    /// Unix time in seconds of the last keepalive.
    public var lastSeen: Int64
    /// Whether the entity is deleted when its keepalive lapses.
    public var deregister: Bool
    /// De-registration settings.
    public var deregistration: Deregistration
    /// Name of the user the agent authenticates as.
    public var user: String
    /// Label/annotation keys whose values `redacted()` replaces; empty means `defaultRedactedKeys`.
    public var redact: [String]
    /// Version of the agent, e.g. `6.12.0`.
    public var sensuAgentVersion: String
    /// Handlers for keepalive events (default: `keepalive`).
    public var keepaliveHandlers: [String]

    /// Creates an entity; every field defaults to Sensu's zero value.
    public init(
        metadata: ObjectMeta = ObjectMeta(), entityClass: String = "", system: EntitySystem = EntitySystem(),
        subscriptions: [String] = [], lastSeen: Int64 = 0, deregister: Bool = false,
        deregistration: Deregistration = Deregistration(), user: String = "", redact: [String] = [],
        sensuAgentVersion: String = "", keepaliveHandlers: [String] = []
    ) {
        self.metadata = metadata
        self.entityClass = entityClass
        self.system = system
        self.subscriptions = subscriptions
        self.lastSeen = lastSeen
        self.deregister = deregister
        self.deregistration = deregistration
        self.user = user
        self.redact = redact
        self.sensuAgentVersion = sensuAgentVersion
        self.keepaliveHandlers = keepaliveHandlers
    }

    /// Combines a configuration and a state; the metadata comes from the configuration.
    public init(config: EntityConfig, state: EntityState) {
        self.init(
            metadata: config.metadata, entityClass: config.entityClass, system: state.system,
            subscriptions: config.subscriptions, lastSeen: state.lastSeen, deregister: config.deregister,
            deregistration: config.deregistration, user: config.user, redact: config.redact,
            sensuAgentVersion: state.sensuAgentVersion, keepaliveHandlers: config.keepaliveHandlers)
    }

    /// The configuration part.
    public var config: EntityConfig {
        EntityConfig(
            metadata: metadata, entityClass: entityClass, user: user, subscriptions: subscriptions,
            deregister: deregister, deregistration: deregistration, keepaliveHandlers: keepaliveHandlers,
            redact: redact)
    }

    /// The state part (its metadata carries only name and namespace).
    public var state: EntityState {
        EntityState(
            metadata: ObjectMeta(name: metadata.name, namespace: metadata.namespace), system: system,
            lastSeen: lastSeen, sensuAgentVersion: sensuAgentVersion)
    }

    /// Keys redacted when `redact` is empty (Sensu Go `DefaultRedactFields`).
    public static let defaultRedactedKeys: [String] = [
        "password", "passwd", "pass", "api_key", "api_token", "access_key", "secret_key", "private_key", "secret",
    ]

    /// Value that replaces a redacted label or annotation.
    public static let redactedValue = "REDACTED"

    /// This entity with the values of labels and annotations whose keys are listed in `redact` (or in
    /// `defaultRedactedKeys` when `redact` is empty) replaced by `REDACTED`. Keys compare case-insensitively.
    /// - Returns: The redacted copy; `redact` itself is kept.
    public func redacted() -> Entity {
        let keys = Set((redact.isEmpty ? Self.defaultRedactedKeys : redact).map { $0.lowercased() })
        func scrub(_ map: [String: String]) -> [String: String] {
            var result = map
            for key in map.keys where keys.contains(key.lowercased()) {
                result[key] = Self.redactedValue
            }
            return result
        }
        var copy = self
        copy.metadata.labels = scrub(metadata.labels)
        copy.metadata.annotations = scrub(metadata.annotations)
        return copy
    }

    /// `entity`, REST collection `entities`, namespaced.
    public static var resourceType: ResourceType { .entity }
    /// JSON field names of an entity.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, system, subscriptions, deregister, deregistration, user, redact
        case entityClass = "entity_class"
        case lastSeen = "last_seen"
        case sensuAgentVersion = "sensu_agent_version"
        case keepaliveHandlers = "keepalive_handlers"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        entityClass = try container.lenient(.entityClass, "")
        system = try container.lenient(.system, EntitySystem())
        subscriptions = try container.lenient(.subscriptions, [])
        lastSeen = try container.lenient(.lastSeen, 0)
        deregister = try container.lenient(.deregister, false)
        deregistration = try container.lenient(.deregistration, Deregistration())
        user = try container.lenient(.user, "")
        redact = try container.lenient(.redact, [])
        sensuAgentVersion = try container.lenient(.sensuAgentVersion, "")
        keepaliveHandlers = try container.lenient(.keepaliveHandlers, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entityClass, forKey: .entityClass)
        try container.encode(system, forKey: .system)
        try container.encodeNilIfEmpty(subscriptions, forKey: .subscriptions)
        try container.encode(lastSeen, forKey: .lastSeen)
        try container.encode(deregister, forKey: .deregister)
        try container.encode(deregistration, forKey: .deregistration)
        try container.encodeOmitEmpty(user, forKey: .user)
        try container.encodeOmitEmpty(redact, forKey: .redact)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(sensuAgentVersion, forKey: .sensuAgentVersion)
        try container.encodeOmitEmpty(keepaliveHandlers, forKey: .keepaliveHandlers)
    }
}
