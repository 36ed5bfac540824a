import Foundation
import PharosBackend
import PharosCore
import PharosStore
import Testing

@Suite struct KeepaliveMonitorTests {
    struct Harness {
        var store: InMemoryStore
        var time: ManualTime
        var events: RecordingEvents
        var pipeline: RecordingEvents
        var monitor: KeepaliveMonitor
    }

    static func harness(store: InMemoryStore? = nil, time: ManualTime = ManualTime()) async throws -> Harness {
        let seeded: InMemoryStore
        if let store { seeded = store } else { seeded = try await TestSupport.seededStore() }
        let store = seeded
        let pipeline = RecordingEvents()
        let events = RecordingEvents(forwardedTo: pipeline)
        let monitor = KeepaliveMonitor(
            store: store, events: events, logger: TestSupport.logger, persistInterval: 0,
            now: { time.now })
        return Harness(store: store, time: time, events: events, pipeline: pipeline, monitor: monitor)
    }

    static func keepalive(_ name: String, deregister: Bool = false, timeout: UInt32 = 10, at time: Double) -> Event {
        let meta = ObjectMeta(name: name, namespace: "default")
        var entity = Entity(metadata: meta, entityClass: "agent", subscriptions: ["linux"])
        entity.deregister = deregister
        entity.system.hostname = name
        var check = CheckConfig(metadata: ObjectMeta(name: "keepalive", namespace: "default"))
        check.interval = 5
        check.timeout = timeout
        return Event(
            timestamp: Int64(time), entity: entity, check: Check(config: check),
            metadata: ObjectMeta(namespace: "default"), id: UUID().uuidString)
    }

    @Test func firstKeepaliveRegistersTheEntity() async throws {
        let h = try await Self.harness()
        await h.monitor.keepalive(Self.keepalive("web-1", at: h.time.now), user: "agent")
        let config = try #require(try await h.store.entityConfig(namespace: "default", name: "web-1"))
        #expect(config.entityClass == "agent")
        #expect(config.subscriptions == ["linux", "entity:web-1"])
        #expect(config.user == "agent")
        #expect(try await h.store.entityState(namespace: "default", name: "web-1")?.lastSeen == 1_700_000_000)
        #expect(try await h.store.entityState(namespace: "default", name: "web-1")?.system.hostname == "web-1")
        let registration = try #require(await h.pipeline.events.first)
        #expect(registration.check?.metadata.name == "registration")
        #expect(registration.check?.status == 1)
        #expect(registration.check?.handlers == ["registration"])
        let ok = try #require(await h.events.events.first)
        #expect(ok.check?.status == 0)
        #expect(ok.check?.handlers == ["keepalive"])
        #expect(ok.check?.output == "Keepalive last sent from web-1 at 2023-11-14 22:13:20 +0000 UTC")

        h.time.advance(5)
        await h.monitor.keepalive(Self.keepalive("web-1", at: h.time.now), user: "agent")
        #expect(await h.pipeline.events.count == 1)
        #expect(await h.events.events.count == 2)
    }

    @Test func silentEntityGetsAFailingKeepaliveEveryTimeout() async throws {
        let h = try await Self.harness()
        await h.monitor.keepalive(Self.keepalive("web-1", at: h.time.now), user: "agent")
        h.time.advance(9)
        await h.monitor.expire()
        #expect(await h.events.events.count == 1)
        h.time.advance(1)
        await h.monitor.expire()
        h.time.advance(10)
        await h.monitor.expire()
        let failing = await h.events.events.dropFirst().map { $0.check?.output ?? "" }
        #expect(
            failing == [
                "No keepalive sent from web-1 for 10 seconds (>= 10)",
                "No keepalive sent from web-1 for 20 seconds (>= 10)",
            ])
        #expect(await h.events.events.last?.check?.status == 1)
        // pharos_keepalive_failures_total counts each missed deadline.
        #expect(await h.monitor.keepalivesMissed == 2)
    }

    /// Field failure #18 item 12: `--keepalive-critical-timeout` (the keepalive check's `ttl`) was never applied:
    /// every failing keepalive had status 1.
    @Test func criticalTimeoutGivesStatus2OnTime() async throws {
        let h = try await Self.harness()
        var keepalive = Self.keepalive("web-1", timeout: 6, at: h.time.now)
        keepalive.check?.config.ttl = 10
        await h.monitor.keepalive(keepalive, user: "agent")
        for step in [6.0, 4, 6] {
            h.time.advance(step)
            await h.monitor.expire()
        }
        let failing = await h.events.events.dropFirst().map { ($0.check?.status ?? 0, $0.check?.output ?? "") }
        #expect(failing.map(\.0) == [1, 2, 2])
        #expect(
            failing.map(\.1) == [
                "No keepalive sent from web-1 for 6 seconds (>= 6)",
                "No keepalive sent from web-1 for 10 seconds (>= 10)",
                "No keepalive sent from web-1 for 16 seconds (>= 10)",
            ])
        h.time.advance(1)
        await h.monitor.keepalive(Self.keepalive("web-1", timeout: 6, at: h.time.now), user: "agent")
        h.time.advance(6)
        await h.monitor.expire()
        #expect(await h.events.events.last?.check?.status == 1)
    }

    @Test func deregisterTrueDeletesTheEntityAndResolvesItsEvents() async throws {
        let h = try await Self.harness()
        await h.monitor.keepalive(Self.keepalive("web-1", deregister: true, at: h.time.now), user: "agent")
        var config = try #require(try await h.store.entityConfig(namespace: "default", name: "web-1"))
        config.deregistration.handler = "slack"
        try await h.store.putEntityConfig(config)
        let entity = Entity(config: config, state: EntityState(metadata: config.metadata))
        try await h.store.putEvent(
            Event(
                timestamp: 1, entity: entity,
                check: Check(
                    config: CheckConfig(metadata: ObjectMeta(name: "check-nginx", namespace: "default")), status: 2),
                metadata: ObjectMeta(namespace: "default")))
        h.time.advance(10)
        await h.monitor.expire()
        #expect(try await h.store.entityConfig(namespace: "default", name: "web-1") == nil)
        #expect(try await h.store.events(namespace: "default", entity: "web-1").isEmpty)
        let sent = await h.pipeline.events.dropFirst()
        #expect(sent.map { $0.check?.metadata.name ?? "" } == ["check-nginx", "deregistration"])
        #expect(sent.first?.check?.status == 0)
        #expect(sent.first?.check?.output == "Resolving due to entity deregistering")
        #expect(sent.last?.check?.handlers == ["slack"])
        h.time.advance(10)
        await h.monitor.expire()
        #expect(await h.pipeline.events.count == 3)
        #expect(await h.monitor.keepalivesMissed == 1)
    }

    @Test func goodbyeDeregistersAtOnceOnlyWithDeregisterTrue() async throws {
        let h = try await Self.harness()
        await h.monitor.keepalive(Self.keepalive("web-1", deregister: true, at: h.time.now), user: "agent")
        await h.monitor.keepalive(Self.keepalive("web-2", deregister: false, at: h.time.now), user: "agent")
        await h.monitor.goodbye(namespace: "default", name: "web-1")
        await h.monitor.goodbye(namespace: "default", name: "web-2")
        #expect(try await h.store.entityConfig(namespace: "default", name: "web-1") == nil)
        #expect(try await h.store.entityConfig(namespace: "default", name: "web-2") != nil)
        #expect(await h.monitor.state.watches.keys.map(\.name) == ["web-2"])
    }

    @Test func deadlinesSurviveARestart() async throws {
        let time = ManualTime()
        let first = try await Self.harness(time: time)
        await first.monitor.keepalive(Self.keepalive("web-1", at: time.now), user: "agent")
        await first.monitor.persist()
        let second = try await Self.harness(store: first.store, time: time)
        await second.monitor.load()
        #expect(await second.monitor.state.watches.count == 1)
        time.advance(10)
        await second.monitor.expire()
        #expect(await second.events.events.map { $0.check?.status ?? 9 } == [1])
    }
}
