import Foundation
import Logging
import PharosAgent
import ServiceLifecycle
import Synchronization
import Testing

/// The health-only listener for Kubernetes probes: 503 until a backend was tried, then 200, also when no backend
/// is reachable.
@Suite struct HealthListenerTests {
    /// `GET /healthz` on a connection the server closes after replying: the status line and the body. The
    /// blocking socket runs on a Dispatch thread, so that the listener's handlers keep the cooperative pool.
    static func healthz(port: Int) async throws -> (status: String, body: String) {
        let reply = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        try LoopbackSocket.tcp(
                            port, send: "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    })
            }
        }
        let status = reply.components(separatedBy: "\r\n").first ?? ""
        let body = reply.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (status, body)
    }

    @Test(.timeLimit(.minutes(1)))
    func answers503UntilABackendWasTried() async throws {
        let tried = Mutex(false)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let listener = HealthListener(
            host: "127.0.0.1", port: 0, triedBackend: { tried.withLock { $0 } }, logger: Logger(label: "health"),
            onBound: { portSink.yield($0) })
        let group = ServiceGroup(
            configuration: .init(services: [listener], gracefulShutdownSignals: [], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let before = try await Self.healthz(port: port)
            #expect(before.status == "HTTP/1.1 503 Service Unavailable")
            #expect(before.body == "starting: no backend tried yet")
            tried.withLock { $0 = true }
            let after = try await Self.healthz(port: port)
            #expect(after.status == "HTTP/1.1 200 OK")
            #expect(after.body == "ok")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// A backend that refuses connections still lets the startup probe pass: it was tried.
    @Test(.timeLimit(.minutes(1)))
    func passesOnceAnUnreachableBackendWasTried() async throws {
        let logger = Logger(label: "agent")
        let configuration = AgentConfiguration(
            backendURLs: ["ws://127.0.0.1:1/"], namespace: "default", subscriptions: [], name: "pod-1",
            retryMinimum: .seconds(30))
        let connection = BackendConnection(
            configuration: configuration,
            runner: CheckRunner(
                agentName: "pod-1", assets: DirectoryAssetProvider(root: "/nonexistent"), logger: logger),
            logger: logger)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let listener = HealthListener(
            host: "127.0.0.1", port: 0, triedBackend: connection.triedBackend, logger: logger,
            onBound: { portSink.yield($0) })
        let group = ServiceGroup(
            configuration: .init(services: [listener, connection], gracefulShutdownSignals: [], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let deadline = ContinuousClock.now + .seconds(20)
            var status = try await Self.healthz(port: port).status
            while status != "HTTP/1.1 200 OK", ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                status = try await Self.healthz(port: port).status
            }
            #expect(status == "HTTP/1.1 200 OK")
            #expect(await connection.triedBackend())
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
