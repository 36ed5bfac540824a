import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle

/// A health-only HTTP listener for Kubernetes probes (Pharos only; Sensu has none): `GET /healthz` answers 200 `ok`
/// once the agent has tried a backend — connected or not — and 503 before. Nothing else is served, so it may bind
/// the pod IP for the kubelet while the agent API, which accepts events, stays on loopback.
///
/// Meant for a `startupProbe` and a `livenessProbe`. Not for a `readinessProbe`: a sidecar's readiness is part of its
/// pod's, and an application pod must receive traffic whether or not its monitoring is connected; by the same
/// reasoning the startup condition is "tried", not "connected", so that a backend outage does not keep application
/// pods (which wait for a native sidecar's startup probe) from starting.
public struct HealthListener: Service {
    let host: String
    let port: Int
    let triedBackend: @Sendable () async -> Bool
    let logger: Logger
    let onBound: @Sendable (Int) -> Void

    /// Creates the listener; nothing listens until ``run()``.
    /// - Parameters:
    ///   - host: listen address (e.g. the pod IP); `port`: TCP port (0 picks a free one).
    ///   - triedBackend: whether a backend was tried yet (``BackendConnection/triedBackend``).
    ///   - logger: a failure to listen is logged at `.error`; the agent carries on without the listener.
    ///   - onBound: called with the bound port once listening.
    public init(
        host: String, port: Int, triedBackend: @escaping @Sendable () async -> Bool, logger: Logger,
        onBound: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.triedBackend = triedBackend
        self.logger = logger
        self.onBound = onBound
    }

    /// Serves until graceful shutdown.
    public func run() async throws {
        let router = Router()
        let triedBackend = triedBackend
        router.get("/healthz") { _, _ -> Response in
            if await triedBackend() {
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok")))
            }
            return Response(
                status: .serviceUnavailable,
                body: .init(byteBuffer: ByteBuffer(string: "starting: no backend tried yet")))
        }
        let onBound = onBound
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in onBound(channel.localAddress?.port ?? 0) }, logger: logger)
        logger.info("health listener listening", metadata: ["health.host": "\(host)", "health.port": "\(port)"])
        do {
            try await app.run()
        } catch {
            // Probes then fail and the kubelet restarts the container, which shows the cause in its log.
            logger.error("cannot run the health listener; continuing without it", metadata: ["error": "\(error)"])
            try? await gracefulShutdown()
        }
    }
}
