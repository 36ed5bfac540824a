import Foundation
import NIOCore
import NIOPosix
import PharosBackend
import PharosCore
import PharosStore
import ServiceLifecycle
import Testing

@Suite struct PipelineRunnerTests {
    @Test func pipeHandlerReceivesTheEventJSONOnStdin() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var handler = PipelineFixture.pipe("file", "cat > \"$OUT\"")
        handler.envVars = ["OUT=\(directory)/event.json"]
        let store = try await PipelineFixture.store([handler])
        let runner = PipelineFixture.runner(store)
        await runner.process(PipelineFixture.event(handlers: ["file"]))

        let text = try #require(PipelineFixture.read("\(directory)/event.json"))
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(json["check"]?["metadata"]?["name"] == .string("check-disk"))
        #expect(json["check"]?["status"] == .number(2))
        #expect(json["check"]?["output"] == .string("CRITICAL: disk full\n"))
        #expect(json["entity"]?["metadata"]?["name"] == .string("web-1"))
        #expect(json["entity"]?["metadata"]?["labels"]?["region"] == .string("eu"))
        #expect(json["entity"]?["metadata"]?["labels"]?["api_key"] == .string("REDACTED"))
        #expect(json["id"] == .string("0b0e6c1a-6d3c-4f0c-9d5e-1f2e3d4c5b6a"))
        #expect(await runner.counters.handlersSucceeded == 1)
        #expect(await runner.counters.handlerFailures == 0)
    }

    @Test func onlyCheckOutputSendsTheRawOutput() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let handler = PipelineFixture.pipe("raw", "cat > \(directory)/out.txt", mutator: "only_check_output")
        let runner = PipelineFixture.runner(try await PipelineFixture.store([handler]))
        await runner.process(PipelineFixture.event(handlers: ["raw"]))
        #expect(PipelineFixture.read("\(directory)/out.txt") == "CRITICAL: disk full\n")
    }

    @Test func pipeMutatorOutputFeedsTheHandler() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mutator = Mutator(
            metadata: ObjectMeta(name: "upper", namespace: "default"), command: "tr a-z A-Z", timeout: 5)
        let store = try await PipelineFixture.store([
            mutator,
            PipelineFixture.pipe("plain", "cat > \(directory)/plain.json"),
            PipelineFixture.pipe("shout", "cat > \(directory)/shout.json", mutator: "upper"),
        ])
        let runner = PipelineFixture.runner(store)
        await runner.process(PipelineFixture.event(handlers: ["plain", "shout"]))
        let plain = try #require(PipelineFixture.read("\(directory)/plain.json"))
        let shout = try #require(PipelineFixture.read("\(directory)/shout.json"))
        #expect(shout == plain.uppercased())
        #expect(shout.contains("\"NAME\":\"CHECK-DISK\""))
        #expect(await runner.counters.handlersSucceeded == 2)
    }

    @Test func failingMutatorSkipsTheHandler() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await PipelineFixture.store([
            Mutator(metadata: ObjectMeta(name: "broken", namespace: "default"), command: "echo nope >&2; exit 4"),
            PipelineFixture.pipe("target", "cat > \(directory)/out", mutator: "broken"),
            PipelineFixture.pipe("ghost", "cat > \(directory)/ghost", mutator: "no-such-mutator"),
        ])
        let runner = PipelineFixture.runner(store)
        await runner.process(PipelineFixture.event(handlers: ["target", "ghost"]))
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/out"))
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/ghost"))
        let counters = await runner.counters
        #expect(counters.mutatorFailures == 2)
        #expect(counters.missingResources == 1)
        #expect(counters.handlersSucceeded == 0)
    }

    @Test func setsExpandDeduplicateAndStopAtThreeLevels() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = "\(directory)/log"
        func appender(_ name: String) -> Handler { PipelineFixture.pipe(name, "echo \(name) >> \(log)") }
        let store = try await PipelineFixture.store([
            appender("a"), appender("b"), appender("c"), appender("d"),
            PipelineFixture.set("level1", ["b", "level2", "a"]),
            PipelineFixture.set("level2", ["c", "level3", "b"]),
            PipelineFixture.set("level3", ["d"]),
        ])
        let runner = PipelineFixture.runner(store)
        // check handlers: level1 (→ b, a; level2 → c, b; level3 is at level 3, its members would be level 4),
        // plus a duplicate "a" and a missing "nope" in the metrics handlers.
        await runner.process(PipelineFixture.event(handlers: ["level1"], metricHandlers: ["a", "nope"]))
        let lines = try #require(PipelineFixture.read(log)).split(separator: "\n").map(String.init)
        #expect(lines.sorted() == ["a", "b", "c"])
        let counters = await runner.counters
        #expect(counters.handlersSucceeded == 3)
        #expect(counters.missingResources == 1)
        #expect(counters.setsTooDeep == 1)
    }

    // Issue 18 item 10: `type: set, handlers: [leaf], filters: [only-crit]` delivered status 1 events to `leaf`.
    @Test func aHandlerSetsOwnFiltersGateItsMembers() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = "\(directory)/log"
        let onlyCrit = EventFilter(
            metadata: ObjectMeta(name: "only-crit", namespace: "default"), action: "allow",
            expressions: ["event.check.status == 2"])
        var set = PipelineFixture.set("crit-set", ["leaf"])
        set.filters = ["only-crit"]
        let store = try await PipelineFixture.store([
            onlyCrit, set, PipelineFixture.pipe("leaf", "cat >/dev/null; echo leaf >> \(log)"),
        ])
        let runner = PipelineFixture.runner(store)
        await runner.process(PipelineFixture.event(status: 1, handlers: ["crit-set"]))
        #expect(PipelineFixture.read(log) == nil)
        await runner.process(PipelineFixture.event(status: 2, handlers: ["crit-set"]))
        #expect(PipelineFixture.read(log) == "leaf\n")
        let counters = await runner.counters
        #expect(counters.eventsFiltered == 1)
        #expect(counters.handlersSucceeded == 1)
    }

    @Test func isIncidentFiltersOKButNotResolutions() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = "\(directory)/log"
        let store = try await PipelineFixture.store([
            PipelineFixture.pipe("alert", "cat >/dev/null; echo handled >> \(log)", filters: ["is_incident"])
        ])
        let runner = PipelineFixture.runner(store)
        await runner.process(PipelineFixture.event(status: 0, handlers: ["alert"], history: [0, 0]))
        #expect(PipelineFixture.read(log) == nil)
        await runner.process(PipelineFixture.event(status: 2, handlers: ["alert"], history: [0, 2]))
        await runner.process(PipelineFixture.event(status: 0, handlers: ["alert"], history: [2, 0]))
        #expect(PipelineFixture.read(log)?.split(separator: "\n").count == 2)
        let counters = await runner.counters
        #expect(counters.eventsFiltered == 1)
        #expect(counters.handlersSucceeded == 2)
    }

    @Test func eventFilterResourcesAllowAndDeny() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let allowEU = EventFilter(
            metadata: ObjectMeta(name: "eu-only", namespace: "default"), action: "allow",
            expressions: ["event.entity.labels.region == 'eu'", "event.check.occurrences >= 3"])
        let denyDisk = EventFilter(
            metadata: ObjectMeta(name: "no-disk", namespace: "default"), action: "deny",
            expressions: ["event.check.name == 'check-disk'"])
        let broken = EventFilter(
            metadata: ObjectMeta(name: "broken", namespace: "default"), action: "allow",
            expressions: ["event.nothing.here == 1"])
        let store = try await PipelineFixture.store([
            allowEU, denyDisk, broken,
            PipelineFixture.pipe("allowed", "cat > \(directory)/allowed", filters: ["eu-only", "broken"]),
            PipelineFixture.pipe("denied", "cat > \(directory)/denied", filters: ["eu-only", "no-disk"]),
        ])
        let runner = PipelineFixture.runner(store)
        await runner.process(PipelineFixture.event(handlers: ["allowed", "denied"]))
        #expect(FileManager.default.fileExists(atPath: "\(directory)/allowed"))
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/denied"))
        let counters = await runner.counters
        #expect(counters.eventsFiltered == 1)
        #expect(counters.filterErrors == 1)
        #expect(counters.handlersSucceeded == 1)
    }

    @Test func timeoutKillsTheHandlerProcessGroup() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pidFile = "\(directory)/child.pid"
        let store = try await PipelineFixture.store([
            PipelineFixture.pipe("slow", "sleep 30 & echo $! > \(pidFile); sleep 30", timeout: 1)
        ])
        let runner = PipelineFixture.runner(store)
        let started = ContinuousClock.now
        await runner.process(PipelineFixture.event(handlers: ["slow"]))
        let elapsed = ContinuousClock.now - started
        // Far below the 30 s of `sleep` even on a loaded machine.
        #expect(elapsed < .seconds(10))
        #expect(elapsed >= .seconds(1))
        let counters = await runner.counters
        #expect(counters.timeouts == 1)
        #expect(counters.handlerFailures == 1)
        // The background child of the shell was killed with the group.
        let pid = try #require(
            PipelineFixture.read(pidFile).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        try await Task.sleep(for: .milliseconds(100))
        #expect(!FileManager.default.fileExists(atPath: "/proc/\(pid)") || Self.isZombie(pid))
    }

    static func isZombie(_ pid: Int32) -> Bool {
        (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.contains(") Z ") ?? true
    }

    @Test func failingHandlersAreCountedNotFatal() async throws {
        let store = try await PipelineFixture.store([
            PipelineFixture.pipe("exit3", "cat >/dev/null; exit 3"),
            Handler(metadata: ObjectMeta(name: "weird", namespace: "default"), type: "grpc"),
            PipelineFixture.pipe("ok", "cat >/dev/null"),
        ])
        let runner = PipelineFixture.runner(store)
        await runner.process(PipelineFixture.event(handlers: ["exit3", "weird", "ok"]))
        let counters = await runner.counters
        #expect(counters.handlerFailures == 2)
        #expect(counters.handlersSucceeded == 1)
    }

    @Test func handlerRuntimeAssetsAreOnThePath() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(
            atPath: "\(directory)/assets/tool/bin", withIntermediateDirectories: true)
        let tool = "\(directory)/assets/tool/bin/greet"
        try Data("#!/bin/sh\necho greeted \"$TOOL_PATH\"\n".utf8).write(to: URL(fileURLWithPath: tool))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool)
        var handler = PipelineFixture.pipe("greeter", "cat >/dev/null; greet > \(directory)/out")
        handler.runtimeAssets = ["tool"]
        var missing = PipelineFixture.pipe("needs-missing", "true")
        missing.runtimeAssets = ["absent"]
        let store = try await PipelineFixture.store([
            handler, missing, Asset(metadata: ObjectMeta(name: "tool", namespace: "default"), url: "http://x/t.tgz"),
        ])
        let runner = PipelineFixture.runner(store, assets: LocalDirectoryAssets(root: "\(directory)/assets"))
        await runner.process(PipelineFixture.event(handlers: ["greeter", "needs-missing"]))
        #expect(PipelineFixture.read("\(directory)/out") == "greeted \(directory)/assets/tool\n")
        let counters = await runner.counters
        #expect(counters.handlersSucceeded == 1)
        #expect(counters.handlerFailures == 1)
        #expect(counters.missingResources == 1)
    }

    @Test func tcpHandlerWritesThePayloadToTheSocket() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = try #require(server.channel.localAddress?.port)
        let handler = Handler(
            metadata: ObjectMeta(name: "tcp", namespace: "default"), type: "tcp", mutator: "only_check_output",
            timeout: 5, socket: HandlerSocket(host: "127.0.0.1", port: UInt32(port)))
        let runner = PipelineFixture.runner(try await PipelineFixture.store([handler]))
        async let received: String = server.executeThenClose { connections in
            for try await connection in connections {
                return try await connection.executeThenClose { inbound, _ in
                    var all = ByteBuffer()
                    for try await chunk in inbound { all.writeImmutableBuffer(chunk) }
                    return String(buffer: all)
                }
            }
            return ""
        }
        await runner.process(PipelineFixture.event(handlers: ["tcp"]))
        #expect(try await received == "CRITICAL: disk full\n")
        #expect(await runner.counters.handlersSucceeded == 1)
    }

    @Test func tcpHandlerToAClosedPortFails() async throws {
        let handler = Handler(
            metadata: ObjectMeta(name: "tcp", namespace: "default"), type: "tcp", timeout: 2,
            socket: HandlerSocket(host: "127.0.0.1", port: 1))
        let runner = PipelineFixture.runner(try await PipelineFixture.store([handler]))
        await runner.process(PipelineFixture.event(handlers: ["tcp"]))
        #expect(await runner.counters.handlerFailures == 1)
    }

    @Test func fullQueueDropsAndCounts() async throws {
        let runner = PipelineFixture.runner(try await PipelineFixture.store([]), queueCapacity: 2)
        for _ in 0..<5 { await runner.handle(PipelineFixture.event(handlers: [])) }
        let counters = await runner.counters
        #expect(counters.eventsReceived == 5)
        #expect(counters.eventsDropped == 3)
    }

    @Test func serviceRunsQueuedEvents() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = "\(directory)/log"
        let store = try await PipelineFixture.store([PipelineFixture.pipe("log", "cat >/dev/null; echo x >> \(log)")])
        let runner = PipelineFixture.runner(store)
        let group = ServiceGroup(
            configuration: .init(services: [runner], gracefulShutdownSignals: [], logger: PipelineFixture.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for _ in 0..<3 { await runner.handle(PipelineFixture.event(handlers: ["log"])) }
            let deadline = ContinuousClock.now + .seconds(5)
            while ContinuousClock.now < deadline, await runner.counters.handlersSucceeded < 3 {
                try await Task.sleep(for: .milliseconds(20))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(PipelineFixture.read(log) == "x\nx\nx\n")
        #expect(await runner.counters.eventsProcessed == 3)
    }

    /// Issue #18 item 11: a pipe handler receives the events of one entity/check in the order they were queued
    /// (stored), while several keys share the handler slots.
    @Test func oneKeysEventsReachTheHandlerInOrder() async throws {
        let directory = try PipelineFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = "\(directory)/log"
        // A slower first run makes later events of the key overtake it unless they wait for it.
        let handler = PipelineFixture.pipe(
            "record",
            "read line; case \"$line\" in *-0) sleep 0.3;; esac; flock \(log).lock sh -c \"echo $line >> \(log)\"",
            mutator: "only_check_output")
        let runner = PipelineFixture.runner(try await PipelineFixture.store([handler]))
        let group = ServiceGroup(
            configuration: .init(services: [runner], gracefulShutdownSignals: [], logger: PipelineFixture.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            for index in 0..<6 {
                for entity in ["web-1", "web-2"] {
                    var event = PipelineFixture.event(handlers: ["record"], output: "\(entity)-\(index)\n")
                    event.entity?.metadata.name = entity
                    await runner.handle(event)
                }
            }
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline, await runner.counters.handlersSucceeded < 12 {
                try await Task.sleep(for: .milliseconds(20))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let lines = (PipelineFixture.read(log) ?? "").split(separator: "\n").map(String.init)
        #expect(lines.count == 12)
        for entity in ["web-1", "web-2"] {
            #expect(lines.filter { $0.hasPrefix(entity) } == (0..<6).map { "\(entity)-\($0)" })
        }
    }
}
