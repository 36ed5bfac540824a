/// A cluster-wide set of permission rules, as in Sensu Go `core/v2` `ClusterRole` (reference §1.15).
public struct ClusterRole: Sendable, Hashable, Codable, Resource {
    /// Name, labels and annotations.
    public var metadata: ObjectMeta
    /// Permission rules.
    public var rules: [RoleRule]

    /// Creates a cluster role.
    public init(metadata: ObjectMeta = ObjectMeta(), rules: [RoleRule] = []) {
        self.metadata = metadata
        self.rules = rules
    }

    /// REST collection `clusterroles`, cluster-wide.
    public static var resourceType: ResourceType { .clusterRole }
    /// JSON field names of a cluster role.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable { case rules, metadata }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        rules = try container.lenient(.rules, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNilIfEmpty(rules, forKey: .rules)
        try container.encode(metadata, forKey: .metadata)
    }
}
