/// A named list of workflows that process events, as in Sensu Go `core/v2` `Pipeline` (reference §1.11).
public struct Pipeline: Sendable, Hashable, Codable, Resource {
    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// Workflows, each run independently for every event.
    public var workflows: [PipelineWorkflow]

    /// Creates a pipeline.
    public init(metadata: ObjectMeta = ObjectMeta(), workflows: [PipelineWorkflow] = []) {
        self.metadata = metadata
        self.workflows = workflows
    }

    /// `pipeline`, REST collection `pipelines`, namespaced.
    public static var resourceType: ResourceType { .pipeline }
    /// JSON field names of a pipeline.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable { case metadata, workflows }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        workflows = try container.lenient(.workflows, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeNilIfEmpty(workflows, forKey: .workflows)
    }
}
