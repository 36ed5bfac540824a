import Foundation
import PharosBackend
import PharosCore
import PharosStore
import PharosStoreSQLite
import Testing

/// Keepalive and TTL deadlines as store rows (issue #12 step 4): written at once, so a backend killed right after
/// still watches them when it comes back (#18 item 4, #19 item 10), claimed once across backends, and converted
/// from the settings blobs of earlier versions.
@Suite struct DeadlineRowTests {
    /// A SQLite state directory; "killing" the backend is dropping the store and its monitors without any flush.
    static func directory() throws -> String { try SQLiteStoreTests.temporaryDirectory() }

    static func proxyResult(ttl: Int64, executed: Int64) -> Event {
        var config = CheckConfig(metadata: ObjectMeta(name: "check-backup", namespace: "default"), interval: 10)
        config.ttl = ttl
        var result = Check(config: config)
        result.executed = executed
        return Event(
            timestamp: executed,
            entity: Entity(metadata: ObjectMeta(name: "db-1", namespace: "default"), entityClass: "proxy"),
            check: result, metadata: ObjectMeta(namespace: "default"))
    }

    /// #18 item 4: a TTL armed a second before a kill -9 was lost (only flushed every 5 s), and after a restart the
    /// failure's age was counted from the load. Now the row is written with the result, and the age counts from the
    /// last real execution.
    @Test func aTTLArmedJustBeforeAKillFiresAfterARestartWithTheRealAge() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let time = ManualTime(1000)
        let result = Self.proxyResult(ttl: 30, executed: 1000)
        do {
            let store = try SQLiteStore(stateDirectory: directory)
            try await store.putEntityConfig(
                EntityConfig(metadata: ObjectMeta(name: "db-1", namespace: "default"), entityClass: "proxy"))
            try await store.putEvent(result)
            let monitor = TTLMonitor(store: store, logger: TestSupport.logger, owner: "backend-a", now: { time.now })
            await monitor.load()
            await monitor.arm(result)
            time.advance(1)
        }  // killed: no shutdown, no flush
        time.advance(9)
        let reopened = try SQLiteStore(stateDirectory: directory)
        let monitor = TTLMonitor(store: reopened, logger: TestSupport.logger, owner: "backend-a", now: { time.now })
        await monitor.load()
        #expect(await monitor.armed.map(\.deadline) == [1070])
        time.advance(59)
        #expect(await monitor.expired().isEmpty)
        time.advance(1)
        let failures = await monitor.expired()
        #expect(failures.count == 1)
        #expect(failures.first?.check?.status == 1)
        #expect(failures.first?.check?.output == "Last check execution was 70 seconds ago")
    }

    /// #19 item 10: an agent that registered 0.3 s before the backend was killed had no persisted deadline, so its
    /// death was never reported (here 0.25 s). Now registration writes the row before the keepalive is handled further.
    @Test func anAgentRegisteredJustBeforeAKillIsStillWatchedAfterARestart() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let time = ManualTime()
        do {
            let store = try SQLiteStore(stateDirectory: directory)
            let monitor = KeepaliveMonitor(
                store: store, events: RecordingEvents(), logger: TestSupport.logger,
                owner: "backend-a", now: { time.now })
            await monitor.load()
            await monitor.keepalive(KeepaliveMonitorTests.keepalive("web-1", at: time.now), user: "agent")
            time.advance(0.25)
        }  // killed
        time.advance(5)
        let reopened = try SQLiteStore(stateDirectory: directory)
        let events = RecordingEvents()
        let monitor = KeepaliveMonitor(
            store: reopened, events: events, logger: TestSupport.logger,
            owner: "backend-a", now: { time.now })
        await monitor.load()
        #expect(await monitor.state.watches.count == 1)
        time.advance(9.75)  // less than one timeout after the load: the downtime is not silence
        await monitor.expire()
        #expect(await events.events.isEmpty)
        time.advance(0.25)
        await monitor.expire()
        let failing = await events.events
        #expect(failing.map { $0.check?.status ?? 9 } == [1])
        #expect(failing.first?.check?.output == "No keepalive sent from web-1 for 15 seconds (>= 10)")
    }

    /// Two backends (two stores on one SQLite file) watching the same silent agents: each failure is emitted by
    /// exactly one of them.
    @Test func twoBackendsEmitEachKeepaliveFailureOnce() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let time = ManualTime()
        let first = try SQLiteStore(stateDirectory: directory)
        let second = try SQLiteStore(stateDirectory: directory)
        let firstEvents = RecordingEvents()
        let secondEvents = RecordingEvents()
        let firstMonitor = KeepaliveMonitor(
            store: first, events: firstEvents, logger: TestSupport.logger,
            owner: "backend-a", now: { time.now })
        let secondMonitor = KeepaliveMonitor(
            store: second, events: secondEvents, logger: TestSupport.logger,
            owner: "backend-b", now: { time.now })
        for index in 0..<20 {
            let monitor = index % 2 == 0 ? firstMonitor : secondMonitor
            await monitor.keepalive(KeepaliveMonitorTests.keepalive("web-\(index)", at: time.now), user: "agent")
        }
        time.advance(10)
        async let a: Void = firstMonitor.expire()
        async let b: Void = secondMonitor.expire()
        _ = await (a, b)
        let failures = (await firstEvents.events + secondEvents.events).filter {
            $0.check?.metadata.name == "keepalive" && $0.check?.status == 1
        }
        let names = failures.compactMap { $0.entity?.metadata.name }
        #expect(names.count == 20)
        #expect(Set(names).count == 20)
        let owners = Set(try await first.deadlines(.keepalive).map(\.owner))
        #expect(owners.isSubset(of: ["backend-a", "backend-b"]))
    }

    /// The settings blobs of earlier versions are converted into rows at the first load, then deleted.
    @Test func legacyDeadlineBlobsAreConvertedOnce() async throws {
        let time = ManualTime(1000)
        let store = InMemoryStore()
        var machine = KeepaliveStateMachine()
        _ = machine.keepaliveReceived(.init(namespace: "default", name: "web-1"), timeout: 10, at: 995)
        try await store.putSetting(
            KeepaliveMonitor.settingKey, value: String(decoding: try JSONEncoder().encode(machine), as: UTF8.self))
        let watch = TTLWatch(
            namespace: "default", entity: "db-1", check: "check-backup", ttl: 30, deadline: 1020, lastExecuted: 990)
        try await store.putSetting(
            TTLMonitor.settingKey, value: String(decoding: try JSONEncoder().encode([watch]), as: UTF8.self))

        let keepalives = KeepaliveMonitor(
            store: store, events: RecordingEvents(), logger: TestSupport.logger,
            owner: "backend-a", now: { time.now })
        await keepalives.load()
        let ttl = TTLMonitor(store: store, logger: TestSupport.logger, owner: "backend-a", now: { time.now })
        await ttl.load()

        let keepaliveRow = try #require(
            try await store.deadline(.keepalive, namespace: "default", entity: "web-1", check: ""))
        #expect(keepaliveRow.lastSeen == 995)
        #expect(keepaliveRow.expiresAt == 1010)  // at least one timeout after the load
        #expect(
            await ttl.armed == [
                TTLWatch(
                    namespace: "default", entity: "db-1", check: "check-backup", ttl: 30, deadline: 1060,
                    lastExecuted: 990)
            ])
        #expect(try await store.setting(KeepaliveMonitor.settingKey) == nil)
        #expect(try await store.setting(TTLMonitor.settingKey) == nil)
    }

    /// Refreshing keepalives are coalesced: a row is rewritten only when it lags by more than half a timeout, so it
    /// never holds a deadline later than the real one; a lagging row that expires is moved to the real deadline, not
    /// reported.
    @Test func aCoalescedRowThatExpiresEarlyIsMovedNotReported() async throws {
        let time = ManualTime()
        let h = try await KeepaliveMonitorTests.harness(time: time)
        let start = time.now
        await h.monitor.keepalive(KeepaliveMonitorTests.keepalive("web-1", timeout: 10, at: time.now), user: "agent")
        time.advance(4)
        await h.monitor.keepalive(KeepaliveMonitorTests.keepalive("web-1", timeout: 10, at: time.now), user: "agent")
        let lagging = try #require(
            try await h.store.deadline(.keepalive, namespace: "default", entity: "web-1", check: ""))
        #expect(lagging.expiresAt == start + 10)  // not rewritten: lags by 4 s < 5 s
        time.advance(6)
        await h.monitor.expire()
        #expect(await h.events.events.allSatisfy { $0.check?.status == 0 })
        let moved = try #require(
            try await h.store.deadline(.keepalive, namespace: "default", entity: "web-1", check: ""))
        #expect(moved.expiresAt == start + 14)
        time.advance(4)
        await h.monitor.expire()
        #expect(await h.events.events.last?.check?.output == "No keepalive sent from web-1 for 10 seconds (>= 10)")
    }
}
