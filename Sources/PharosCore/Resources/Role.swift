/// A namespaced set of permission rules, as in Sensu Go `core/v2` `Role` (reference §1.15).
public struct Role: Sendable, Hashable, Codable, Resource {
    /// Name, labels and annotations (and namespace).
    public var metadata: ObjectMeta
    /// Permission rules.
    public var rules: [RoleRule]

    /// Creates a role.
    public init(metadata: ObjectMeta = ObjectMeta(), rules: [RoleRule] = []) {
        self.metadata = metadata
        self.rules = rules
    }

    /// REST collection `roles`, namespaced.
    public static var resourceType: ResourceType { .role }
    /// JSON field names of a role.
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
