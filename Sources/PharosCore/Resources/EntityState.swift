/// The state part of an entity: what the agent reports on every keepalive, as in Sensu Go `core/v3`
/// `EntityState` (reference §1.12, §4.3).
public struct EntityState: Sendable, Hashable, Codable {
    /// Name and namespace of the entity (labels and annotations live in the config part).
    public var metadata: ObjectMeta
    /// Host facts.
    public var system: EntitySystem
    /// Unix time in seconds of the last keepalive.
    public var lastSeen: Int64
    /// Version of the agent, e.g. `6.12.0`.
    public var sensuAgentVersion: String

    /// Creates an entity state.
    public init(
        metadata: ObjectMeta = ObjectMeta(), system: EntitySystem = EntitySystem(), lastSeen: Int64 = 0,
        sensuAgentVersion: String = ""
    ) {
        self.metadata = metadata
        self.system = system
        self.lastSeen = lastSeen
        self.sensuAgentVersion = sensuAgentVersion
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, system
        case lastSeen = "last_seen"
        case sensuAgentVersion = "sensu_agent_version"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        system = try container.lenient(.system, EntitySystem())
        lastSeen = try container.lenient(.lastSeen, 0)
        sensuAgentVersion = try container.lenient(.sensuAgentVersion, "")
    }
}
