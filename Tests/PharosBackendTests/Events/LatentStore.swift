import PharosCore
import PharosStore
import Synchronization

/// A store in front of an `InMemoryStore` whose `putEvent` waits `latency` before writing (injected store latency),
/// and which records the check output of every event in the order it was written.
final class LatentStore: Store {
    let inner: InMemoryStore
    private let latency: Duration
    private let written = Mutex<[String]>([])

    init(latency: Duration, inner: InMemoryStore = InMemoryStore()) {
        self.latency = latency
        self.inner = inner
    }

    /// The outputs of the written events, in write order.
    var writtenOutputs: [String] { written.withLock { $0 } }

    func resource<R: Resource>(_ type: R.Type, namespace: String, name: String) async throws(StoreError) -> R? {
        try await inner.resource(type, namespace: namespace, name: name)
    }
    func resources<R: Resource>(_ type: R.Type, namespace: String?) async throws(StoreError) -> [R] {
        try await inner.resources(type, namespace: namespace)
    }
    func createResource<R: Resource>(_ resource: R) async throws(StoreError) {
        try await inner.createResource(resource)
    }
    func putResource<R: Resource>(_ resource: R) async throws(StoreError) { try await inner.putResource(resource) }
    func deleteResource(_ type: ResourceType, namespace: String, name: String) async throws(StoreError) -> Bool {
        try await inner.deleteResource(type, namespace: namespace, name: name)
    }
    func entityConfig(namespace: String, name: String) async throws(StoreError) -> EntityConfig? {
        try await inner.entityConfig(namespace: namespace, name: name)
    }
    func putEntityConfig(_ config: EntityConfig) async throws(StoreError) { try await inner.putEntityConfig(config) }
    func entityState(namespace: String, name: String) async throws(StoreError) -> EntityState? {
        try await inner.entityState(namespace: namespace, name: name)
    }
    func putEntityState(_ state: EntityState) async throws(StoreError) { try await inner.putEntityState(state) }
    func entities(namespace: String?) async throws(StoreError) -> [Entity] {
        try await inner.entities(namespace: namespace)
    }
    func deleteEntity(namespace: String, name: String) async throws(StoreError) -> Bool {
        try await inner.deleteEntity(namespace: namespace, name: name)
    }
    func event(namespace: String, entity: String, check: String) async throws(StoreError) -> Event? {
        try await inner.event(namespace: namespace, entity: entity, check: check)
    }
    func events(namespace: String?, entity: String?) async throws(StoreError) -> [Event] {
        try await inner.events(namespace: namespace, entity: entity)
    }
    func putEvent(_ event: Event) async throws(StoreError) {
        try? await Task.sleep(for: latency)
        written.withLock { $0.append(event.check?.output ?? "") }
        try await inner.putEvent(event)
    }
    func deleteEvent(namespace: String, entity: String, check: String) async throws(StoreError) -> Bool {
        try await inner.deleteEvent(namespace: namespace, entity: entity, check: check)
    }
    func setting(_ key: String) async throws(StoreError) -> String? { try await inner.setting(key) }
    func putSetting(_ key: String, value: String) async throws(StoreError) {
        try await inner.putSetting(key, value: value)
    }
    func createSettingIfAbsent(_ key: String, value: String) async throws(StoreError) -> String {
        try await inner.createSettingIfAbsent(key, value: value)
    }
    func deleteSetting(_ key: String) async throws(StoreError) -> Bool { try await inner.deleteSetting(key) }
    func replaceResource<R: Resource>(_ resource: R, expectedVersion: String?) async throws(StoreError) -> String {
        try await inner.replaceResource(resource, expectedVersion: expectedVersion)
    }
    func putDeadline(_ deadline: Deadline) async throws(StoreError) { try await inner.putDeadline(deadline) }
    func deadline(_ kind: Deadline.Kind, namespace: String, entity: String, check: String) async throws(StoreError)
        -> Deadline?
    {
        try await inner.deadline(kind, namespace: namespace, entity: entity, check: check)
    }
    func deadlines(_ kind: Deadline.Kind) async throws(StoreError) -> [Deadline] { try await inner.deadlines(kind) }
    func deleteDeadlines(_ kind: Deadline.Kind, namespace: String, entity: String, check: String?)
        async throws(StoreError) -> Int
    {
        try await inner.deleteDeadlines(kind, namespace: namespace, entity: entity, check: check)
    }
    func claimExpired(kind: Deadline.Kind, now: Double, owner: String, limit: Int) async throws(StoreError)
        -> [Deadline]
    {
        try await inner.claimExpired(kind: kind, now: now, owner: owner, limit: limit)
    }
    func resourcePage<R: Resource>(
        _ type: R.Type, namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (R) -> Bool
    ) async throws(StoreError) -> StorePage<R> {
        try await inner.resourcePage(type, namespace: namespace, after: after, limit: limit, matching: matching)
    }
    func entityPage(
        namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (Entity) -> Bool
    ) async throws(StoreError) -> StorePage<Entity> {
        try await inner.entityPage(namespace: namespace, after: after, limit: limit, matching: matching)
    }
    func eventPage(
        namespace: String?, entity: String?, after: String?, limit: Int, matching: @escaping @Sendable (Event) -> Bool
    ) async throws(StoreError) -> StorePage<Event> {
        try await inner.eventPage(namespace: namespace, entity: entity, after: after, limit: limit, matching: matching)
    }
    var changeFeed: ChangeFeed { inner.changeFeed }
}
