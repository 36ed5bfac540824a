import Foundation
import Logging
import PharosBackend
import PharosCore
import PharosInflux
import PharosStore
import ServiceLifecycle
import Testing

/// The backend's built-in InfluxDB sink against the pipe handler process, both writing to one real InfluxDB 1.x.
@Suite(.enabled(if: InfluxServer.influxdPath != nil, "influxd is not installed (Debian: apt-get install influxdb)"))
struct BuiltinInfluxSinkTests {
    static let logger: Logger = {
        var logger = Logger(label: "builtin-sink-test")
        logger.logLevel = .critical
        return logger
    }()

    /// `'<bin>/NAME'`: a built executable, quoted as a shell word.
    static func tool(_ name: String) -> String {
        "'" + ToolProcess.binDirectory.appendingPathComponent(name).path + "'"
    }

    /// A metrics event of `entity` with the given points, for the legacy handlers `handlers`.
    static func event(_ entity: String, _ points: [MetricPoint], handlers: [String]) -> Event {
        let entity = Entity(
            metadata: ObjectMeta(name: entity, namespace: "default", labels: ["region": "eu"]), entityClass: "agent")
        let config = CheckConfig(
            metadata: ObjectMeta(name: "check-metrics", namespace: "default"), command: "metrics", interval: 10,
            publish: true, subscriptions: ["linux"])
        let check = Check(config: config, status: 0, output: "ok", executed: 1_764_400_000)
        return Event(
            timestamp: 1_764_400_000, entity: entity, check: check,
            metrics: Metrics(handlers: handlers, points: points), metadata: ObjectMeta(namespace: "default"),
            id: UUID().uuidString.lowercased())
    }

    /// 30 events over 3 entities (ns, ms and s timestamps, tags with spaces and commas, names with and without a
    /// dot), one event of an entity the `deny-skip` filter drops, and one with `metrics` but no points.
    static func events(handlers: [String]) -> [Event] {
        var events: [Event] = []
        for index in 0..<30 {
            let second = Int64(1_764_400_000 + index)
            let points = [
                MetricPoint(
                    name: "cpu.user", value: Double(index) + 0.25, timestamp: second,
                    tags: [MetricTag(name: "core", value: "\(index % 2)")]),
                MetricPoint(
                    name: "disk_usage.used", value: Double(index * 1_000), timestamp: second * 1_000,
                    tags: [MetricTag(name: "mount", value: "/var/lib a,b=c")]),
                MetricPoint(name: "uptime", value: Double(index), timestamp: second * 1_000_000_000 + 123),
            ]
            events.append(event("host-\(index % 3)", points, handlers: handlers))
        }
        events.append(
            event("skip-me", [MetricPoint(name: "cpu.user", value: 1, timestamp: 1_764_400_000)], handlers: handlers))
        events.append(event("host-0", [], handlers: handlers))
        return events
    }

    /// The pipe handler, or its built-in twin, writing to `database`.
    static func handler(_ name: String, server: InfluxServer, database: String, builtin: Bool, mutator: String)
        -> Handler
    {
        var handler = Handler(
            metadata: ObjectMeta(name: name, namespace: "default"), type: "pipe", mutator: mutator,
            command: "\(tool("pharos-influxdb-handler")) -a \(server.baseURL) -d \(database) --precision s",
            timeout: 10, filters: ["has_metrics", "deny-skip"])
        if builtin { handler.metadata.annotations[Handler.builtinAnnotation] = "true" }
        return handler
    }

    /// Every series and point of a database: `SHOW SERIES` and `SELECT * FROM /.*/` (`epoch=s`).
    static func contents(_ server: InfluxServer, _ database: String) async throws -> String {
        let series = try await server.query("SHOW SERIES", database: database)
        let points = try await server.query("SELECT * FROM /.*/", database: database)
        let data = try JSONSerialization.data(withJSONObject: [series, points], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs `runner` as a service while `body` runs, then shuts it down gracefully (the sink writes what is queued).
    static func running(_ runner: PipelineRunner, _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(
            configuration: .init(services: [runner], gracefulShutdownSignals: [], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test(arguments: ["", "enrich"])
    func writesTheSameSeriesAndPointsAsThePipeHandler(mutator: String) async throws {
        try await InfluxServer.with { server in
            _ = try await server.query("CREATE DATABASE pipe")
            _ = try await server.query("CREATE DATABASE builtin")
            let store = InMemoryStore()
            try await store.putResource(
                Self.handler("influx-pipe", server: server, database: "pipe", builtin: false, mutator: mutator))
            try await store.putResource(
                Self.handler("influx-builtin", server: server, database: "builtin", builtin: true, mutator: mutator))
            try await store.putResource(
                EventFilter(
                    metadata: ObjectMeta(name: "deny-skip", namespace: "default"), action: "deny",
                    expressions: ["event.entity.name == 'skip-me'"]))
            try await store.putResource(
                Mutator(
                    metadata: ObjectMeta(name: "enrich", namespace: "default"),
                    command: Self.tool("pharos-metric-tag-enrichment"), timeout: 10))
            let runner = PipelineRunner(
                store: store, assets: NoAssets(), logger: Self.logger, baseEnvironment: ["PATH": "/usr/bin:/bin"])
            let events = Self.events(handlers: ["influx-pipe", "influx-builtin"])
            try await Self.running(runner) {
                for event in events { await runner.process(event) }
            }

            let counters = await runner.counters
            #expect(counters.handlerFailures == 0)
            #expect(counters.mutatorFailures == 0)
            #expect(counters.eventsFiltered == 2)  // skip-me, by deny-skip
            // 31 events each: the one without points passes has_metrics (it has `metrics`) and writes nothing.
            #expect(counters.handlersSucceeded == 62)
            let sink = await runner.builtinSink.counters
            #expect(sink.pointsWritten == 90)
            #expect(sink.writeFailures == 0)
            #expect(sink.pointsDropped == 0)

            let pipe = try await Self.contents(server, "pipe")
            let builtin = try await Self.contents(server, "builtin")
            #expect(pipe == builtin)
            let uptime = try await server.query("SELECT count(value) FROM uptime", database: "builtin")
            let text = String(decoding: try JSONSerialization.data(withJSONObject: uptime), as: UTF8.self)
            #expect(text.contains("[0,30]"), "\(text)")
            // 3 entities × (cpu by core 0/1 where present, disk_usage, uptime); the enrich mutator adds tags.
            let series = try await server.query("SHOW SERIES", database: "builtin")
            let rows = try #require(
                (((series as? [String: Any])?["results"] as? [[String: Any]])?.first?["series"] as? [[String: Any]])?
                    .first?["values"] as? [[String]])
            #expect(rows.count == 12)
            #expect(
                rows.contains(["disk_usage,mount=/var/lib\\ a\\,b\\=c,sensu_entity_name=host-1"])
                    == mutator.isEmpty)
        }
    }

    @Test func writesFullBatchesAtOnceAndTheRestWhenItIsDue() async throws {
        try await InfluxServer.with { server in
            _ = try await server.query("CREATE DATABASE batches")
            let invocation = try InfluxHandlerInvocation(
                command: "pharos-influxdb-handler -a \(server.baseURL) -d batches", environment: [:])
            let sink = BuiltinInfluxSink(logger: Self.logger)
            let lines = (0..<12_000).map { "load,host=h\($0 % 10) value=\($0) \(1_764_400_000 + $0 / 10)" }
            #expect(await sink.enqueue(lines, handler: "influx", writer: invocation.writer) == 12_000)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { await sink.run() }
                // Two full batches go at once; the last 2,000 points 100 ms after they were left behind.
                let deadline = ContinuousClock.now + .seconds(10)
                while ContinuousClock.now < deadline, await sink.counters.pointsWritten < 12_000 {
                    try await Task.sleep(for: .milliseconds(10))
                }
                await sink.finish()
                try await tasks.waitForAll()
            }
            let counters = await sink.counters
            #expect(counters.writes == 3)
            #expect(counters.pointsWritten == 12_000)
            #expect(counters.writeFailures == 0)
            let answer = try await server.query("SELECT count(value) FROM load", database: "batches")
            let text = String(decoding: try JSONSerialization.data(withJSONObject: answer), as: UTF8.self)
            #expect(text.contains("[0,12000]"), "\(text)")
        }
    }

    @Test func dropsAndCountsPointsBeyondTheQueueBound() async throws {
        let writer = try InfluxHandlerInvocation(command: "pharos-influxdb-handler", environment: [:]).writer
        let sink = BuiltinInfluxSink(logger: Self.logger, maximumBatch: 10, capacity: 10)
        let lines = (0..<25).map { "m value=\($0)" }
        #expect(await sink.enqueue(lines, handler: "influx", writer: writer) == 10)
        #expect(await sink.enqueue(lines, handler: "influx", writer: writer) == 0)
        let counters = await sink.counters
        #expect(counters.pointsQueued == 10)
        #expect(counters.pointsDropped == 40)
        await sink.finish()
        #expect(await sink.enqueue(lines, handler: "influx", writer: writer) == 0)
    }

    @Test func countsAFailedWriteAgainstTheHandler() async throws {
        let port = try InfluxServer.freePort()
        let store = InMemoryStore()
        var handler = Handler(
            metadata: ObjectMeta(name: "influx-down", namespace: "default"), type: "pipe",
            command: "pharos-influxdb-handler -a http://127.0.0.1:\(port)")
        handler.metadata.annotations[Handler.builtinAnnotation] = "true"
        try await store.putResource(handler)
        let runner = PipelineRunner(store: store, assets: NoAssets(), logger: Self.logger, baseEnvironment: [:])
        try await Self.running(runner) {
            await runner.process(
                Self.event("a", [MetricPoint(name: "x", value: 1, timestamp: 1)], handlers: ["influx-down"]))
        }
        // Queuing succeeded; the write then failed and is counted against the handler.
        #expect(await runner.counters.handlersSucceeded == 1)
        let sink = await runner.builtinSink.counters
        #expect(sink.writeFailures == 1)
        #expect(sink.pointsFailed == 1)
        #expect(sink.writeFailuresByHandler == ["influx-down": 1])
    }

    @Test(arguments: [
        (
            "sensu-influxdb-handler -d x",
            "command: \"sensu-influxdb-handler\" cannot run built in: only pharos-influxdb-handler can (remove the "
                + "pharos.io/builtin annotation to run it as a pipe process)"
        ),
        (
            "pharos-influxdb-handler --precision ns",
            "command: pharos-influxdb-handler flags: --precision must be one of n, u, ms, s, m, h (got 'ns')"
        ),
        (
            "pharos-influxdb-handler --bogus",
            "command: pharos-influxdb-handler flags: Unknown option '--bogus'"
        ),
        (
            "pharos-influxdb-handler -a $INFLUX",
            "command: the command line cannot run built in: '$' at character 28 would be expanded by the shell"
        ),
        (
            "pharos-influxdb-handler -p 'unclosed",
            "command: the command line cannot run built in: ''' at character 28 is not closed"
        ),
        (
            "pharos-influxdb-handler | tee x",
            "command: the command line cannot run built in: '|' at character 25 makes it more than one simple command"
        ),
        (
            "pharos-influxdb-handler -a localhost:8086",
            "command: pharos-influxdb-handler flags: --addr must be an http:// or https:// URL with a host "
                + "(got 'localhost:8086')"
        ),
    ])
    func refusesACommandThatCannotRunBuiltIn(command: String, message: String) async throws {
        var handler = Handler(metadata: ObjectMeta(name: "b", namespace: "default"), type: "pipe", command: command)
        handler.metadata.annotations[Handler.builtinAnnotation] = "true"
        #expect(throws: ValidationError(field: "command", message: String(message.dropFirst("command: ".count)))) {
            try handler.validateBuiltin(environment: [:])
        }
        // Without the annotation it is an ordinary pipe handler.
        handler.metadata.annotations = [:]
        #expect(throws: Never.self) { try handler.validateBuiltin(environment: [:]) }

        // At run time (a handler stored before validation existed): logged and counted per event.
        handler.metadata.annotations[Handler.builtinAnnotation] = "true"
        let store = InMemoryStore()
        try await store.putResource(handler)
        let runner = PipelineRunner(store: store, assets: NoAssets(), logger: Self.logger, baseEnvironment: [:])
        await runner.process(Self.event("a", [MetricPoint(name: "x", value: 1, timestamp: 1)], handlers: ["b"]))
        let counters = await runner.counters
        #expect(counters.handlerFailures == 1)
        #expect(counters.failuresByHandler == ["b": 1])
    }

    /// A command line, the `INFLUXDB_ADDR` of the environment, and the write URL and precision expected.
    struct CommandCase: Sendable, CustomStringConvertible {
        var command: String
        var environmentAddress: String?
        var url: String
        var precision: InfluxPrecision
        var insecure = false
        var description: String { command }
    }

    @Test(arguments: [
        CommandCase(
            command: "pharos-influxdb-handler", url: "http://localhost:8086/write?db=sensu&precision=s",
            precision: .seconds),
        // The seed's handler command line, with the program renamed.
        CommandCase(
            command:
                "pharos-influxdb-handler -a 'http://influxdb.default.svc.cluster.local:8086' -d sensu -u sensu -p password",
            url: "http://influxdb.default.svc.cluster.local:8086/write?db=sensu&precision=s", precision: .seconds),
        CommandCase(
            command: "/usr/local/bin/pharos-influxdb-handler -a 'http://h:1/' --db-name \"my db\" --precision=ms -i",
            url: "http://h:1/write?db=my%20db&precision=ms", precision: .milliseconds, insecure: true),
        CommandCase(
            command: "pharos-influxdb-handler -d a\\ b --precision n", environmentAddress: "http://env:2",
            url: "http://env:2/write?db=a%20b&precision=n", precision: .nanoseconds),
        CommandCase(
            command: "pharos-influxdb-handler -a http://flag:3 -d \"q\\\"x\"", environmentAddress: "http://env:2",
            url: "http://flag:3/write?db=q%22x&precision=s", precision: .seconds),
    ])
    func parsesTheCommandLineAsTheExecutableDoes(_ test: CommandCase) throws {
        let environment = test.environmentAddress.map { ["INFLUXDB_ADDR": $0] } ?? [:]
        let invocation = try InfluxHandlerInvocation(command: test.command, environment: environment)
        #expect(invocation.writer.writeURL == test.url)
        #expect(invocation.precision == test.precision)
        #expect(invocation.writer.insecureSkipVerify == test.insecure)
    }
}

/// An asset provider that must not be asked for anything.
struct NoAssets: RuntimeAssetProvider {
    func prepare(_ assets: [Asset], for entity: Entity) async throws -> AssetEnvironment {
        AssetEnvironment()
    }
}
