import PharosCore
import PharosStore

/// A store that forwards to `base`, except that its first `resource(_:namespace:name:)` read of `slipName` runs
/// `slip` (another client's write) right after reading: the read returns the old value while the store already
/// holds the new one, which is the interleaving a check-then-write API path must survive.
struct InterleavingStore: Store {
    let base: InMemoryStore
    let slipName: String
    let slip: @Sendable (InMemoryStore) async throws -> Void
    let fired = Flag()

    actor Flag {
        private(set) var isSet = false
        func set() -> Bool {
            defer { isSet = true }
            return !isSet
        }
    }

    func resource<R: Resource>(_ type: R.Type, namespace: String, name: String) async throws(StoreError) -> R? {
        let value = try await base.resource(type, namespace: namespace, name: name)
        if name == slipName, await fired.set() {
            do { try await slip(base) } catch { throw StoreError(.internalError, "slip failed: \(error)") }
        }
        return value
    }

    func resources<R: Resource>(_ type: R.Type, namespace: String?) async throws(StoreError) -> [R] {
        try await base.resources(type, namespace: namespace)
    }
    func createResource<R: Resource>(_ resource: R) async throws(StoreError) { try await base.createResource(resource) }
    func putResource<R: Resource>(_ resource: R) async throws(StoreError) { try await base.putResource(resource) }
    func deleteResource(_ type: ResourceType, namespace: String, name: String) async throws(StoreError) -> Bool {
        try await base.deleteResource(type, namespace: namespace, name: name)
    }
    func entityConfig(namespace: String, name: String) async throws(StoreError) -> EntityConfig? {
        try await base.entityConfig(namespace: namespace, name: name)
    }
    func putEntityConfig(_ config: EntityConfig) async throws(StoreError) { try await base.putEntityConfig(config) }
    func entityState(namespace: String, name: String) async throws(StoreError) -> EntityState? {
        try await base.entityState(namespace: namespace, name: name)
    }
    func putEntityState(_ state: EntityState) async throws(StoreError) { try await base.putEntityState(state) }
    func entities(namespace: String?) async throws(StoreError) -> [Entity] {
        try await base.entities(namespace: namespace)
    }
    func deleteEntity(namespace: String, name: String) async throws(StoreError) -> Bool {
        try await base.deleteEntity(namespace: namespace, name: name)
    }
    func event(namespace: String, entity: String, check: String) async throws(StoreError) -> Event? {
        try await base.event(namespace: namespace, entity: entity, check: check)
    }
    func events(namespace: String?, entity: String?) async throws(StoreError) -> [Event] {
        try await base.events(namespace: namespace, entity: entity)
    }
    func putEvent(_ event: Event) async throws(StoreError) { try await base.putEvent(event) }
    func deleteEvent(namespace: String, entity: String, check: String) async throws(StoreError) -> Bool {
        try await base.deleteEvent(namespace: namespace, entity: entity, check: check)
    }
    func setting(_ key: String) async throws(StoreError) -> String? { try await base.setting(key) }
    func putSetting(_ key: String, value: String) async throws(StoreError) {
        try await base.putSetting(key, value: value)
    }
    func createSettingIfAbsent(_ key: String, value: String) async throws(StoreError) -> String {
        try await base.createSettingIfAbsent(key, value: value)
    }
    func deleteSetting(_ key: String) async throws(StoreError) -> Bool { try await base.deleteSetting(key) }
    func replaceResource<R: Resource>(_ resource: R, expectedVersion: String?) async throws(StoreError) -> String {
        try await base.replaceResource(resource, expectedVersion: expectedVersion)
    }
    func putDeadline(_ deadline: Deadline) async throws(StoreError) { try await base.putDeadline(deadline) }
    func deadline(_ kind: Deadline.Kind, namespace: String, entity: String, check: String) async throws(StoreError)
        -> Deadline?
    {
        try await base.deadline(kind, namespace: namespace, entity: entity, check: check)
    }
    func deadlines(_ kind: Deadline.Kind) async throws(StoreError) -> [Deadline] { try await base.deadlines(kind) }
    func deleteDeadlines(_ kind: Deadline.Kind, namespace: String, entity: String, check: String?)
        async throws(StoreError) -> Int
    {
        try await base.deleteDeadlines(kind, namespace: namespace, entity: entity, check: check)
    }
    func claimExpired(kind: Deadline.Kind, now: Double, owner: String, limit: Int) async throws(StoreError)
        -> [Deadline]
    {
        try await base.claimExpired(kind: kind, now: now, owner: owner, limit: limit)
    }
    func resourcePage<R: Resource>(
        _ type: R.Type, namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (R) -> Bool
    ) async throws(StoreError) -> StorePage<R> {
        try await base.resourcePage(type, namespace: namespace, after: after, limit: limit, matching: matching)
    }
    func entityPage(
        namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (Entity) -> Bool
    ) async throws(StoreError) -> StorePage<Entity> {
        try await base.entityPage(namespace: namespace, after: after, limit: limit, matching: matching)
    }
    func eventPage(
        namespace: String?, entity: String?, after: String?, limit: Int, matching: @escaping @Sendable (Event) -> Bool
    ) async throws(StoreError) -> StorePage<Event> {
        try await base.eventPage(namespace: namespace, entity: entity, after: after, limit: limit, matching: matching)
    }
    var changeFeed: ChangeFeed { base.changeFeed }
}
