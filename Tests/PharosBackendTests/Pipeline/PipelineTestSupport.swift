import Foundation
import Logging
import PharosBackend
import PharosCore
import PharosStore

/// Builders and helpers shared by the pipeline tests.
enum PipelineFixture {
    static let logger: Logger = {
        var logger = Logger(label: "pipeline-test")
        logger.logLevel = .critical
        return logger
    }()

    /// A fresh temporary directory.
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "pharos-pipeline-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func event(
        status: UInt32 = 2, handlers: [String], output: String = "CRITICAL: disk full\n",
        history: [UInt32] = [], metricHandlers: [String]? = nil
    ) -> Event {
        var entity = Entity(
            metadata: ObjectMeta(
                name: "web-1", namespace: "default", labels: ["region": "eu", "api_key": "s3cret"]),
            entityClass: "agent", subscriptions: ["linux"])
        entity.system.os = "linux"
        let config = CheckConfig(
            metadata: ObjectMeta(name: "check-disk", namespace: "default"), command: "check_disk", handlers: handlers,
            interval: 60, publish: true, subscriptions: ["linux"])
        let check = Check(
            config: config, status: status, output: output, executed: 1_764_400_000,
            history: history.map { CheckHistory(status: $0, executed: 1_764_400_000) }, occurrences: 3)
        let metrics = metricHandlers.map {
            Metrics(handlers: $0, points: [MetricPoint(name: "disk.used", value: 91, timestamp: 1_764_400_000)])
        }
        return Event(
            timestamp: 1_764_400_000, entity: entity, check: check, metrics: metrics,
            metadata: ObjectMeta(namespace: "default"), id: "0b0e6c1a-6d3c-4f0c-9d5e-1f2e3d4c5b6a")
    }

    static func pipe(
        _ name: String, _ command: String, filters: [String] = [], mutator: String = "", timeout: UInt32 = 0
    )
        -> Handler
    {
        Handler(
            metadata: ObjectMeta(name: name, namespace: "default"), type: "pipe", mutator: mutator, command: command,
            timeout: timeout, filters: filters)
    }

    static func set(_ name: String, _ members: [String]) -> Handler {
        Handler(metadata: ObjectMeta(name: name, namespace: "default"), type: "set", handlers: members)
    }

    static func store(_ resources: [any Resource]) async throws -> InMemoryStore {
        let store = InMemoryStore()
        for resource in resources {
            try await put(resource, into: store)
        }
        return store
    }

    private static func put<R: Resource>(_ resource: R, into store: InMemoryStore) async throws {
        try await store.putResource(resource)
    }

    static func runner(_ store: InMemoryStore, assets: any RuntimeAssetProvider = NoAssets(), queueCapacity: Int = 100)
        -> PipelineRunner
    {
        PipelineRunner(
            store: store, assets: assets, logger: logger, queueCapacity: queueCapacity,
            baseEnvironment: ["PATH": "/usr/bin:/bin"])
    }

    static func read(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
}

/// An asset provider for tests that must not install anything.
struct NoAssets: RuntimeAssetProvider {
    func prepare(_ assets: [Asset], for entity: Entity) async throws -> AssetEnvironment {
        AssetEnvironment()
    }
}

/// An asset provider that "installs" every asset from a local directory `<root>/<asset name>`.
struct LocalDirectoryAssets: RuntimeAssetProvider {
    let root: String
    func prepare(_ assets: [Asset], for entity: Entity) async throws -> AssetEnvironment {
        AssetEnvironment(assetDirectories: assets.map { (name: $0.metadata.name, path: "\(root)/\($0.metadata.name)") })
    }
}
