public import Prometheus
import Synchronization

/// The backend's Prometheus collectors, registered in one place and served on `GET /metrics` (text exposition
/// format 0.0.4). Components record into the collectors directly; counters kept elsewhere (the event processor,
/// the pipeline runner, the gateway) are copied in by samplers just before each scrape.
///
/// Metric names (all prefixed `pharos_`): `http_requests_total{route,method,code}`, `events_processed_total`,
/// `events_dropped_total`, `keepalives_total`, `keepalive_failures_total`, `agents_connected`, `pipeline_executions_total`,
/// `pipeline_failures_total{handler}`, `store_operation_duration_seconds{operation}` (histogram).
public final class BackendMetrics: Sendable {
    /// The registry every collector lives in.
    public let registry: PrometheusCollectorRegistry
    /// Events that went through event processing (agents, API, keepalives).
    public let eventsProcessed: Counter
    /// Events dropped by event processing (invalid, or the store failed).
    public let eventsDropped: Counter
    /// Keepalives received from agents.
    public let keepalives: Counter
    /// Keepalive deadlines missed by registered entities (each gives a failing keepalive event or a de-registration).
    public let keepaliveFailures: Counter
    /// Agents connected to this backend now.
    public let connectedAgents: Gauge
    /// Events whose pipeline ran.
    public let pipelineExecutions: Counter
    /// Pipeline failures tied to no handler (events the pipeline queue dropped, namespaces whose resources could not
    /// be read, asset failures): `pipeline_failures_total{handler=""}` (Prometheus reads an empty label as no label).
    /// The failures of a handler's workflow are in ``pipelineFailures(handler:)``.
    public let pipelineFailures: Counter

    private let samplers: Mutex<[@Sendable () async -> Void]>
    private let lastTotals: Mutex<[ObjectIdentifier: Int]>

    /// Upper bounds of the store latency buckets, seconds.
    public static let storeLatencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(10),
        .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1),
    ]

    /// Creates the collectors in a new registry.
    public init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        func counter(_ name: String, _ help: String) -> Counter {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "pharos", metricName: name, unitName: "total", helpText: help))
        }
        eventsProcessed = counter("events_processed", "Events that went through event processing.")
        eventsDropped = counter("events_dropped", "Events dropped by event processing (invalid or not stored).")
        keepalives = counter("keepalives", "Keepalives received from agents.")
        keepaliveFailures = counter(
            "keepalive_failures",
            "Keepalive deadlines missed by registered entities (failing event or de-registration).")
        pipelineExecutions = counter("pipeline_executions", "Events whose pipeline ran (filters, mutator, handlers).")
        pipelineFailures = Self.pipelineFailures(in: registry, handler: "")
        connectedAgents = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "pharos", metricName: "agents_connected", unitName: "",
                helpText: "Agents connected to this backend."))
        samplers = Mutex([])
        lastTotals = Mutex([:])
    }

    /// Counts one answered HTTP request.
    /// - Parameters:
    ///   - route: The matched route pattern (e.g. `/api/core/v2/namespaces/{namespace}/checks`), or `unmatched`.
    ///   - method: The HTTP method.
    ///   - code: The response status code.
    public func httpRequest(route: String, method: String, code: Int) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "pharos", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests answered by the REST API, by route, method and status code."),
            labels: [("route", route), ("method", method), ("code", String(code))]
        ).increment()
    }

    /// The failures of one handler's workflows (`pipeline_failures_total{handler="<name>"}`): the handler failed
    /// (non-zero exit, timeout, socket error, a built-in sink write or a full sink queue) or its mutator did.
    /// - Parameter handler: the handler name.
    public func pipelineFailures(handler: String) -> Counter {
        Self.pipelineFailures(in: registry, handler: handler)
    }

    private static func pipelineFailures(in registry: PrometheusCollectorRegistry, handler: String) -> Counter {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "pharos", metricName: "pipeline_failures", unitName: "total",
                helpText: "Failed handler, mutator or asset runs and events dropped by the pipeline queue, by handler."),
            labels: [("handler", handler)])
    }

    /// The latency histogram of one store operation (seconds).
    /// - Parameter operation: The `Store` method, e.g. `putEvent`.
    public func storeLatency(_ operation: String) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "pharos", metricName: "store_operation_duration", unitName: "seconds",
                helpText: "Latency of store operations."),
            labels: [("operation", operation)], buckets: Self.storeLatencyBuckets)
    }

    /// Adds work run before every scrape (to copy counters kept elsewhere into the collectors).
    public func addSampler(_ sampler: @escaping @Sendable () async -> Void) {
        samplers.withLock { $0.append(sampler) }
    }

    /// Advances `counter` to a running total kept elsewhere (increments by the growth since the last call; a
    /// total that went down is ignored).
    /// - Parameters:
    ///   - counter: One of this object's counters.
    ///   - total: The current total.
    public func advance(_ counter: Counter, to total: Int) {
        let growth = lastTotals.withLock { totals -> Int in
            let key = ObjectIdentifier(counter)
            let previous = totals[key] ?? 0
            guard total > previous else { return 0 }
            totals[key] = total
            return total - previous
        }
        if growth > 0 { counter.increment(by: Int64(growth)) }
    }

    /// Runs the samplers and renders every collector in the Prometheus text format.
    public func exposition() async -> String {
        for sampler in samplers.withLock({ $0 }) { await sampler() }
        return registry.emitToString()
    }
}
