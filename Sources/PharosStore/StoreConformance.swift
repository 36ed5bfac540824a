import PharosCore

/// A failed conformance check: which check, and what was expected versus found.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// `check name: what went wrong`.
    public var description: String
}

/// The behaviour every `Store` driver must show (STYLE.md habit 14). Each check throws `ConformanceFailure` instead of
/// importing a test framework, so the same checks run against `InMemoryStore`, SQLite and PostgreSQL.
public enum StoreConformance {
    /// Runs every check against a store that starts empty.
    /// - Throws: `ConformanceFailure` for the first behaviour that differs, or the store's own `StoreError`.
    public static func run(_ store: some Store) async throws {
        try await resources(store)
        try await entities(store)
        try await events(store)
        try await settings(store)
    }

    private static func expect(_ condition: Bool, _ check: String, _ detail: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(description: "\(check): \(detail())") }
    }

    static func resources(_ store: some Store) async throws {
        let check = CheckConfig(
            metadata: ObjectMeta(name: "check-nginx", namespace: "webinar"), command: "check_http -H 127.0.0.1",
            interval: 10, publish: true, subscriptions: ["nginx"])
        try await store.createResource(check)
        do {
            try await store.createResource(check)
            try expect(false, "create twice", "second create did not fail")
        } catch let error as StoreError {
            try expect(error.kind == .alreadyExists, "create twice", "got \(error.kind)")
        }
        let fetched = try await store.resource(CheckConfig.self, namespace: "webinar", name: "check-nginx")
        try expect(fetched == check, "get after create", "got \(String(describing: fetched))")
        let missing = try await store.resource(CheckConfig.self, namespace: "default", name: "check-nginx")
        try expect(missing == nil, "namespaces are separate", "found the check in another namespace")

        var replaced = check
        replaced.interval = 30
        try await store.putResource(replaced)
        let afterPut = try await store.resource(CheckConfig.self, namespace: "webinar", name: "check-nginx")
        try expect(afterPut?.interval == 30, "put replaces", "interval \(String(describing: afterPut?.interval))")

        let other = CheckConfig(
            metadata: ObjectMeta(name: "a-check", namespace: "default"), command: "true", interval: 5)
        try await store.putResource(other)
        let all = try await store.resources(CheckConfig.self, namespace: nil).map(\.metadata.name)
        try expect(all == ["a-check", "check-nginx"], "list all namespaces sorted", "got \(all)")
        let one = try await store.resources(CheckConfig.self, namespace: "webinar").map(\.metadata.name)
        try expect(one == ["check-nginx"], "list one namespace", "got \(one)")

        try await store.putResource(Namespace(name: "webinar"))
        let namespace = try await store.resource(Namespace.self, namespace: "ignored", name: "webinar")
        try expect(namespace?.name == "webinar", "cluster-wide resources ignore the namespace", "not found")

        let deleted = try await store.deleteResource(.checkConfig, namespace: "webinar", name: "check-nginx")
        let deletedAgain = try await store.deleteResource(.checkConfig, namespace: "webinar", name: "check-nginx")
        try expect(deleted && !deletedAgain, "delete reports existence", "\(deleted), \(deletedAgain)")
    }

    static func entities(_ store: some Store) async throws {
        let meta = ObjectMeta(name: "nginx-0", namespace: "webinar")
        var config = EntityConfig(metadata: meta)
        config.entityClass = "agent"
        config.subscriptions = ["nginx", "entity:nginx-0"]
        try await store.putEntityConfig(config)
        let bare = try await store.entities(namespace: "webinar")
        try expect(bare.count == 1 && bare.first?.lastSeen == 0, "entity without state", "got \(bare)")

        try await store.putEntityState(EntityState(metadata: meta, lastSeen: 1_700_000_000))
        let joined = try await store.entities(namespace: nil)
        try expect(joined.first?.lastSeen == 1_700_000_000, "entity joins state", "got \(joined)")
        try expect(joined.first?.subscriptions == ["nginx", "entity:nginx-0"], "entity joins config", "got \(joined)")

        let event = Event(
            timestamp: 1_700_000_001, entity: joined.first,
            check: Check(config: CheckConfig(metadata: ObjectMeta(name: "check-nginx", namespace: "webinar"))),
            metadata: ObjectMeta(namespace: "webinar"))
        try await store.putEvent(event)
        let removed = try await store.deleteEntity(namespace: "webinar", name: "nginx-0")
        try expect(removed, "delete entity", "reported missing")
        let left = try await store.events(namespace: "webinar", entity: "nginx-0")
        try expect(left.isEmpty, "delete entity deletes its events", "\(left.count) left")
        let state = try await store.entityState(namespace: "webinar", name: "nginx-0")
        try expect(state == nil, "delete entity deletes its state", "state left")
    }

    static func events(_ store: some Store) async throws {
        func event(_ entity: String, _ check: String, status: UInt32) -> Event {
            Event(
                timestamp: 1_700_000_000,
                entity: Entity(
                    config: EntityConfig(metadata: ObjectMeta(name: entity, namespace: "default")),
                    state: EntityState(metadata: ObjectMeta(name: entity, namespace: "default"))),
                check: Check(
                    config: CheckConfig(metadata: ObjectMeta(name: check, namespace: "default")), status: status),
                metadata: ObjectMeta(namespace: "default"))
        }
        try await store.putEvent(event("web-2", "disk", status: 0))
        try await store.putEvent(event("web-1", "load", status: 0))
        try await store.putEvent(event("web-1", "disk", status: 1))
        try await store.putEvent(event("web-1", "disk", status: 2))
        let keys = try await store.events(namespace: "default", entity: nil).map {
            "\($0.entity?.metadata.name ?? "")/\($0.check?.metadata.name ?? "")=\($0.check?.status ?? 99)"
        }
        try expect(keys == ["web-1/disk=2", "web-1/load=0", "web-2/disk=0"], "latest event per key, sorted", "\(keys)")
        let one = try await store.event(namespace: "default", entity: "web-1", check: "disk")
        try expect(one?.check?.status == 2, "get event", "got \(String(describing: one?.check?.status))")

        var metricsOnly = event("web-1", "x", status: 0)
        metricsOnly.check = nil
        metricsOnly.metrics = Metrics()
        do {
            try await store.putEvent(metricsOnly)
            try expect(false, "metrics-only events are refused", "stored")
        } catch let error as StoreError {
            try expect(error.kind == .invalid, "metrics-only events are refused", "got \(error.kind)")
        }
        let deleted = try await store.deleteEvent(namespace: "default", entity: "web-1", check: "load")
        let remaining = try await store.events(namespace: nil, entity: "web-1").count
        try expect(deleted && remaining == 1, "delete event", "deleted \(deleted), remaining \(remaining)")
    }

    static func settings(_ store: some Store) async throws {
        let before = try await store.setting("jwt.secret")
        try expect(before == nil, "missing setting", "got \(String(describing: before))")
        try await store.putSetting("jwt.secret", value: "abc")
        try await store.putSetting("jwt.secret", value: "def")
        let after = try await store.setting("jwt.secret")
        try expect(after == "def", "setting replaced", "got \(String(describing: after))")
    }
}
