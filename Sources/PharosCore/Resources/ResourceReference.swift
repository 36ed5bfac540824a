/// A reference to another resource by `name`, `type` and `api_version`, as in Sensu Go `core/v2`
/// `ResourceReference` (used by pipelines and by checks/events to name their pipelines).
public struct ResourceReference: Sendable, Hashable, Codable {
    /// Name of the referenced resource.
    public var name: String
    /// Type name of the referenced resource, e.g. `Pipeline`, `EventFilter`, `Handler`.
    public var type: String
    /// API version of the referenced resource, e.g. `core/v2`.
    public var apiVersion: String

    /// Creates a reference.
    public init(name: String, type: String, apiVersion: String = "core/v2") {
        self.name = name
        self.type = type
        self.apiVersion = apiVersion
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type
        case apiVersion = "api_version"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.lenient(.name, "")
        type = try container.lenient(.type, "")
        apiVersion = try container.lenient(.apiVersion, "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(apiVersion, forKey: .apiVersion)
    }

    /// This reference with Sensu's defaults for a pipeline reference applied: an empty `type` becomes `Pipeline`
    /// and an empty `api_version` becomes `core/v2` (Sensu Go `CheckConfig.MarshalJSON`).
    public var withPipelineDefaults: ResourceReference {
        var copy = self
        if copy.type.isEmpty { copy.type = "Pipeline" }
        if copy.apiVersion.isEmpty { copy.apiVersion = "core/v2" }
        return copy
    }
}
