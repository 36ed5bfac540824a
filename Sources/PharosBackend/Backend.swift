import Hummingbird
public import Logging
import NIOCore
public import PharosStore
public import ServiceLifecycle

/// Assembles the backend's services (DESIGN.md §Processes): REST API, agent gateway, keepalive monitor, event
/// processor and, when the caller provides them, the scheduler and pipeline.
public enum Backend {
    /// Builds every service of `pharos-backend start`.
    /// - Parameters:
    ///   - configuration: Listeners and tuning.
    ///   - store: The opened store (initialised: it must hold the JWT key or may have one generated).
    ///   - logger: Structured logger.
    ///   - pipeline: The pipeline after event processing; `nil` uses `LoggingEventPipeline` (logs only, at debug)
    ///     until the runtime's `PipelineRunner` is wired here.
    ///   - scheduler: Builds the check scheduler from the gateway (the publisher); `nil` runs no scheduler.
    ///   - onAPIRunning: Called with the API's bound TCP port once it listens.
    ///   - onAgentGatewayRunning: Called with the agent gateway's bound TCP port once it listens.
    /// - Throws: `StoreError` when the JWT key cannot be read or stored; NIOSSL's error for a bad TLS setup.
    public static func makeServices(
        configuration: BackendConfiguration,
        store: any Store,
        logger: Logger,
        pipeline: (any EventPipeline)? = nil,
        scheduler: (@Sendable (any CheckRequestPublisher) -> any Service)? = nil,
        onAPIRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in },
        onAgentGatewayRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) async throws -> BackendServices {
        let pipeline = pipeline ?? LoggingEventPipeline(logger: logger)
        let secret = try await BackendSettings.jwtSecret(in: store)
        let tokens = await TokenIssuer(secret: secret)
        let users = UserAuthenticator(store: store, cost: configuration.bcryptCost)
        try await BuiltinAccessControl.seed(store)  // once; for stores initialised before RBAC existed
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: logger)
        let keepalives = KeepaliveMonitor(store: store, events: processor, pipeline: pipeline, logger: logger)
        let gateway = AgentGateway(
            store: store, users: users, events: processor, keepalives: keepalives, logger: logger)

        let routes = APIRoutes(store: store, tokens: tokens, users: users, events: processor)
        let api = Application(
            router: routes.makeRouter(),
            configuration: .init(
                address: .hostname(configuration.apiHost, port: configuration.apiPort), serverName: "pharos-api"),
            onServerRunning: { await onAPIRunning($0.localAddress?.port ?? 0) }, logger: logger)
        var services: [any Service] = [
            api,
            try gateway.makeService(
                configuration: configuration.agentGateway,
                onServerRunning: { await onAgentGatewayRunning($0.localAddress?.port ?? 0) }),
            KeepaliveService(monitor: keepalives, tick: configuration.keepaliveTick),
        ]
        if let scheduler { services.append(scheduler(gateway)) }
        return BackendServices(services: services, gateway: gateway, processor: processor, keepalives: keepalives)
    }
}
