import ArgumentParser
import Foundation
import Logging
import PharosBackend
import PharosCore
import PharosStore
import ServiceLifecycle

/// `pharos-bench sink`: the same N events of M metric points each through the pipeline twice — once to a pipe
/// handler running `pharos-influxdb-handler` per event, once to the same handler annotated `pharos.io/builtin: "true"`
/// (the in-process sink) — into two databases of a real InfluxDB; points/s of each path and their ratio.
struct SinkMode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sink", abstract: "Points/s into InfluxDB: pipe handler process vs the built-in sink.")

    @Option(help: "Events through each path (default 2000).") var events = 2000
    @Option(help: "Metric points per event (default 10).") var points = 10
    @Option(help: "Handler runs in flight at once, as the backend's default (default 8).") var concurrency = 8
    @Option(help: "InfluxDB 1.x URL (default: start influxd on free loopback ports).") var influxUrl: String?
    @Option(help: "pharos-influxdb-handler binary (default: next to pharos-bench).") var handlerPath: String?
    @Option(help: "JSON output file (default pharos-bench-sink.json).") var output: String?

    func run() async throws {
        var logger = Logger(label: "pharos-bench")
        logger.logLevel = .error
        let handlerBinary =
            handlerPath
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("pharos-influxdb-handler").path
        guard FileManager.default.isExecutableFile(atPath: handlerBinary) else {
            throw BenchError("\(handlerBinary) is not executable: build pharos-influxdb-handler or pass --handler-path")
        }
        let influx = try await BenchInflux(url: influxUrl)
        defer { influx.stop() }
        _ = try await influx.query("CREATE DATABASE bench_pipe")
        _ = try await influx.query("CREATE DATABASE bench_builtin")

        let pipe = try await measure(
            builtin: false, database: "bench_pipe", binary: handlerBinary, influx: influx, logger: logger)
        let builtin = try await measure(
            builtin: true, database: "bench_builtin", binary: handlerBinary, influx: influx, logger: logger)
        let pipeStored = try await influx.number("SELECT count(f0) FROM bench", database: "bench_pipe")
        let builtinStored = try await influx.number("SELECT count(f0) FROM bench", database: "bench_builtin")
        let total = Double(events * points)
        try Report.emit(
            "sink",
            [
                "events": Double(events), "points_per_event": Double(points), "concurrency": Double(concurrency),
                "pipe_seconds": pipe.seconds, "pipe_points_per_second": total / pipe.seconds,
                "pipe_handler_failures": Double(pipe.failures),
                "pipe_points_in_influxdb": pipeStored * Double(points),
                "builtin_seconds": builtin.seconds, "builtin_points_per_second": total / builtin.seconds,
                "builtin_handler_failures": Double(builtin.failures),
                "builtin_writes": Double(builtin.sink.writes),
                "builtin_write_failures": Double(builtin.sink.writeFailures),
                "builtin_points_dropped": Double(builtin.sink.pointsDropped),
                "builtin_points_in_influxdb": builtinStored * Double(points),
                "builtin_speedup_over_pipe": pipe.seconds / builtin.seconds,
            ], output: output)
    }

    /// What one path did.
    struct Outcome {
        var seconds: Double
        var failures: Int
        var sink: BuiltinSinkCounters
    }

    /// Runs the events through a fresh pipeline runner (as a service) with one handler and waits until the handlers
    /// ran and the sink wrote everything (graceful shutdown); the time from the first event to then.
    private func measure(
        builtin: Bool, database: String, binary: String, influx: BenchInflux, logger: Logger
    ) async throws -> Outcome {
        let store = InMemoryStore()
        var handler = Handler(
            metadata: ObjectMeta(name: "influxdb", namespace: "default"), type: "pipe",
            command: "'\(binary)' -a \(influx.baseURL) -d \(database)", timeout: 30)
        if builtin { handler.metadata.annotations[Handler.builtinAnnotation] = "true" }
        try await store.putResource(handler)
        let runner = PipelineRunner(
            store: store, assets: NoAssets(), logger: logger, maxConcurrentHandlers: concurrency,
            queueCapacity: events + 1, baseEnvironment: ProcessInfo.processInfo.environment)
        let group = ServiceGroup(configuration: .init(services: [runner], gracefulShutdownSignals: [], logger: logger))
        let eventList = Self.events(count: events, points: points)
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for event in eventList { await runner.handle(event) }
            while true {
                let counters = await runner.counters
                if counters.handlersSucceeded + counters.handlerFailures + counters.eventsDropped >= events { break }
                try await Task.sleep(for: .milliseconds(5))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let counters = await runner.counters
        return Outcome(
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            failures: counters.handlerFailures + counters.eventsDropped, sink: await runner.builtinSink.counters)
    }

    /// `count` events of 100 entities; event `i` has points `bench.f0` … `bench.f{points-1}` at second
    /// `1764400000 + i` (distinct per series, so InfluxDB keeps every point).
    static func events(count: Int, points: Int) -> [Event] {
        (0..<count).map { index in
            let entity = Entity(
                metadata: ObjectMeta(name: "host-\(index % 100)", namespace: "default"), entityClass: "agent")
            let config = CheckConfig(
                metadata: ObjectMeta(name: "bench-metrics", namespace: "default"), command: "metrics", interval: 10,
                publish: true, subscriptions: ["bench"])
            let second = Int64(1_764_400_000 + index)
            let metricPoints = (0..<points).map { field in
                MetricPoint(
                    name: "bench.f\(field)", value: Double(index * points + field), timestamp: second,
                    tags: [MetricTag(name: "region", value: "eu-\(index % 4)")])
            }
            return Event(
                timestamp: second, entity: entity,
                check: Check(config: config, status: 0, output: "ok", executed: second),
                metrics: Metrics(handlers: ["influxdb"], points: metricPoints),
                metadata: ObjectMeta(namespace: "default"), id: UUID().uuidString.lowercased())
        }
    }
}
