import Foundation
import PharosBackend
import PharosCore
import PharosStore
import Testing

@Suite struct TTLMonitorTests {
    static func event(check: String = "check-backup", ttl: Int64, executed: Int64, status: UInt32 = 0) -> Event {
        var config = CheckConfig(metadata: ObjectMeta(name: check, namespace: "default"), interval: 10)
        config.ttl = ttl
        var result = Check(config: config)
        result.status = status
        result.executed = executed
        return Event(
            timestamp: executed,
            entity: Entity(metadata: ObjectMeta(name: "web-1", namespace: "default"), entityClass: "agent"),
            check: result, metadata: ObjectMeta(namespace: "default"))
    }

    static func store(with events: [Event]) async throws -> InMemoryStore {
        let store = InMemoryStore()
        try await store.putEntityConfig(
            EntityConfig(metadata: ObjectMeta(name: "web-1", namespace: "default"), entityClass: "agent"))
        for event in events { try await store.putEvent(event) }
        return store
    }

    @Test func expiryProducesAFailingCopyAndRepeatsEveryTTL() async throws {
        let time = ManualTime(1000)
        let result = Self.event(ttl: 30, executed: 1000)
        let store = try await Self.store(with: [result])
        let monitor = TTLMonitor(store: store, logger: TestSupport.logger, now: { time.now })
        await monitor.arm(result)
        time.advance(29)
        #expect(await monitor.expired().isEmpty)
        time.advance(2)
        let first = await monitor.expired()
        #expect(first.count == 1)
        #expect(first.first?.check?.status == 1)
        #expect(first.first?.check?.output == "Last check execution was 31 seconds ago")
        #expect(first.first?.check?.executed == 1031)
        // The processor stores and re-arms the failure; the output keeps counting from the last real execution.
        if let failure = first.first { await monitor.arm(failure) }
        time.advance(31)
        let second = await monitor.expired()
        #expect(second.first?.check?.output == "Last check execution was 62 seconds ago")
        // ttl 0 buries the switch.
        await monitor.arm(Self.event(ttl: 0, executed: 1100))
        #expect(await monitor.armed.isEmpty)
    }

    @Test func failingKeepaliveSuppressesAndKeepaliveEventsDoNotArm() async throws {
        let time = ManualTime(1000)
        let result = Self.event(ttl: 30, executed: 1000)
        let keepalive = Self.event(check: "keepalive", ttl: 0, executed: 1010, status: 1)
        let store = try await Self.store(with: [result, keepalive])
        let monitor = TTLMonitor(store: store, logger: TestSupport.logger, now: { time.now })
        await monitor.arm(result)
        await monitor.arm(Self.event(check: "keepalive", ttl: 60, executed: 1000))
        #expect(await monitor.armed.map(\.check) == ["check-backup"])
        time.advance(31)
        #expect(await monitor.expired().isEmpty)
        #expect(await monitor.suppressed == 1)
    }

    @Test func persistedDeadlinesGetTwoTTLsAfterALoad() async throws {
        let time = ManualTime(1000)
        let result = Self.event(ttl: 30, executed: 1000)
        let store = try await Self.store(with: [result])
        let before = TTLMonitor(store: store, logger: TestSupport.logger, now: { time.now })
        await before.arm(result)
        time.advance(100)  // the backend was down longer than the ttl
        let after = TTLMonitor(store: store, logger: TestSupport.logger, now: { time.now })
        await after.load()
        #expect(await after.armed.map(\.deadline) == [1160])
        #expect(await after.expired().isEmpty)
    }

    /// The race seen in CI: an agent reconnects an instant before its restored deadline, before its next check
    /// request; the switch gets one more ttl instead of a false alert, and a check that really stopped still alerts.
    @Test func anAgentBackJustBeforeARestoredDeadlineGetsOneMoreTTL() async throws {
        let time = ManualTime(1000)
        let result = Self.event(ttl: 5, executed: 1000)
        let store = try await Self.store(with: [result])
        let before = TTLMonitor(store: store, logger: TestSupport.logger, now: { time.now })
        await before.arm(result)
        time.advance(6)  // backend down for 6 s
        let after = TTLMonitor(store: store, logger: TestSupport.logger, now: { time.now })
        await after.load()
        #expect(await after.armed.map(\.deadline) == [1016])
        time.advance(9.5)  // the agent reconnects and sends a keepalive at 1015.5, just before the deadline
        try await store.putEntityState(
            EntityState(metadata: ObjectMeta(name: "web-1", namespace: "default"), lastSeen: 1015))
        time.advance(0.5)
        #expect(await after.expired().isEmpty)
        #expect(await after.armed.map(\.deadline) == [1021])
        // No result arrives within that ttl: the check really stopped, and the switch fires.
        time.advance(5)
        let failures = await after.expired()
        #expect(failures.first?.check?.output == "Last check execution was 21 seconds ago")
        if let failure = failures.first { await after.arm(failure) }  // as the event processor does
        // A result after the load re-arms normally and expires with no further grace.
        let fresh = Self.event(ttl: 5, executed: 1021)
        try await store.putEvent(fresh)
        await after.arm(fresh)
        time.advance(5)
        #expect(await after.expired().first?.check?.output == "Last check execution was 5 seconds ago")
    }
}
