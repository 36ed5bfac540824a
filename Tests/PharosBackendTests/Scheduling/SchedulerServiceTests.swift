import Foundation
import Logging
import PharosBackend
import PharosCore
import PharosStore
import ServiceLifecycle
import Testing

@Suite struct SchedulerServiceTests {
    actor RecordingPublisher: CheckRequestPublisher {
        struct Record: Sendable {
            var request: CheckRequest
            var namespace: String
            var subscription: String
        }
        var records: [Record] = []
        func publish(_ request: CheckRequest, namespace: String, subscription: String) async -> Int {
            records.append(Record(request: request, namespace: namespace, subscription: subscription))
            return 2
        }
    }

    static let logger: Logger = {
        var logger = Logger(label: "scheduler-test")
        logger.logLevel = .critical
        return logger
    }()

    static func check(_ name: String, publish: Bool = true) -> CheckConfig {
        CheckConfig(
            metadata: ObjectMeta(name: name, namespace: "default"), command: "check_http -H 127.0.0.1",
            interval: 1, publish: publish, runtimeAssets: ["monitoring-plugins"], subscriptions: ["linux", "nginx"],
            checkHooks: [HookList(type: "critical", hooks: ["ps"])])
    }

    static func seededStore() async throws -> InMemoryStore {
        let store = InMemoryStore()
        try await store.putResource(Self.check("check-nginx"))
        try await store.putResource(Self.check("unpublished", publish: false))
        try await store.putResource(
            Asset(metadata: ObjectMeta(name: "monitoring-plugins-debian", namespace: "default"), url: "http://x/a.tgz"))
        try await store.putResource(
            Asset(metadata: ObjectMeta(name: "unrelated", namespace: "default"), url: "http://x/b.tgz"))
        try await store.putResource(
            HookConfig(metadata: ObjectMeta(name: "ps", namespace: "default"), command: "ps aux", timeout: 5))
        return store
    }

    /// Runs the scheduler as a service while `body` runs, then shuts it down.
    static func running(_ scheduler: Scheduler, _ body: @Sendable () async throws -> Void) async throws {
        let group = ServiceGroup(
            configuration: .init(services: [scheduler], gracefulShutdownSignals: [], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await body()
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Waits until `publisher` has at least `count` records (at most 10 s).
    static func waitFor(_ count: Int, _ publisher: RecordingPublisher) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while await publisher.records.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func publishesEveryIntervalToEachSubscription() async throws {
        let store = try await Self.seededStore()
        let publisher = RecordingPublisher()
        let scheduler = Scheduler(
            store: store, publisher: publisher, logger: Self.logger, refreshInterval: .milliseconds(200))
        let started = ContinuousClock.now
        try await Self.running(scheduler) {
            try await Task.sleep(for: .milliseconds(2500))
            try await Self.waitFor(4, publisher)
        }
        let elapsed = ContinuousClock.now - started

        let records = await publisher.records
        let fires = records.count / 2
        // Interval 1 s: 2-3 fires in 2.5 s; a loaded machine may need longer for the second one.
        #expect(fires >= 2)
        #expect(Double(fires) <= Double(elapsed.components.seconds) + 1)
        #expect(records.count == fires * 2)
        #expect(records.allSatisfy { $0.request.config?.metadata.name == "check-nginx" })
        #expect(records.map(\.subscription) == Array(repeating: ["linux", "nginx"], count: fires).flatMap { $0 })
        #expect(records.allSatisfy { $0.namespace == "default" })
        #expect(records.allSatisfy { $0.request.assets.map(\.metadata.name) == ["monitoring-plugins-debian"] })
        #expect(records.allSatisfy { $0.request.hooks.map(\.metadata.name) == ["ps"] })
        let issued = stride(from: 0, to: records.count, by: 2).map { records[$0].request.issued }
        // `issued` is the publish time in whole seconds: never decreasing, and fires are one interval apart on an
        // idle machine (a fire delayed by load can share its second with the next one, so only order is asserted).
        #expect(issued == issued.sorted())
        #expect((issued.last ?? 0) - (issued.first ?? 0) >= Int64(fires - 2))
        let now = Int64(Date().timeIntervalSince1970)
        #expect(issued.allSatisfy { now - $0 <= 15 })
        #expect(await scheduler.published == records.count)
    }

    @Test func deletedCheckStopsPublishing() async throws {
        let store = try await Self.seededStore()
        let publisher = RecordingPublisher()
        let scheduler = Scheduler(
            store: store, publisher: publisher, logger: Self.logger, refreshInterval: .milliseconds(100))
        let counts = CountBox()
        try await Self.running(scheduler) {
            try await Self.waitFor(2, publisher)
            _ = try await store.deleteResource(.checkConfig, namespace: "default", name: "check-nginx")
            await counts.set(await publisher.records.count)
            try await Task.sleep(for: .milliseconds(2500))
        }
        let before = await counts.value
        let after = await publisher.records.count
        #expect(before >= 2)
        // At most one fire (two subscriptions) was under way when the delete was seen (refresh 0.1 s, interval 1 s).
        #expect(after - before <= 2)
    }

    /// Issue #18 item 5: once the delete has returned, the deleted check never fires again (the scheduler waits for
    /// the change feed before each fire instead of reloading every second).
    @Test func deletedCheckNeverFiresAfterTheDeleteReturned() async throws {
        let store = try await Self.seededStore()
        var other = Self.check("other")
        other.subscriptions = ["other"]
        try await store.putResource(other)
        let publisher = RecordingPublisher()
        let scheduler = Scheduler(store: store, publisher: publisher, logger: Self.logger)
        let counts = CountBox()
        try await Self.running(scheduler) {
            try await Self.waitFor(3, publisher)
            _ = try await store.deleteResource(.checkConfig, namespace: "default", name: "check-nginx")
            await counts.set(await publisher.records.count)
            // Three more fires of the other check (1 s interval) prove time went on.
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline,
                await publisher.records.dropFirst(await counts.value).filter({ $0.subscription == "other" }).count < 3
            {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let after = await publisher.records.dropFirst(await counts.value)
        #expect(after.filter { $0.subscription == "other" }.count >= 3)
        let deletedFires = after.filter { record in record.request.config?.metadata.name == "check-nginx" }
        #expect(deletedFires.isEmpty)
    }

    @Test func adhocPublishesIgnoringPublishFlag() async throws {
        let store = try await Self.seededStore()
        let publisher = RecordingPublisher()
        let scheduler = Scheduler(store: store, publisher: publisher, logger: Self.logger)
        let reached = await scheduler.executeAdhoc(
            check: Self.check("unpublished", publish: false), subscriptions: ["entity:web-1"])
        #expect(reached == 2)
        let records = await publisher.records
        #expect(records.map(\.subscription) == ["entity:web-1"])
        #expect(records.first?.request.config?.metadata.name == "unpublished")
        #expect(records.first?.request.assets.map(\.metadata.name) == ["monitoring-plugins-debian"])
        let all = await scheduler.executeAdhoc(check: Self.check("unpublished", publish: false))
        #expect(all == 4)
    }

    actor CountBox {
        var value = 0
        func set(_ newValue: Int) { value = newValue }
    }
}
