/// One workflow of a pipeline: filters, an optional mutator and a handler, as in Sensu Go `core/v2`
/// `PipelineWorkflow` (reference §1.11).
public struct PipelineWorkflow: Sendable, Hashable, Codable {
    /// Workflow name (must match the resource name rule).
    public var name: String
    /// Event filters, all of which must pass.
    public var filters: [ResourceReference]
    /// Mutator applied before the handler.
    public var mutator: ResourceReference?
    /// Handler that receives the event (required).
    public var handler: ResourceReference?

    /// Creates a workflow.
    public init(
        name: String, filters: [ResourceReference] = [], mutator: ResourceReference? = nil,
        handler: ResourceReference? = nil
    ) {
        self.name = name
        self.filters = filters
        self.mutator = mutator
        self.handler = handler
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, filters, mutator, handler }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.lenient(.name, "")
        filters = try container.lenient(.filters, [])
        mutator = try container.decodeIfPresent(ResourceReference.self, forKey: .mutator)
        handler = try container.decodeIfPresent(ResourceReference.self, forKey: .handler)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeOmitEmpty(filters, forKey: .filters)
        try container.encodeIfPresent(mutator, forKey: .mutator)
        try container.encode(handler, forKey: .handler)
    }
}
