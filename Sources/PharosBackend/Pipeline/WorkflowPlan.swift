public import PharosCore

/// One workflow to run for an event: filters in order, a mutator, a handler (reference §1.11, §7.5). Legacy
/// handlers become one workflow each (the handler's own `filters` and `mutator`); `Pipeline` resources contribute
/// their workflows.
public struct WorkflowPlan: Sendable, Hashable {
    /// Where it comes from: `legacy` or `<pipeline>/<workflow>` (for logs).
    public var source: String
    /// Filter names, built-in (`is_incident`, `not_silenced`, `has_metrics`) or `EventFilter`s.
    public var filters: [String]
    /// The mutator name (`""`/`json`, `only_check_output` or a `Mutator`).
    public var mutator: String
    /// The handler (never a set).
    public var handler: Handler

    /// Creates a plan.
    public init(source: String, filters: [String], mutator: String, handler: Handler) {
        self.source = source
        self.filters = filters
        self.mutator = mutator
        self.handler = handler
    }
}
