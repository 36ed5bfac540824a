import Hummingbird
public import Logging
import NIOCore
import PharosAssets
public import PharosStore
import Prometheus
import ServiceLifecycle

/// Assembles the backend's services (DESIGN.md §Processes) in one place, for `pharos-backend start`, the tests and
/// `pharos-bench`: pipeline runner, event processor (per-key lanes, following the change feed), REST API, agent
/// gateway, keepalive monitor, TTL switches, scheduler and dashboard.
public enum Backend {
    /// Builds every service of `pharos-backend start`.
    /// - Parameters:
    ///   - configuration: Listeners and tuning.
    ///   - store: The opened store (initialised: it must hold the JWT key or may have one generated).
    ///   - logger: Structured logger.
    ///   - pipeline: `.handlers` (the real `PipelineRunner`, assets under the state directory) or a caller's
    ///     pipeline (`.custom`, e.g. the benchmark's recorder).
    ///   - metrics: The Prometheus collectors served on `/metrics` (a fresh set by default); the store is wrapped
    ///     in a `TimedStore` recording into them.
    ///   - onAPIRunning: Called with the API's bound TCP port once it listens.
    ///   - onAgentGatewayRunning: Called with the agent gateway's bound TCP port once it listens.
    ///   - onDashboardRunning: Called with the dashboard's bound TCP port once it listens (when it is configured).
    /// - Throws: `StoreError` when the JWT key cannot be read or stored; NIOSSL's error for a bad TLS setup.
    public static func makeServices(
        configuration: BackendConfiguration,
        store: any Store,
        logger: Logger,
        pipeline: PipelineChoice = .handlers,
        metrics: BackendMetrics = BackendMetrics(),
        onAPIRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in },
        onAgentGatewayRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in },
        onDashboardRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) async throws -> BackendServices {
        let store = TimedStore(store, metrics: metrics)
        let runner: PipelineRunner?
        let eventPipeline: any EventPipeline
        switch pipeline {
        case .handlers:
            let assets = AssetManager(cacheDirectory: configuration.stateDirectory + "/cache/assets", logger: logger)
            let made = PipelineRunner(
                store: store, assets: assets, logger: logger,
                maxConcurrentHandlers: configuration.maxConcurrentHandlers)
            runner = made
            eventPipeline = made
        case .custom(let custom):
            runner = nil
            eventPipeline = custom
        }
        let secret = try await BackendSettings.jwtSecret(in: store)
        let tokens = await TokenIssuer(secret: secret)
        let users = UserAuthenticator(store: store, cost: configuration.bcryptCost)
        try await BuiltinAccessControl.seed(store)  // once; for stores initialised before RBAC existed
        let ttl = TTLMonitor(store: store, logger: logger)
        let processor = EventProcessor(
            store: store, pipeline: eventPipeline, logger: logger, ttl: ttl, lanes: configuration.eventLanes)
        let keepalives = KeepaliveMonitor(store: store, events: processor, logger: logger)
        let gateway = AgentGateway(
            store: store, users: users, events: processor, keepalives: keepalives, logger: logger)

        Self.addSamplers(
            to: metrics, processor: processor, keepalives: keepalives, gateway: gateway, runner: runner)
        let adhoc = AdhocQueue()
        let routes = APIRoutes(
            store: store, tokens: tokens, users: users, events: processor, metrics: metrics, adhoc: adhoc,
            entityConfigChanged: { await gateway.entityConfigChanged(namespace: $0, name: $1) })
        let api = Application(
            router: routes.makeRouter(),
            configuration: .init(
                address: .hostname(configuration.apiHost, port: configuration.apiPort), serverName: "pharos-api"),
            onServerRunning: { await onAPIRunning($0.localAddress?.port ?? 0) }, logger: logger)
        var services: [any Service] = []
        if let runner { services.append(runner) }
        services += [
            processor,
            api,
            try gateway.makeService(
                configuration: configuration.agentGateway,
                onServerRunning: { await onAgentGatewayRunning($0.localAddress?.port ?? 0) }),
            KeepaliveService(monitor: keepalives, tick: configuration.keepaliveTick),
            TTLService(monitor: ttl, events: processor, tick: configuration.keepaliveTick),
        ]
        if configuration.runsScheduler {
            services.append(Scheduler(store: store, publisher: gateway, logger: logger, adhoc: adhoc))
        }
        if let dashboard = configuration.dashboard {
            let changes = ChangeBroadcaster()
            let index = DashboardEventIndex(store: store, changes: changes, logger: logger)
            services.append(StoreFeedRelay(store: store, broadcaster: changes))
            services.append(index)
            services.append(
                Self.makeDashboard(
                    dashboard, routes: routes, changes: changes, index: index, logger: logger,
                    onRunning: onDashboardRunning))
        }
        return BackendServices(services: services, gateway: gateway, processor: processor, keepalives: keepalives)
    }

    /// The dashboard's HTTP server: the whole REST API (same router, tokens and RBAC) plus `DashboardRoutes`.
    static func makeDashboard(
        _ configuration: DashboardConfiguration, routes: APIRoutes, changes: any DashboardChangeSource,
        index: DashboardEventIndex, logger: Logger, onRunning: @escaping @Sendable (_ port: Int) async -> Void
    ) -> any Service {
        let router = routes.makeRouter()
        DashboardRoutes(
            store: routes.store,
            authenticator: RequestAuthenticator(store: routes.store, tokens: routes.tokens, sessions: routes.sessions),
            authorizer: Authorizer(store: routes.store), changes: changes, index: index
        ).add(to: router)
        return Application(
            router: router,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "pharos-dashboard"),
            onServerRunning: { await onRunning($0.localAddress?.port ?? 0) }, logger: logger)
    }

    /// Copies the counters kept by the components into `metrics` before each scrape.
    static func addSamplers(
        to metrics: BackendMetrics, processor: EventProcessor, keepalives: KeepaliveMonitor, gateway: AgentGateway,
        runner: PipelineRunner?
    ) {
        metrics.addSampler {
            metrics.advance(metrics.eventsProcessed, to: await processor.processedCount)
            metrics.advance(metrics.eventsDropped, to: await processor.droppedCount)
            metrics.advance(metrics.keepalives, to: await keepalives.keepalivesReceived)
            metrics.advance(metrics.keepaliveFailures, to: await keepalives.keepalivesMissed)
            metrics.connectedAgents.set(Double(await gateway.connectedAgents.count))
            if let runner {
                let counters = await runner.counters
                let sink = await runner.builtinSink.counters
                metrics.advance(metrics.pipelineExecutions, to: counters.eventsProcessed)
                let byHandler = counters.failuresByHandler.merging(sink.writeFailuresByHandler, uniquingKeysWith: +)
                for (handler, failures) in byHandler {
                    metrics.advance(metrics.pipelineFailures(handler: handler), to: failures)
                }
                let total =
                    counters.handlerFailures + counters.mutatorFailures + counters.assetFailures
                    + counters.eventsDropped + sink.writeFailures
                metrics.advance(metrics.pipelineFailures, to: total - byHandler.values.reduce(0, +))
            }
        }
    }
}

/// Which pipeline `Backend.makeServices` puts after event processing.
public enum PipelineChoice: Sendable {
    /// The real `PipelineRunner`: filters, mutators, handlers, built-in sinks (run as a service).
    case handlers
    /// A caller's pipeline instead (the benchmark records events rather than running handlers).
    case custom(any EventPipeline)
}
