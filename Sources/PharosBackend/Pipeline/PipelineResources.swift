public import Foundation
public import PharosCore

/// A snapshot of the pipeline resources of one namespace (handlers, filters, mutators, pipelines), loaded at once
/// and cached by the `PipelineRunner` for `refresh` seconds, so events do not read the store per handler.
public struct PipelineResources: Sendable {
    /// Handlers by name.
    public var handlers: [String: Handler]
    /// Event filters by name.
    public var filters: [String: EventFilter]
    /// Mutators by name.
    public var mutators: [String: Mutator]
    /// Pipelines by name.
    public var pipelines: [String: Pipeline]
    /// When the snapshot was loaded.
    public var loadedAt: Date

    /// Creates a snapshot from lists (the first of duplicate names wins).
    public init(
        handlers: [Handler], filters: [EventFilter], mutators: [Mutator], pipelines: [Pipeline], loadedAt: Date
    ) {
        self.handlers = Self.byName(handlers)
        self.filters = Self.byName(filters)
        self.mutators = Self.byName(mutators)
        self.pipelines = Self.byName(pipelines)
        self.loadedAt = loadedAt
    }

    static func byName<R: Resource>(_ resources: [R]) -> [String: R] {
        Dictionary(resources.map { ($0.metadata.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
