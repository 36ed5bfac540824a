import PharosCore
import PharosStore
import Testing

@testable import PharosBackend

/// The dashboard's server side without a browser: the change fan-out, the relay of the store's feed, the events query
/// and the index kept current from changes.
@Suite struct DashboardTests {
    static func event(entity: String, check: String, status: UInt32, at time: Int64, lastOK: Int64 = 0) -> Event {
        var config = CheckConfig(metadata: ObjectMeta(name: check, namespace: "default"))
        config.interval = 10
        config.subscriptions = ["web"]
        var result = Check(config: config, status: status, output: "status \(status)\nsecond line", executed: time)
        result.lastOK = lastOK
        return Event(
            timestamp: time,
            entity: Entity(
                metadata: ObjectMeta(name: entity, namespace: "default"), entityClass: "agent",
                subscriptions: ["web", "entity:\(entity)"]),
            check: result, metadata: ObjectMeta(namespace: "default"))
    }

    @Test func aSlowReaderIsToldToResynchronise() async {
        let broadcaster = ChangeBroadcaster(bufferSize: 2)
        var reader = broadcaster.subscribe().makeAsyncIterator()
        let changes = (1...4).map { DashboardChange(kind: .entity, namespace: "default", name: "e\($0)") }
        for change in changes.prefix(3) { broadcaster.publish(change) }  // the third does not fit
        #expect(await reader.next() == changes[0])
        #expect(await reader.next() == changes[1])
        broadcaster.publish(changes[3])
        #expect(await reader.next() == .resync)
        #expect(await reader.next() == changes[3])
        #expect(broadcaster.droppedCount == 1)
        broadcaster.finish()
        #expect(await reader.next() == nil)
    }

    @Test func theRelayTranslatesTheStoresFeed() async throws {
        let broadcaster = ChangeBroadcaster()
        var reader = broadcaster.subscribe().makeAsyncIterator()
        let store = InMemoryStore()
        let relay = StoreFeedRelay(store: store, broadcaster: broadcaster)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await relay.run() }
            try await store.putEvent(Self.event(entity: "web-1", check: "check-nginx", status: 2, at: 100))
            #expect(
                await reader.next() == DashboardChange(kind: .event, namespace: "default", name: "web-1/check-nginx"))
            #expect(try await store.deleteEvent(namespace: "default", entity: "nope", check: "x") == false)
            #expect(try await store.deleteEvent(namespace: "default", entity: "web-1", check: "check-nginx"))
            #expect(
                await reader.next()
                    == DashboardChange(kind: .event, namespace: "default", name: "web-1/check-nginx", deleted: true))
            group.cancelAll()
        }
        #expect(StoreFeedRelay.change(.resync(after: 7)) == .resync)
    }

    @Test(arguments: [
        ("event.check.status ==", "filter: expected a value after \"==\""),
        ("event.nope == 1", "filter:"),
    ])
    func aFilterThatDoesNotParseNamesTheParameter(_ filter: String, expected: String) {
        #expect(throws: APIError.self) { try DashboardEventQuery(parameters: ["filter": filter]) }
        do {
            _ = try DashboardEventQuery(parameters: ["filter": filter])
        } catch {
            #expect(error.message.hasPrefix(expected), "\(error.message)")
        }
    }

    @Test(arguments: [("sort", "loudest", "sort: must be one of"), ("limit", "0", "limit: must be a whole number")])
    func badPagingIsRefused(_ name: String, _ value: String, expected: String) {
        do {
            _ = try DashboardEventQuery(parameters: [name: value])
            Issue.record("accepted \(name)=\(value)")
        } catch {
            #expect(error.message.hasPrefix(expected), "\(error.message)")
        }
    }

    @Test func severityOrderPutsCriticalFirstAndNewestFirstWithinAStatus() throws {
        let rows = [
            Self.event(entity: "a", check: "ok", status: 0, at: 500),
            Self.event(entity: "b", check: "warn", status: 1, at: 400),
            Self.event(entity: "c", check: "crit-old", status: 2, at: 100),
            Self.event(entity: "d", check: "crit-new", status: 2, at: 300),
            Self.event(entity: "e", check: "unknown", status: 3, at: 200),
        ].compactMap(DashboardEventRow.init)
        let severity = try DashboardEventQuery(parameters: [:])
        #expect(rows.sorted(by: severity.precedes).map(\.check) == ["crit-new", "crit-old", "warn", "unknown", "ok"])
        let newest = try DashboardEventQuery(parameters: ["sort": "newest"])
        #expect(rows.sorted(by: newest.precedes).map(\.check) == ["ok", "warn", "crit-new", "unknown", "crit-old"])
        #expect(rows[0].output == "status 0")
    }

    @Test func theIndexFollowsChangesWithoutRereadingTheNamespace() async throws {
        let broadcaster = ChangeBroadcaster()
        let store = InMemoryStore()
        let relay = StoreFeedRelay(store: store, broadcaster: broadcaster)
        let index = DashboardEventIndex(store: store, changes: broadcaster, logger: TestSupport.logger)
        let first = Self.event(entity: "web-1", check: "check-a", status: 0, at: 100)
        try await store.putEntityConfig(try #require(first.entity).config)
        try await store.putEvent(first)
        #expect(try await index.entries(namespace: "default").map(\.row.status) == [0])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await relay.run() }
            group.addTask { try await index.run() }
            try await store.putEvent(Self.event(entity: "web-1", check: "check-a", status: 2, at: 110))
            try await store.putEvent(Self.event(entity: "web-2", check: "check-a", status: 1, at: 110))
            try await eventually { try await index.entries(namespace: "default").count == 2 }
            let filtered = try DashboardEventQuery(parameters: ["filter": "event.check.status == 2"])
            let entries = try await index.entries(namespace: "default")
            #expect(entries.filter { filtered.matches($0.fields) }.map(\.row.entity) == ["web-1"])
            #expect(try await store.deleteEntity(namespace: "default", name: "web-1"))
            try await eventually { try await index.entries(namespace: "default").map(\.row.entity) == ["web-2"] }
            broadcaster.finish()
            group.cancelAll()
        }
    }

    /// Waits (up to 5 s, yielding) until `condition` holds.
    func eventually(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("condition not met within 5 s")
    }
}
