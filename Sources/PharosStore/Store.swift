public import PharosCore

/// The store contract every backend component uses (DESIGN.md §Store). Implementations: `InMemoryStore` (reference,
/// tests), the GRDB SQLite driver (embedded default) and, later, PostgreSQL. All of them pass `StoreConformance`.
///
/// Addressing: namespaced resources by `(namespace, name)`; cluster-wide resources (`Namespace`, `User`, `ClusterRole`,
/// `ClusterRoleBinding`, `APIKey`) use the empty namespace `""`. Entities are kept as two parts (config, state) and
/// events by `(namespace, entity name, check name)`; neither goes through the generic resource methods.
/// Lists are sorted by namespace, then name (events: namespace, entity, check), comparing UTF-8 bytes.
///
/// Store contract (what a second driver must guarantee, checked by `StoreConformance`):
/// - **Atomic writes.** A write either commits whole or not at all; a method returns after its write committed.
/// - **Change feed.** After each committed write the store publishes its `StoreChange`s on `changeFeed`, in commit
///   order, numbered by a per-store increasing sequence; nothing is published for a failed or rolled-back write.
///   Subscribers have bounded buffers and get `StoreFeedItem.resync` instead of a silently incomplete stream.
/// - **Create-if-absent.** `createSettingIfAbsent` stores a value only when the key has none and returns the value
///   that won: of concurrent callers (tasks, or store instances on one database) all get the same value.
/// - **Compare-and-swap.** `replaceResource(_:expectedVersion:)` writes only while the stored resource's
///   `ResourceVersion` (the API's ETag) is the expected one, atomically; otherwise `.conflict`.
/// - **Claim-once deadlines.** `claimExpired` moves each expired `Deadline` row for exactly one caller, however
///   many claim concurrently; deleting an entity deletes its deadline rows.
/// - **Keyset paging.** The `…Page` methods return items after a cursor key (`StoreKey`) in listing order, so a
///   listing under concurrent writes never repeats an item and never misses one present throughout.
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

    /// Stores `value` under `key` unless the key has a value already (create-if-absent).
    /// - Returns: The stored value after the call: `value` when this call created it, else the existing one.
    /// - Throws: `StoreError` (`.internalError`).
    func createSettingIfAbsent(_ key: String, value: String) async throws(StoreError) -> String

    /// Deletes a setting; returns whether it existed.
    /// - Throws: `StoreError` (`.internalError`).
    func deleteSetting(_ key: String) async throws(StoreError) -> Bool

    // MARK: Conditional writes

    /// Replaces a resource only if its stored version is `expectedVersion` (`nil`: only if it does not exist),
    /// atomically: a concurrent write between the caller's read and this write makes it fail instead of being lost.
    /// - Returns: The resource's new `ResourceVersion`.
    /// - Throws: `StoreError.conflict` when the stored version differs (or the resource exists, or is gone);
    ///   `.internalError` when the database fails.
    @discardableResult
    func replaceResource<R: Resource>(_ resource: R, expectedVersion: String?) async throws(StoreError) -> String

    // MARK: Deadlines (keepalive and TTL)

    /// Creates or replaces the deadline row of `(kind, namespace, entity, check)`.
    /// - Throws: `StoreError` (`.internalError`).
    func putDeadline(_ deadline: Deadline) async throws(StoreError)

    /// The deadline row of `(kind, namespace, entity, check)`, or `nil`.
    /// - Throws: `StoreError` (`.internalError`).
    func deadline(_ kind: Deadline.Kind, namespace: String, entity: String, check: String) async throws(StoreError)
        -> Deadline?

    /// Every row of a kind, sorted by namespace, entity, check.
    /// - Throws: `StoreError` (`.internalError`).
    func deadlines(_ kind: Deadline.Kind) async throws(StoreError) -> [Deadline]

    /// Deletes the rows of an entity (`check: nil`: all its rows of that kind) or of one check; returns how many.
    /// - Throws: `StoreError` (`.internalError`).
    @discardableResult
    func deleteDeadlines(_ kind: Deadline.Kind, namespace: String, entity: String, check: String?)
        async throws(StoreError) -> Int

    /// Claims up to `limit` rows of `kind` that expired at or before `now`, earliest first: each is moved in one
    /// atomic step — `expiresAt` re-armed (`Deadline.rearmed`), `expiries` + 1, `owner` = `owner` — so no other
    /// claimer gets it until it expires again.
    /// - Returns: The rows this call moved, as they are after the move.
    /// - Throws: `StoreError` (`.internalError`).
    func claimExpired(kind: Deadline.Kind, now: Double, owner: String, limit: Int) async throws(StoreError)
        -> [Deadline]

    // MARK: Paging

    /// One page of resources (all namespaces when `namespace` is `nil`): those matching `matching`, with a key
    /// (`StoreKey.make(namespace, name)`) after `after`, in key order, at most `limit` (0: all).
    /// Drivers filter in batches as they read, never loading the whole table for one page.
    /// - Throws: `StoreError` (`.internalError`).
    func resourcePage<R: Resource>(
        _ type: R.Type, namespace: String?, after: String?, limit: Int,
        matching: @escaping @Sendable (R) -> Bool
    ) async throws(StoreError) -> StorePage<R>

    /// One page of entities (config joined with state), keyed `StoreKey.make(namespace, name)`; as `resourcePage`.
    /// - Throws: `StoreError` (`.internalError`).
    func entityPage(
        namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (Entity) -> Bool
    ) async throws(StoreError) -> StorePage<Entity>

    /// One page of events, keyed `StoreKey.make(namespace, entity, check)`; as `resourcePage`.
    /// - Throws: `StoreError` (`.internalError`).
    func eventPage(
        namespace: String?, entity: String?, after: String?, limit: Int,
        matching: @escaping @Sendable (Event) -> Bool
    ) async throws(StoreError) -> StorePage<Event>

    // MARK: Change feed

    /// Where the store publishes its committed changes (see the contract above).
    var changeFeed: ChangeFeed { get }
}

extension Store {
    /// Subscribes to the store's change feed (`changeFeed.subscribe`).
    /// - Parameter bufferSize: Changes buffered before the subscriber is resynced.
    public func changes(bufferSize: Int = ChangeFeed.defaultBufferSize) -> ChangeSubscription {
        changeFeed.subscribe(bufferSize: bufferSize)
    }
}
