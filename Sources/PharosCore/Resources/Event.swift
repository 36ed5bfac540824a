/// An observation about an entity: a check result and/or metrics, as in Sensu Go `core/v2` `Event`
/// (reference §1.13). Stored per `(namespace, entity.name, check.name)`; metrics-only events are never stored.
public struct Event: Sendable, Hashable, Codable, Resource {
    /// Unix time in seconds when the event was created.
    public var timestamp: Int64
    /// The entity the event is about (required).
    public var entity: Entity?
    /// The check result, if the event comes from a check.
    public var check: Check?
    /// Extracted or submitted metrics.
    public var metrics: Metrics?
    /// Namespace, labels and annotations of the event (an event has no name).
    public var metadata: ObjectMeta
    /// Event identifier: a UUID in canonical text form, or empty until the backend assigns one.
    public var id: String
    /// Per-agent sequence number, reset to 1 when the agent reconnects.
    public var sequence: Int64
    /// Pipelines that process the event.
    public var pipelines: [ResourceReference]

    /// Creates an event.
    public init(
        timestamp: Int64 = 0, entity: Entity? = nil, check: Check? = nil, metrics: Metrics? = nil,
        metadata: ObjectMeta = ObjectMeta(), id: String = "", sequence: Int64 = 0,
        pipelines: [ResourceReference] = []
    ) {
        self.timestamp = timestamp
        self.entity = entity
        self.check = check
        self.metrics = metrics
        self.metadata = metadata
        self.id = id
        self.sequence = sequence
        self.pipelines = pipelines
    }

    /// Whether the event carries a check result (`event.has_check`).
    public var hasCheck: Bool { check != nil }
    /// Whether the event carries metrics (`event.has_metrics`).
    public var hasMetrics: Bool { metrics != nil }
    /// Whether the check status is not OK (`event.is_incident`).
    public var isIncident: Bool { (check?.status ?? 0) != 0 }
    /// Whether the check just returned to OK: the current status is 0 and the previous history entry was not
    /// (`event.is_resolution`, Sensu Go `Event.IsResolution`).
    public var isResolution: Bool {
        guard let check, check.history.count >= 2 else { return false }
        return check.status == 0 && check.history[check.history.count - 2].status != 0
    }
    /// Whether a silence applies to the check (`event.is_silenced`).
    public var isSilenced: Bool { check?.isSilenced ?? false }

    /// `event`, REST collection `events`, namespaced.
    public static var resourceType: ResourceType { .event }
    /// JSON field names of an event.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case timestamp, entity, check, metrics, metadata, id, sequence, pipelines
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timestamp = try container.lenient(.timestamp, 0)
        entity = try container.decodeIfPresent(Entity.self, forKey: .entity)
        check = try container.decodeIfPresent(Check.self, forKey: .check)
        metrics = try container.decodeIfPresent(Metrics.self, forKey: .metrics)
        metadata = try container.lenient(.metadata, ObjectMeta())
        id = try container.lenient(.id, "")
        sequence = try container.lenient(.sequence, 0)
        pipelines = try container.lenient(.pipelines, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(timestamp, forKey: .timestamp)
        try container.encodeIfPresent(entity, forKey: .entity)
        try container.encodeIfPresent(check, forKey: .check)
        try container.encodeIfPresent(metrics, forKey: .metrics)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(id, forKey: .id)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(pipelines, forKey: .pipelines)
    }
}
