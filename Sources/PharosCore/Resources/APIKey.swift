/// An API key, as in Sensu Go `core/v2` `APIKey` (reference §1.15). Cluster-wide; its name is the key (a UUID).
public struct APIKey: Sendable, Hashable, Codable, Resource {
    /// Name (the key UUID), labels and annotations.
    public var metadata: ObjectMeta
    /// User the key authenticates as.
    public var username: String
    /// Groups of that user when the key was created.
    public var groups: [String]
    /// Unix time in seconds when the key was created.
    public var createdAt: Int64

    /// Creates an API key.
    public init(metadata: ObjectMeta = ObjectMeta(), username: String = "", groups: [String] = [], createdAt: Int64 = 0)
    {
        self.metadata = metadata
        self.username = username
        self.groups = groups
        self.createdAt = createdAt
    }

    /// `api_key`, REST collection `apikeys`, cluster-wide.
    public static var resourceType: ResourceType { .apiKey }
    /// JSON field names of an API key.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, username, groups
        case createdAt = "created_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        username = try container.lenient(.username, "")
        groups = try container.lenient(.groups, [])
        createdAt = try container.lenient(.createdAt, 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeOmitEmpty(username, forKey: .username)
        try container.encodeOmitEmpty(groups, forKey: .groups)
        try container.encodeOmitEmpty(createdAt, forKey: .createdAt)
    }
}
