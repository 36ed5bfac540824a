/// One permission rule of a role (`{"verbs","resources","resource_names"}`), as in Sensu Go `core/v2` `Rule`.
public struct RoleRule: Sendable, Hashable, Codable {
    /// Allowed verbs: `get`, `list`, `create`, `update`, `delete` or `*`.
    public var verbs: [String]
    /// Resource collections the rule covers (e.g. `checks`), `*` for all.
    public var resources: [String]
    /// Resource names the rule is limited to; empty for all.
    public var resourceNames: [String]

    /// Creates a rule.
    public init(verbs: [String], resources: [String], resourceNames: [String] = []) {
        self.verbs = verbs
        self.resources = resources
        self.resourceNames = resourceNames
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case verbs, resources
        case resourceNames = "resource_names"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        verbs = try container.lenient(.verbs, [])
        resources = try container.lenient(.resources, [])
        resourceNames = try container.lenient(.resourceNames, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNilIfEmpty(verbs, forKey: .verbs)
        try container.encodeNilIfEmpty(resources, forKey: .resources)
        try container.encodeNilIfEmpty(resourceNames, forKey: .resourceNames)
    }
}
