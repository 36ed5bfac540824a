/// An event filter: expressions that allow or deny events, optionally only inside a time window, as in Sensu Go
/// `core/v2` `EventFilter` (reference §1.9, §7.6).
public struct EventFilter: Sendable, Hashable, Codable, Resource {
    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// `allow` or `deny`.
    public var action: String
    /// Expressions that must all be true for the filter to match.
    public var expressions: [String]
    /// Time window in which the filter applies.
    public var when: TimeWindowWhen?
    /// Asset names holding expression libraries.
    public var runtimeAssets: [String]

    /// Creates an event filter.
    public init(
        metadata: ObjectMeta = ObjectMeta(), action: String = "", expressions: [String] = [],
        when: TimeWindowWhen? = nil, runtimeAssets: [String] = []
    ) {
        self.metadata = metadata
        self.action = action
        self.expressions = expressions
        self.when = when
        self.runtimeAssets = runtimeAssets
    }

    /// `event_filter`, REST collection `filters`, namespaced.
    public static var resourceType: ResourceType { .eventFilter }
    /// JSON field names of an event filter.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, action, expressions, when
        case runtimeAssets = "runtime_assets"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        action = try container.lenient(.action, "")
        expressions = try container.lenient(.expressions, [])
        when = try container.decodeIfPresent(TimeWindowWhen.self, forKey: .when)
        runtimeAssets = try container.lenient(.runtimeAssets, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeOmitEmpty(action, forKey: .action)
        try container.encodeNilIfEmpty(expressions, forKey: .expressions)
        try container.encodeIfPresent(when, forKey: .when)
        try container.encodeNilIfEmpty(runtimeAssets, forKey: .runtimeAssets)
    }
}
