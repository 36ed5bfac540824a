import Foundation
import Logging
import PharosBackend
import PharosCore
import PharosStore
import PharosStoreSQLite
import ServiceLifecycle

/// A real backend (API, agent gateway, keepalive and TTL monitors, event processor over the embedded SQLite store)
/// running in the benchmark's process on loopback ports, with a recording pipeline instead of handlers.
final class BenchBackend: Sendable {
    let agentPort: Int
    let recorder: BenchRecorder
    let stateDirectory: String
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(withScheduler: Bool, keepaliveTick: Duration = .seconds(1)) async throws {
        var logger = Logger(label: "pharos-bench")
        logger.logLevel = .error
        stateDirectory = NSTemporaryDirectory() + "pharos-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let store = try SQLiteStore(stateDirectory: stateDirectory, logger: logger)
        try await BackendInitializer.initialize(store, adminUsername: "admin", adminPassword: "P@ssw0rd!admin", cost: 4)
        let recorder = BenchRecorder()
        let ports = PortBox()
        let configuration = BackendConfiguration(
            apiHost: "127.0.0.1", apiPort: 0,
            agentGateway: AgentGatewayConfiguration(host: "127.0.0.1", port: 0, maxMessageSize: 1 << 20),
            bcryptCost: 4, keepaliveTick: keepaliveTick, stateDirectory: stateDirectory, runsScheduler: withScheduler)
        let services = try await Backend.makeServices(
            configuration: configuration, store: store, logger: logger, pipeline: .custom(recorder),
            onAgentGatewayRunning: { port in ports.set(port) })
        let group = ServiceGroup(
            configuration: .init(services: services.services, gracefulShutdownSignals: [], logger: logger))
        self.group = group
        self.gateway = services.gateway
        self.recorder = recorder
        self.store = store
        task = Task { try await group.run() }
        var port = 0
        for _ in 0..<500 where port == 0 {
            try await Task.sleep(for: .milliseconds(10))
            port = ports.value
        }
        agentPort = port
    }

    let store: SQLiteStore
    /// The agent gateway (its connected sessions are the backend's own count of agents).
    let gateway: AgentGateway

    func shutdown() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }
}

/// A port reported from a callback.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port = 0
    var value: Int { lock.withLock { port } }
    func set(_ value: Int) { lock.withLock { port = value } }
}
