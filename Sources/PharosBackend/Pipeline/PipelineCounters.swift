/// Counts of what a `PipelineRunner` did since it was created (for tests, logs and metrics).
public struct PipelineCounters: Sendable, Hashable {
    /// Events given to `handle(_:)`.
    public var eventsReceived = 0
    /// Events dropped because the queue was full (or the runner had stopped).
    public var eventsDropped = 0
    /// Events whose pipeline was planned and started.
    public var eventsProcessed = 0
    /// Handler runs that completed successfully (pipe: exit 0; tcp/udp: payload written).
    public var handlersSucceeded = 0
    /// Handler runs that failed (non-zero exit, timeout, start or socket failure, unknown type).
    public var handlerFailures = 0
    /// Handler and mutator failures by handler name (the handler of the workflow that failed), for the
    /// `handler` label of `pipeline_failures_total`.
    public var failuresByHandler: [String: Int] = [:]
    /// Handler runs that timed out (also counted in `handlerFailures` or `mutatorFailures`).
    public var timeouts = 0
    /// Handler runs stopped by one of the handler's filters.
    public var eventsFiltered = 0
    /// Filter expressions that failed to compile or evaluate (skipped).
    public var filterErrors = 0
    /// Mutator failures (the handler was skipped).
    public var mutatorFailures = 0
    /// Runtime asset failures (the mutator or handler was skipped).
    public var assetFailures = 0
    /// Handlers, filters, mutators or assets referenced but not stored.
    public var missingResources = 0
    /// Sets whose members were dropped for being nested more than three levels deep.
    public var setsTooDeep = 0

    /// Loads of a namespace's handlers, filters, mutators and pipelines from the store (cache misses).
    public var resourceReloads = 0

    /// All zero.
    public init() {}
}
