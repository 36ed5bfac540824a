public import PharosCore
public import PharosStore
import Prometheus

/// A `Store` that records the latency of every operation of the store it wraps in
/// `pharos_store_operation_duration_seconds{operation}`; otherwise it behaves exactly like the wrapped store.
public struct TimedStore: Store {
    /// The wrapped store.
    public let base: any Store
    /// Where latencies are recorded.
    public let metrics: BackendMetrics

    /// Wraps `base`.
    public init(_ base: any Store, metrics: BackendMetrics) {
        self.base = base
        self.metrics = metrics
    }

    private func timed<T>(_ operation: String, _ body: () async throws(StoreError) -> T) async throws(StoreError)
        -> T
    {
        let start = ContinuousClock.now
        defer { metrics.storeLatency(operation).record(ContinuousClock.now - start) }
        return try await body()
    }

    /// `base.resource`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func resource<R: Resource>(_ type: R.Type, namespace: String, name: String) async throws(StoreError) -> R? {
        try await timed("resource") { () async throws(StoreError) in
            try await base.resource(type, namespace: namespace, name: name)
        }
    }

    /// `base.resources`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func resources<R: Resource>(_ type: R.Type, namespace: String?) async throws(StoreError) -> [R] {
        try await timed("resources") { () async throws(StoreError) in
            try await base.resources(type, namespace: namespace)
        }
    }

    /// `base.createResource`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func createResource<R: Resource>(_ resource: R) async throws(StoreError) {
        try await timed("createResource") { () async throws(StoreError) in try await base.createResource(resource) }
    }

    /// `base.putResource`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func putResource<R: Resource>(_ resource: R) async throws(StoreError) {
        try await timed("putResource") { () async throws(StoreError) in try await base.putResource(resource) }
    }

    /// `base.deleteResource`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func deleteResource(_ type: ResourceType, namespace: String, name: String) async throws(StoreError) -> Bool {
        try await timed("deleteResource") { () async throws(StoreError) in
            try await base.deleteResource(type, namespace: namespace, name: name)
        }
    }

    /// `base.entityConfig`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func entityConfig(namespace: String, name: String) async throws(StoreError) -> EntityConfig? {
        try await timed("entityConfig") { () async throws(StoreError) in
            try await base.entityConfig(namespace: namespace, name: name)
        }
    }

    /// `base.putEntityConfig`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func putEntityConfig(_ config: EntityConfig) async throws(StoreError) {
        try await timed("putEntityConfig") { () async throws(StoreError) in try await base.putEntityConfig(config) }
    }

    /// `base.entityState`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func entityState(namespace: String, name: String) async throws(StoreError) -> EntityState? {
        try await timed("entityState") { () async throws(StoreError) in
            try await base.entityState(namespace: namespace, name: name)
        }
    }

    /// `base.putEntityState`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func putEntityState(_ state: EntityState) async throws(StoreError) {
        try await timed("putEntityState") { () async throws(StoreError) in try await base.putEntityState(state) }
    }

    /// `base.entities`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func entities(namespace: String?) async throws(StoreError) -> [Entity] {
        try await timed("entities") { () async throws(StoreError) in try await base.entities(namespace: namespace) }
    }

    /// `base.deleteEntity`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func deleteEntity(namespace: String, name: String) async throws(StoreError) -> Bool {
        try await timed("deleteEntity") { () async throws(StoreError) in
            try await base.deleteEntity(namespace: namespace, name: name)
        }
    }

    /// `base.event`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func event(namespace: String, entity: String, check: String) async throws(StoreError) -> Event? {
        try await timed("event") { () async throws(StoreError) in
            try await base.event(namespace: namespace, entity: entity, check: check)
        }
    }

    /// `base.events`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func events(namespace: String?, entity: String?) async throws(StoreError) -> [Event] {
        try await timed("events") { () async throws(StoreError) in
            try await base.events(namespace: namespace, entity: entity)
        }
    }

    /// `base.putEvent`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func putEvent(_ event: Event) async throws(StoreError) {
        try await timed("putEvent") { () async throws(StoreError) in try await base.putEvent(event) }
    }

    /// `base.deleteEvent`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func deleteEvent(namespace: String, entity: String, check: String) async throws(StoreError) -> Bool {
        try await timed("deleteEvent") { () async throws(StoreError) in
            try await base.deleteEvent(namespace: namespace, entity: entity, check: check)
        }
    }

    /// `base.setting`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func setting(_ key: String) async throws(StoreError) -> String? {
        try await timed("setting") { () async throws(StoreError) in try await base.setting(key) }
    }

    /// `base.putSetting`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func putSetting(_ key: String, value: String) async throws(StoreError) {
        try await timed("putSetting") { () async throws(StoreError) in try await base.putSetting(key, value: value) }
    }

    /// `base.createSettingIfAbsent`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func createSettingIfAbsent(_ key: String, value: String) async throws(StoreError) -> String {
        try await timed("createSettingIfAbsent") { () async throws(StoreError) in
            try await base.createSettingIfAbsent(key, value: value)
        }
    }

    /// `base.deleteSetting`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func deleteSetting(_ key: String) async throws(StoreError) -> Bool {
        try await timed("deleteSetting") { () async throws(StoreError) in try await base.deleteSetting(key) }
    }

    /// `base.replaceResource`, timed. - Throws: what the wrapped store throws (`StoreError`, `.conflict`).
    @discardableResult
    public func replaceResource<R: Resource>(_ resource: R, expectedVersion: String?) async throws(StoreError)
        -> String
    {
        try await timed("replaceResource") { () async throws(StoreError) in
            try await base.replaceResource(resource, expectedVersion: expectedVersion)
        }
    }

    /// `base.putDeadline`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func putDeadline(_ deadline: Deadline) async throws(StoreError) {
        try await timed("putDeadline") { () async throws(StoreError) in try await base.putDeadline(deadline) }
    }

    /// `base.deadline`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func deadline(_ kind: Deadline.Kind, namespace: String, entity: String, check: String)
        async throws(StoreError) -> Deadline?
    {
        try await timed("deadline") { () async throws(StoreError) in
            try await base.deadline(kind, namespace: namespace, entity: entity, check: check)
        }
    }

    /// `base.deadlines`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func deadlines(_ kind: Deadline.Kind) async throws(StoreError) -> [Deadline] {
        try await timed("deadlines") { () async throws(StoreError) in try await base.deadlines(kind) }
    }

    /// `base.deleteDeadlines`, timed. - Throws: what the wrapped store throws (`StoreError`).
    @discardableResult
    public func deleteDeadlines(_ kind: Deadline.Kind, namespace: String, entity: String, check: String?)
        async throws(StoreError) -> Int
    {
        try await timed("deleteDeadlines") { () async throws(StoreError) in
            try await base.deleteDeadlines(kind, namespace: namespace, entity: entity, check: check)
        }
    }

    /// `base.claimExpired`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func claimExpired(kind: Deadline.Kind, now: Double, owner: String, limit: Int) async throws(StoreError)
        -> [Deadline]
    {
        try await timed("claimExpired") { () async throws(StoreError) in
            try await base.claimExpired(kind: kind, now: now, owner: owner, limit: limit)
        }
    }

    /// `base.resourcePage`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func resourcePage<R: Resource>(
        _ type: R.Type, namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (R) -> Bool
    ) async throws(StoreError) -> StorePage<R> {
        try await timed("resourcePage") { () async throws(StoreError) in
            try await base.resourcePage(type, namespace: namespace, after: after, limit: limit, matching: matching)
        }
    }

    /// `base.entityPage`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func entityPage(
        namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (Entity) -> Bool
    ) async throws(StoreError) -> StorePage<Entity> {
        try await timed("entityPage") { () async throws(StoreError) in
            try await base.entityPage(namespace: namespace, after: after, limit: limit, matching: matching)
        }
    }

    /// `base.eventPage`, timed. - Throws: what the wrapped store throws (`StoreError`).
    public func eventPage(
        namespace: String?, entity: String?, after: String?, limit: Int, matching: @escaping @Sendable (Event) -> Bool
    ) async throws(StoreError) -> StorePage<Event> {
        try await timed("eventPage") { () async throws(StoreError) in
            try await base.eventPage(
                namespace: namespace, entity: entity, after: after, limit: limit, matching: matching)
        }
    }

    /// The wrapped store's change feed (subscribing is not timed).
    public var changeFeed: ChangeFeed { base.changeFeed }
}
