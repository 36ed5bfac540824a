/// The pipeline runner is where event processing hands every processed event (`handle(_:)` enqueues it).
extension PipelineRunner: EventPipeline {}
