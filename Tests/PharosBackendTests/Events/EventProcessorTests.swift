import PharosBackend
import PharosCore
import PharosStore
import Testing

@Suite struct EventProcessorTests {
    static func event(_ status: UInt32, at time: Int64, entity: String = "web-1", proxy: String = "") -> Event {
        let meta = ObjectMeta(name: entity, namespace: "default")
        var check = CheckConfig(metadata: ObjectMeta(name: "check-nginx", namespace: "default"))
        check.interval = 10
        check.subscriptions = ["nginx"]
        check.proxyEntityName = proxy
        return Event(
            timestamp: time,
            entity: Entity(metadata: meta, entityClass: "agent", subscriptions: ["nginx", "entity:\(entity)"]),
            check: Check(config: check, status: status, output: "status \(status)", executed: time),
            metadata: ObjectMeta(namespace: "default"))
    }

    @Test func mergesHistoryAndOccurrencesOverASequence() async throws {
        let store = InMemoryStore()
        let pipeline = RecordingEvents()
        let processor = EventProcessor(
            store: store, pipeline: pipeline, logger: TestSupport.logger, now: { 1_700_000_100 })
        let statuses: [UInt32] = [0, 0, 2, 2, 2, 0]
        for (index, status) in statuses.enumerated() {
            await processor.process(Self.event(status, at: 1_700_000_000 + Int64(index) * 10))
        }
        let handled = await pipeline.events.compactMap(\.check)
        #expect(handled.map(\.occurrences) == [1, 2, 1, 2, 3, 1])
        #expect(handled.map(\.occurrencesWatermark) == [1, 2, 1, 2, 3, 3])
        #expect(handled.map(\.state) == ["passing", "passing", "failing", "failing", "failing", "passing"])
        let stored = try #require(try await store.event(namespace: "default", entity: "web-1", check: "check-nginx"))
        #expect(stored.check?.history.map(\.status) == statuses)
        #expect(stored.check?.lastOK == 1_700_000_050)
        #expect(await processor.processedCount == 6)
    }

    @Test func continuesFromTheStoredEventAfterARestart() async throws {
        let store = InMemoryStore()
        let first = EventProcessor(store: store, pipeline: RecordingEvents(), logger: TestSupport.logger)
        await first.process(Self.event(1, at: 100))
        let pipeline = RecordingEvents()
        let second = EventProcessor(store: store, pipeline: pipeline, logger: TestSupport.logger)
        await second.process(Self.event(1, at: 110))
        #expect(await pipeline.events.first?.check?.occurrences == 2)
        #expect(await pipeline.events.first?.check?.history.count == 2)
    }

    @Test func metricsOnlyEventsAreNotStoredAndInvalidOnesDropped() async throws {
        let store = InMemoryStore()
        let pipeline = RecordingEvents()
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: TestSupport.logger)
        var metrics = Self.event(0, at: 100)
        metrics.check = nil
        metrics.metrics = Metrics(handlers: ["influxdb"], points: [])
        await processor.process(metrics)
        await processor.process(Event(check: Check(config: CheckConfig(metadata: ObjectMeta(name: "x")))))
        #expect(await pipeline.events.count == 1)
        #expect(await pipeline.events.first?.metrics?.handlers == ["influxdb"])
        #expect(try await store.events(namespace: nil, entity: nil).isEmpty)
        #expect(await processor.droppedCount == 1)
    }

    @Test func proxyEntityIsCreatedAndAttributed() async throws {
        let store = InMemoryStore()
        let pipeline = RecordingEvents()
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: TestSupport.logger)
        await processor.process(Self.event(2, at: 100, proxy: "router-1"))
        let proxy = try #require(try await store.entityConfig(namespace: "default", name: "router-1"))
        #expect(proxy.entityClass == "proxy")
        #expect(proxy.subscriptions == ["entity:router-1"])
        #expect(await pipeline.events.first?.entity?.metadata.name == "router-1")
        #expect(try await store.event(namespace: "default", entity: "router-1", check: "check-nginx") != nil)
    }

    /// Field failure #18 item 17: a proxy check's command substituted with a redacted label's value is neither
    /// stored nor handed to handlers with that value.
    @Test func proxyCheckCommandIsStoredAndHandledWithoutRedactedValues() async throws {
        let store = InMemoryStore()
        try await store.putEntityConfig(
            EntityConfig(
                metadata: ObjectMeta(
                    name: "router-1", namespace: "default", labels: ["password": "s3cr3t-pw", "site": "lyon"]),
                entityClass: "proxy"))
        let pipeline = RecordingEvents()
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: TestSupport.logger)
        var event = Self.event(0, at: 100, proxy: "router-1")
        event.check?.command = "check_snmp -H lyon -P s3cr3t-pw --site lyon"
        await processor.process(event)
        let stored = try #require(try await store.event(namespace: "default", entity: "router-1", check: "check-nginx"))
        #expect(stored.check?.command == "check_snmp -H lyon -P REDACTED --site lyon")
        #expect(await pipeline.events.first?.check?.command == "check_snmp -H lyon -P REDACTED --site lyon")
    }

    @Test func silencesMatchTheEntityAndCheck() async throws {
        let store = InMemoryStore()
        try await store.putResource(
            Silenced(
                metadata: ObjectMeta(name: "entity:web-1:check-nginx", namespace: "default"),
                subscription: "entity:web-1", check: "check-nginx"))
        let pipeline = RecordingEvents()
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: TestSupport.logger, now: { 100 })
        await processor.process(Self.event(2, at: 100))
        await processor.process(Self.event(2, at: 100, entity: "web-2"))
        let checks = await pipeline.events.compactMap(\.check)
        #expect(checks.map(\.silenced) == [["entity:web-1:check-nginx"], []])
        #expect(checks.map(\.isSilenced) == [true, false])
    }

    // Issue 18 item 9: an event posted for a new proxy entity (no subscriptions of its own) whose check is
    // published to a silenced subscription is silenced; item 8: an agent entity's own subscription silences all
    // its checks.
    @Test func subscriptionSilencesReachNewProxyEntitiesAndEntitySubscriptions() async throws {
        let store = InMemoryStore()
        try await store.putResource(
            Silenced(metadata: ObjectMeta(name: "db-role:*", namespace: "default"), subscription: "db-role"))
        try await store.putResource(
            Silenced(metadata: ObjectMeta(name: "site-a:*", namespace: "default"), subscription: "site-a"))
        let pipeline = RecordingEvents()
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: TestSupport.logger, now: { 100 })
        var posted = Self.event(2, at: 100, entity: "db-07")
        posted.entity = Entity(metadata: ObjectMeta(name: "db-07", namespace: "default"), entityClass: "proxy")
        posted.check?.subscriptions = ["db-role"]
        await processor.process(posted)
        var agent = Self.event(2, at: 100, entity: "web-9")
        agent.entity?.subscriptions = ["nginx", "site-a", "entity:web-9"]
        await processor.process(agent)
        await processor.process(Self.event(2, at: 100, entity: "web-1"))
        let checks = await pipeline.events.compactMap(\.check)
        #expect(checks.map(\.silenced) == [["db-role:*"], ["site-a:*"], []])
        let stored = try await store.event(namespace: "default", entity: "db-07", check: "check-nginx")
        #expect(stored?.check?.isSilenced == true)
    }

    @Test func resolutionDeletesSilencesThatExpireOnResolve() async throws {
        let store = InMemoryStore()
        try await store.putResource(
            Silenced(
                metadata: ObjectMeta(namespace: "default"), subscription: "entity:web-1", check: "check-nginx",
                expireOnResolve: true))
        let processor = EventProcessor(
            store: store, pipeline: RecordingEvents(), logger: TestSupport.logger, now: { 100 })
        await processor.process(Self.event(2, at: 100))
        #expect(try await store.resources(Silenced.self, namespace: "default").count == 1)
        await processor.process(Self.event(0, at: 110))
        #expect(try await store.resources(Silenced.self, namespace: "default").isEmpty)
    }
}

/// The lost-history race (issue #12): events of one key that overlap while the store write is in flight must merge
/// one after the other, as a serial replay would.
@Suite struct EventProcessorOrderingTests {
    static func event(_ index: Int) -> Event {
        var event = EventProcessorTests.event(index % 3 == 0 ? 2 : 0, at: 1_700_000_000 + Int64(index))
        event.check?.output = "run \(index)"
        return event
    }

    @Test func twoOverlappingEventsOfOneKeyBothCount() async throws {
        let store = LatentStore(latency: .milliseconds(50))
        let processor = EventProcessor(store: store, pipeline: RecordingEvents(), logger: TestSupport.logger)
        async let first: Void = processor.process(EventProcessorTests.event(2, at: 100))
        async let second: Void = processor.process(EventProcessorTests.event(2, at: 101))
        _ = await (first, second)
        let stored = try #require(
            try await store.inner.event(namespace: "default", entity: "web-1", check: "check-nginx"))
        #expect(stored.check?.occurrences == 2)
        #expect(stored.check?.history.count == 2)
    }

    @Test func aThousandOverlappingEventsEqualASerialReplay() async throws {
        let store = LatentStore(latency: .milliseconds(2))
        let pipeline = RecordingEvents()
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: TestSupport.logger)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<1000 { group.addTask { await processor.process(Self.event(index)) } }
        }
        let order = store.writtenOutputs
        #expect(order.count == 1000)
        let indices = order.compactMap { Int($0.dropFirst(4)) }
        let replayStore = InMemoryStore()
        let replayPipeline = RecordingEvents()
        let replay = EventProcessor(store: replayStore, pipeline: replayPipeline, logger: TestSupport.logger)
        for index in indices { await replay.process(Self.event(index)) }

        let stored = try #require(
            try await store.inner.event(namespace: "default", entity: "web-1", check: "check-nginx")?.check)
        let expected = try #require(
            try await replayStore.event(namespace: "default", entity: "web-1", check: "check-nginx")?.check)
        #expect(stored.history == expected.history)
        #expect(stored.occurrences == expected.occurrences)
        #expect(stored.occurrencesWatermark == expected.occurrencesWatermark)
        #expect(stored.totalStateChange == expected.totalStateChange)
        let handled = await pipeline.events.compactMap(\.check).map { [$0.output, "\($0.occurrences)"] }
        let replayed = await replayPipeline.events.compactMap(\.check).map { [$0.output, "\($0.occurrences)"] }
        #expect(handled.count == replayed.count)
        #expect(handled.indices.first { handled[$0] != replayed[$0] } == nil)
    }
}
