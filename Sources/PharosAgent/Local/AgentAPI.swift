import Foundation
import Hummingbird
public import Logging
import NIOCore
import PharosCore
public import Prometheus
public import ServiceLifecycle

/// The agent HTTP API on `api-host:api-port` (Sensu Go 6.x `agent/api.go`, reference §4.4): `POST /events`
/// (202, or 400 naming the field), `GET /healthz` (200 `ok` when connected, else 503), `GET /version`
/// (`{"version": ...}`), `GET /metrics` (Prometheus text).
public struct AgentAPI: Service {
    let host: String
    let port: Int
    let sink: AgentEventSink
    let logger: Logger
    let registry: PrometheusCollectorRegistry
    let onBound: @Sendable (Int) -> Void

    /// Creates the API; nothing listens until ``run()``.
    /// - Parameters:
    ///   - host: listen address; `port`: TCP port (0 picks a free one).
    ///   - sink: where accepted events go.
    ///   - registry: the agent's Prometheus metrics, served on `/metrics`.
    ///   - onBound: called with the bound port once listening.
    public init(
        host: String, port: Int, sink: AgentEventSink, registry: PrometheusCollectorRegistry, logger: Logger,
        onBound: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.sink = sink
        self.registry = registry
        self.logger = logger
        self.onBound = onBound
    }

    /// Serves until graceful shutdown.
    public func run() async throws {
        do {
            try await serve()
        } catch {
            // A local source that cannot start (port taken, address missing) must not stop the agent.
            logger.error("cannot run the agent API; continuing without it", metadata: ["error": "\(error)"])
            try? await gracefulShutdown()
        }
    }

    /// Listens until graceful shutdown.
    private func serve() async throws {
        let router = Router()
        let sink = sink
        let registry = registry
        let accepted = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "pharos_agent", metricName: "api_events_accepted", unitName: "total",
                helpText: "Events accepted by POST /events"))
        let rejected = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "pharos_agent", metricName: "api_events_rejected", unitName: "total",
                helpText: "Events refused by POST /events (400)"))
        router.post("/events") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let submitted: Event
            do {
                submitted = try JSONDecoder().decode(Event.self, from: Data(body.readableBytesView))
            } catch {
                rejected.increment()
                return Self.json(.badRequest, ["message": LocalEvent.describe(decodingError: error)])
            }
            do {
                let event = try LocalEvent.prepare(submitted, agent: await sink.entity(), now: AgentEvents.unixNow())
                await sink.enqueue(event)
                accepted.increment()
                return Response(status: .accepted)
            } catch {
                rejected.increment()
                return Self.json(.badRequest, ["message": "\(error)"])
            }
        }
        router.get("/healthz") { _, _ -> Response in
            if await sink.isConnected() {
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok")))
            }
            return Response(
                status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "sensu backend unavailable")))
        }
        router.get("/version") { _, _ -> Response in
            Self.json(.ok, ["version": AgentVersion.current])
        }
        router.get("/metrics") { _, _ -> Response in
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let onBound = onBound
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in onBound(channel.localAddress?.port ?? 0) }, logger: logger)
        logger.info("agent API listening", metadata: ["api.host": "\(host)", "api.port": "\(port)"])
        try await app.run()
    }

    /// A JSON response.
    static func json(_ status: HTTPResponse.Status, _ body: [String: String]) -> Response {
        let data = (try? JSONEncoder().encode(body)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: Array(data))))
    }
}
