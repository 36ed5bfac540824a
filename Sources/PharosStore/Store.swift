public import PharosCore

/// The store contract every backend component uses (DESIGN.md §Store). Implementations: `InMemoryStore` (reference,
/// tests), the GRDB SQLite driver (embedded default) and, later, PostgreSQL. All of them pass the same conformance checks.
///
/// Addressing: namespaced resources by `(namespace, name)`; cluster-wide resources (`Namespace`, `User`, `ClusterRole`,
/// `ClusterRoleBinding`, `APIKey`) use the empty namespace `""`. Entities are kept as two parts (config, state) and
/// events by `(namespace, entity name, check name)`; neither goes through the generic resource methods.
/// Lists are sorted by namespace, then name (events: namespace, entity, check).
public protocol Store: Sendable {
    // MARK: Resources (every type except Entity and Event)

    /// The stored resource, or `nil`.
    /// - Throws: `StoreError` (`.internalError`) when the database fails.
    func resource<R: Resource>(_ type: R.Type, namespace: String, name: String) async throws(StoreError) -> R?

    /// All stored resources of a type; `namespace: nil` lists every namespace.
    /// - Throws: `StoreError` (`.internalError`).
    func resources<R: Resource>(_ type: R.Type, namespace: String?) async throws(StoreError) -> [R]

    /// Stores a new resource.
    /// - Throws: `StoreError.alreadyExists` when one with the same namespace and name exists.
    func createResource<R: Resource>(_ resource: R) async throws(StoreError)

    /// Creates or replaces a resource.
    /// - Throws: `StoreError` (`.internalError`).
    func putResource<R: Resource>(_ resource: R) async throws(StoreError)

    /// Deletes a resource; returns whether it existed.
    /// - Throws: `StoreError` (`.internalError`).
    func deleteResource(_ type: ResourceType, namespace: String, name: String) async throws(StoreError) -> Bool

    // MARK: Entities

    /// The configuration part of an entity (authoritative after first registration, reference §4.3).
    func entityConfig(namespace: String, name: String) async throws(StoreError) -> EntityConfig?

    /// Creates or replaces an entity's configuration part.
    func putEntityConfig(_ config: EntityConfig) async throws(StoreError)

    /// The state part of an entity (`system`, `last_seen`, agent version).
    func entityState(namespace: String, name: String) async throws(StoreError) -> EntityState?

    /// Creates or replaces an entity's state part.
    func putEntityState(_ state: EntityState) async throws(StoreError)

    /// Entities (config joined with state; a missing state part is empty); `namespace: nil` lists every namespace.
    func entities(namespace: String?) async throws(StoreError) -> [Entity]

    /// Deletes an entity's config, state and every event of that entity; returns whether the config existed.
    func deleteEntity(namespace: String, name: String) async throws(StoreError) -> Bool

    // MARK: Events (latest per entity and check)

    /// The latest event of `(namespace, entity, check)`.
    func event(namespace: String, entity: String, check: String) async throws(StoreError) -> Event?

    /// Events, optionally restricted to a namespace and an entity.
    func events(namespace: String?, entity: String?) async throws(StoreError) -> [Event]

    /// Stores an event as the latest for its key. Metrics-only events (no check) are refused with `.invalid`.
    func putEvent(_ event: Event) async throws(StoreError)

    /// Deletes an event; returns whether it existed.
    func deleteEvent(namespace: String, entity: String, check: String) async throws(StoreError) -> Bool

    // MARK: Settings

    /// A small stored value (e.g. the JWT signing key), or `nil`.
    func setting(_ key: String) async throws(StoreError) -> String?

    /// Stores a small value under `key`.
    func putSetting(_ key: String, value: String) async throws(StoreError)
}
