import Hummingbird
public import Logging
import NIOCore
public import PharosStore
import Prometheus
public import ServiceLifecycle

/// Assembles the backend's services (DESIGN.md §Processes): REST API, agent gateway, keepalive monitor, event
/// processor, TTL switches and, when the caller provides them, the scheduler and pipeline.
public enum Backend {
    /// Builds every service of `pharos-backend start`.
    /// - Parameters:
    ///   - configuration: Listeners and tuning.
    ///   - store: The opened store (initialised: it must hold the JWT key or may have one generated).
    ///   - logger: Structured logger.
    ///   - pipeline: The pipeline after event processing; `nil` uses `LoggingEventPipeline` (logs only, at debug)
    ///     until the runtime's `PipelineRunner` is wired here.
    ///   - scheduler: Builds the check scheduler from the gateway (the publisher) and the adhoc queue the API
    ///     feeds; `nil` runs no scheduler.
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
        pipeline: (any EventPipeline)? = nil,
        scheduler: (@Sendable (any CheckRequestPublisher, AdhocQueue) -> any Service)? = nil,
        metrics: BackendMetrics = BackendMetrics(),
        onAPIRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in },
        onAgentGatewayRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in },
        onDashboardRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) async throws -> BackendServices {
        let pipeline = pipeline ?? LoggingEventPipeline(logger: logger)
        let changes = ChangeBroadcaster()
        let store = ChangePublishingStore(TimedStore(store, metrics: metrics), changes: changes)
        let secret = try await BackendSettings.jwtSecret(in: store)
        let tokens = await TokenIssuer(secret: secret)
        let users = UserAuthenticator(store: store, cost: configuration.bcryptCost)
        try await BuiltinAccessControl.seed(store)  // once; for stores initialised before RBAC existed
        let ttl = TTLMonitor(store: store, logger: logger)
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: logger, ttl: ttl)
        let keepalives = KeepaliveMonitor(store: store, events: processor, logger: logger)
        let gateway = AgentGateway(
            store: store, users: users, events: processor, keepalives: keepalives, logger: logger)

        Self.addSamplers(
            to: metrics, processor: processor, keepalives: keepalives, gateway: gateway, pipeline: pipeline)
        let adhoc = AdhocQueue()
        let routes = APIRoutes(
            store: store, tokens: tokens, users: users, events: processor, metrics: metrics, adhoc: adhoc,
            entityConfigChanged: { await gateway.entityConfigChanged(namespace: $0, name: $1) })
        let api = Application(
            router: routes.makeRouter(),
            configuration: .init(
                address: .hostname(configuration.apiHost, port: configuration.apiPort), serverName: "pharos-api"),
            onServerRunning: { await onAPIRunning($0.localAddress?.port ?? 0) }, logger: logger)
        var services: [any Service] = [
            processor,
            api,
            try gateway.makeService(
                configuration: configuration.agentGateway,
                onServerRunning: { await onAgentGatewayRunning($0.localAddress?.port ?? 0) }),
            KeepaliveService(monitor: keepalives, tick: configuration.keepaliveTick),
            TTLService(monitor: ttl, events: processor, tick: configuration.keepaliveTick),
        ]
        if let scheduler { services.append(scheduler(gateway, adhoc)) }
        if let dashboard = configuration.dashboard {
            services.append(
                Self.makeDashboard(
                    dashboard, routes: routes, changes: changes, logger: logger, onRunning: onDashboardRunning))
        }
        return BackendServices(services: services, gateway: gateway, processor: processor, keepalives: keepalives)
    }

    /// The dashboard's HTTP server: the whole REST API (same router, tokens and RBAC) plus `DashboardRoutes`.
    static func makeDashboard(
        _ configuration: DashboardConfiguration, routes: APIRoutes, changes: any DashboardChangeSource,
        logger: Logger, onRunning: @escaping @Sendable (_ port: Int) async -> Void
    ) -> any Service {
        let router = routes.makeRouter()
        DashboardRoutes(
            store: routes.store,
            authenticator: RequestAuthenticator(store: routes.store, tokens: routes.tokens, sessions: routes.sessions),
            authorizer: Authorizer(store: routes.store), changes: changes
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
        pipeline: any EventPipeline
    ) {
        metrics.addSampler {
            metrics.advance(metrics.eventsProcessed, to: await processor.processedCount)
            metrics.advance(metrics.eventsDropped, to: await processor.droppedCount)
            metrics.advance(metrics.keepalives, to: await keepalives.keepalivesReceived)
            metrics.advance(metrics.keepaliveFailures, to: await keepalives.keepalivesMissed)
            metrics.connectedAgents.set(Double(await gateway.connectedAgents.count))
            if let runner = pipeline as? PipelineRunner {
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
