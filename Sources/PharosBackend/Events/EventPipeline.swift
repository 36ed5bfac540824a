public import PharosCore

/// The stage after event processing: filters, mutators and handlers (the runtime's `PipelineRunner`).
public protocol EventPipeline: Sendable {
    /// Runs one processed event through its pipelines. Never throws: failures are logged and counted.
    func handle(_ event: Event) async
}
