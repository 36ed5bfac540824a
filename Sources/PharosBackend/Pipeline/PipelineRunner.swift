public import Foundation
public import Logging
public import PharosCore
import PharosInflux
public import PharosStore

/// Runs events through their handlers (Sensu Go 6.x `pipelined` legacy pipeline, reference §7.5–§7.8).
///
/// `handle(_:)` only enqueues onto a bounded queue (`queueCapacity` events; a full queue drops the event, counted in
/// ``PipelineCounters/eventsDropped`` and logged), so the event processor is never held up by slow handlers. The
/// `run()` loop (the runner is a `Service`) takes events from the queue, plans each event's handlers
/// (``HandlerSetExpansion``) and runs one child task per handler — at most `maxConcurrentHandlers` at a time —
/// doing the handler's filters in order, its mutator (`json` by default, `only_check_output`, or a pipe `Mutator`)
/// and the handler itself (`pipe`, `tcp`, `udp`). Every failure is logged with the entity, check and handler names
/// and counted in ``counters``; none is fatal.
///
/// `Pipeline` resources named in `event.pipelines` or `check.pipelines` add their workflows (filters → mutator →
/// handler). The handlers, filters, mutators and pipelines of a namespace are cached for `resourceRefresh`
/// seconds. Not supported: JavaScript mutators and secrets.
///
/// A pipe handler annotated `pharos.io/builtin: "true"` whose command is `pharos-influxdb-handler …` runs in-process:
/// its points go to ``builtinSink``, which batches them per destination while `run()` runs (filters and mutators
/// apply as for any handler).
public actor PipelineRunner {
    /// Default capacity of the event queue.
    public static let defaultQueueCapacity = 1000

    let store: any Store
    let assets: any RuntimeAssetProvider
    let logger: Logger
    let maxConcurrentHandlers: Int
    let baseEnvironment: [String: String]
    let assetEntity: Entity
    let events: AsyncStream<Event>
    let resourceRefresh: Double
    var resourceCache: [String: PipelineResources] = [:]
    var builtinInvocations: [String: Result<InfluxHandlerInvocation, InfluxInvocationError>] = [:]
    /// Where built-in handlers (`pharos.io/builtin: "true"`) queue their points; it writes while `run()` runs.
    public let builtinSink: BuiltinInfluxSink
    private let queue: AsyncStream<Event>.Continuation

    /// What the runner has done so far.
    public internal(set) var counters = PipelineCounters()

    /// Creates a runner.
    /// - Parameters:
    ///   - store: where handlers, filters, mutators and assets are read (in the event's namespace).
    ///   - assets: installs the runtime assets of handlers and mutators.
    ///   - logger: failures are logged at `.warning`, filtered events at `.debug`.
    ///   - maxConcurrentHandlers: handler runs in flight at once in `run()` (at least 1).
    ///   - queueCapacity: events waiting in the queue before `handle(_:)` drops (at least 1).
    ///   - baseEnvironment: the environment pipe commands start from (default: this process's).
    ///   - assetEntity: the entity asset build filters are evaluated against (default: this backend host,
    ///     ``localEntity()``).
    ///   - resourceRefresh: seconds a namespace's handlers, filters, mutators and pipelines are cached before the
    ///     store is read again (default 1; ``invalidateResources()`` forgets them at once).
    ///   - builtinSink: the sink of built-in InfluxDB handlers (default: 5,000 points or 100 ms per write).
    public init(
        store: any Store, assets: any RuntimeAssetProvider, logger: Logger, maxConcurrentHandlers: Int = 8,
        queueCapacity: Int = PipelineRunner.defaultQueueCapacity,
        baseEnvironment: [String: String] = ProcessInfo.processInfo.environment,
        assetEntity: Entity = PipelineRunner.localEntity(), resourceRefresh: Double = 1,
        builtinSink: BuiltinInfluxSink? = nil
    ) {
        self.builtinSink = builtinSink ?? BuiltinInfluxSink(logger: logger)
        self.resourceRefresh = resourceRefresh
        self.store = store
        self.assets = assets
        self.logger = logger
        self.maxConcurrentHandlers = max(1, maxConcurrentHandlers)
        self.baseEnvironment = baseEnvironment
        self.assetEntity = assetEntity
        (events, queue) = AsyncStream.makeStream(
            of: Event.self, bufferingPolicy: .bufferingOldest(max(1, queueCapacity)))
    }

    /// Enqueues an event for the `run()` loop; returns at once. A full queue drops the event (counted, logged).
    public func handle(_ event: Event) async {
        counters.eventsReceived += 1
        switch queue.yield(event) {
        case .enqueued: break
        case .dropped, .terminated:
            counters.eventsDropped += 1
            logger.warning("pipeline queue full, event dropped", metadata: Self.metadata(event))
        @unknown default:
            counters.eventsDropped += 1
        }
    }

    /// Runs the pipeline of one event now and returns when all of its handlers have finished (at most
    /// `maxConcurrentHandlers` at a time). `run()` uses the same steps for queued events.
    public func process(_ event: Event) async {
        let (plans, resources) = await plan(event)
        guard let resources else { return }
        let limit = maxConcurrentHandlers
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for plan in plans {
                if running >= limit {
                    await group.next()
                    running -= 1
                }
                group.addTask { await self.execute(plan, for: event, resources: resources) }
                running += 1
            }
        }
    }

    /// The entity describing this backend host for asset build filters: class `backend`, `system.os` and
    /// `system.arch` in Go's spelling (`linux`, `amd64`, `arm64`).
    public static func localEntity() -> Entity {
        var entity = Entity(metadata: ObjectMeta(name: ProcessInfo.processInfo.hostName), entityClass: "backend")
        #if os(Linux)
            entity.system.os = "linux"
        #elseif os(macOS)
            entity.system.os = "darwin"
        #endif
        #if arch(x86_64)
            entity.system.arch = "amd64"
        #elseif arch(arm64)
            entity.system.arch = "arm64"
        #endif
        entity.system.hostname = ProcessInfo.processInfo.hostName
        return entity
    }

    func record(_ update: @Sendable (inout PipelineCounters) -> Void) {
        update(&counters)
    }

    func finishQueue() {
        queue.finish()
    }

    /// Log metadata naming the event's entity and check.
    static func metadata(_ event: Event, handler: String? = nil, error: String? = nil) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "entity.name": "\(event.entity?.metadata.name ?? "")",
            "check.name": "\(event.check?.metadata.name ?? "")",
            "namespace": "\(namespace(of: event))",
        ]
        if let handler { metadata["handler.name"] = "\(handler)" }
        if let error { metadata["error"] = "\(error)" }
        return metadata
    }

    /// The namespace the event's resources are read from: the entity's, else the check's, else the event's.
    static func namespace(of event: Event) -> String {
        for candidate in [event.entity?.metadata.namespace, event.check?.metadata.namespace, event.metadata.namespace] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return "default"
    }
}
