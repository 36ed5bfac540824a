public import Logging
public import PharosCore

/// A placeholder pipeline that only logs each event at `.debug`. Used until the runtime's `PipelineRunner` is
/// wired in by `Backend.makeServices(…pipeline:…)`; it runs no filters, mutators or handlers.
public struct LoggingEventPipeline: EventPipeline {
    private let logger: Logger

    /// Creates the pipeline.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Logs the event's entity, check and status at `.debug`.
    public func handle(_ event: Event) async {
        logger.debug(
            "event reached the pipeline",
            metadata: [
                "entity.name": "\(event.entity?.metadata.name ?? "")",
                "check.name": "\(event.check?.metadata.name ?? "")",
                "check.status": "\(event.check?.status ?? 0)",
                "metrics.points": "\(event.metrics?.points.count ?? 0)",
            ])
    }
}
