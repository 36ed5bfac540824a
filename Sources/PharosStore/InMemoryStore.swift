public import PharosCore

/// The reference `Store`: everything in memory, for tests and as the model the database drivers must match.
/// Every write publishes its changes on `changeFeed` before it returns (the actor serialises writes, so the feed's
/// order is the order of the writes).
public actor InMemoryStore: Store {
    private struct Key: Hashable {
        var type: ResourceType
        var namespace: String
        var name: String

        var listingKey: String { StoreKey.make(namespace, name) }
    }

    private struct EventKey: Hashable {
        var namespace: String
        var entity: String
        var check: String

        var listingKey: String { StoreKey.make(namespace, entity, check) }
    }

    private struct DeadlineKey: Hashable {
        var kind: Deadline.Kind
        var namespace: String
        var entity: String
        var check: String

        var listingKey: String { StoreKey.make(namespace, entity, check) }
    }

    private var resourcesByKey: [Key: any Resource] = [:]
    private var entityConfigs: [Key: EntityConfig] = [:]
    private var entityStates: [Key: EntityState] = [:]
    private var eventsByKey: [EventKey: Event] = [:]
    private var settings: [String: String] = [:]
    private var deadlineRows: [DeadlineKey: Deadline] = [:]

    /// Where the store publishes its changes.
    public nonisolated let changeFeed: ChangeFeed

    /// Creates an empty store.
    /// - Parameter changeFeed: The feed to publish on (a new one by default).
    public init(changeFeed: ChangeFeed = ChangeFeed()) {
        self.changeFeed = changeFeed
    }

    private static func key<R: Resource>(_ resource: R) -> Key {
        let namespace = R.resourceType.isNamespaced ? resource.metadata.namespace : ""
        return Key(type: R.resourceType, namespace: namespace, name: resource.metadata.name)
    }

    private func publish(_ subject: StoreChange.Subject, _ operation: StoreChange.Operation, version: String? = nil) {
        changeFeed.publish([StoreChange(subject: subject, operation: operation, version: version)])
    }

    private static func sortedByListingKey<K>(_ keys: some Sequence<K>, _ listingKey: (K) -> String) -> [K] {
        keys.map { (listingKey($0), $0) }.sorted { StoreKey.precedes($0.0, $1.0) }.map(\.1)
    }

    private static func page<T: Sendable>(
        _ keyed: [(key: String, item: T)], after: String?, limit: Int, matching: (T) -> Bool
    ) -> StorePage<T> {
        var items: [T] = []
        var lastKey: String?
        for entry in keyed where StoreKey.isAfter(entry.key, after) && matching(entry.item) {
            if limit > 0, items.count == limit { return StorePage(items: items, next: lastKey) }
            items.append(entry.item)
            lastKey = entry.key
        }
        return StorePage(items: items, next: nil)
    }

    // MARK: Resources

    public func resource<R: Resource>(_ type: R.Type, namespace: String, name: String) throws(StoreError) -> R? {
        let scoped = R.resourceType.isNamespaced ? namespace : ""
        return resourcesByKey[Key(type: R.resourceType, namespace: scoped, name: name)] as? R
    }

    public func resources<R: Resource>(_ type: R.Type, namespace: String?) throws(StoreError) -> [R] {
        let keys = resourcesByKey.keys.filter {
            $0.type == R.resourceType && (namespace == nil || $0.namespace == namespace)
        }
        return Self.sortedByListingKey(keys, \.listingKey).compactMap { resourcesByKey[$0] as? R }
    }

    public func createResource<R: Resource>(_ resource: R) throws(StoreError) {
        let key = Self.key(resource)
        guard resourcesByKey[key] == nil else {
            throw .alreadyExists(R.resourceType.typeName, namespace: key.namespace, name: key.name)
        }
        resourcesByKey[key] = resource
        publish(
            .resource(type: key.type, namespace: key.namespace, name: key.name), .created,
            version: ResourceVersion.of(resource))
    }

    public func putResource<R: Resource>(_ resource: R) throws(StoreError) {
        let key = Self.key(resource)
        let existed = resourcesByKey.updateValue(resource, forKey: key) != nil
        publish(
            .resource(type: key.type, namespace: key.namespace, name: key.name), existed ? .updated : .created,
            version: ResourceVersion.of(resource))
    }

    @discardableResult
    public func replaceResource<R: Resource>(_ resource: R, expectedVersion: String?) throws(StoreError) -> String {
        let key = Self.key(resource)
        let current = (resourcesByKey[key] as? R).map { ResourceVersion.of($0) }
        guard current == expectedVersion else {
            throw .conflict(R.resourceType.typeName, namespace: key.namespace, name: key.name)
        }
        resourcesByKey[key] = resource
        let version = ResourceVersion.of(resource)
        publish(
            .resource(type: key.type, namespace: key.namespace, name: key.name),
            current == nil ? .created : .updated, version: version)
        return version
    }

    public func deleteResource(_ type: ResourceType, namespace: String, name: String) throws(StoreError) -> Bool {
        let scoped = type.isNamespaced ? namespace : ""
        guard resourcesByKey.removeValue(forKey: Key(type: type, namespace: scoped, name: name)) != nil else {
            return false
        }
        publish(.resource(type: type, namespace: scoped, name: name), .deleted)
        return true
    }

    public func resourcePage<R: Resource>(
        _ type: R.Type, namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (R) -> Bool
    ) throws(StoreError) -> StorePage<R> {
        let keyed = try resources(R.self, namespace: namespace).map {
            (key: StoreKey.make(R.resourceType.isNamespaced ? $0.metadata.namespace : "", $0.metadata.name), item: $0)
        }
        return Self.page(keyed, after: after, limit: limit, matching: matching)
    }

    // MARK: Entities

    public func entityConfig(namespace: String, name: String) throws(StoreError) -> EntityConfig? {
        entityConfigs[Key(type: .entity, namespace: namespace, name: name)]
    }

    public func putEntityConfig(_ config: EntityConfig) throws(StoreError) {
        let namespace = config.metadata.namespace
        let name = config.metadata.name
        entityConfigs[Key(type: .entity, namespace: namespace, name: name)] = config
        publish(.entityConfig(namespace: namespace, name: name), .stored)
    }

    public func entityState(namespace: String, name: String) throws(StoreError) -> EntityState? {
        entityStates[Key(type: .entity, namespace: namespace, name: name)]
    }

    public func putEntityState(_ state: EntityState) throws(StoreError) {
        let namespace = state.metadata.namespace
        let name = state.metadata.name
        entityStates[Key(type: .entity, namespace: namespace, name: name)] = state
        publish(.entityState(namespace: namespace, name: name), .stored)
    }

    public func entities(namespace: String?) throws(StoreError) -> [Entity] {
        let keys = entityConfigs.keys.filter { namespace == nil || $0.namespace == namespace }
        return Self.sortedByListingKey(keys, \.listingKey).compactMap { key in
            guard let config = entityConfigs[key] else { return nil }
            let state = entityStates[key] ?? EntityState(metadata: config.metadata)
            return Entity(config: config, state: state)
        }
    }

    public func entityPage(
        namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (Entity) -> Bool
    ) throws(StoreError) -> StorePage<Entity> {
        let keyed = try entities(namespace: namespace).map {
            (key: StoreKey.make($0.metadata.namespace, $0.metadata.name), item: $0)
        }
        return Self.page(keyed, after: after, limit: limit, matching: matching)
    }

    public func deleteEntity(namespace: String, name: String) throws(StoreError) -> Bool {
        let key = Key(type: .entity, namespace: namespace, name: name)
        let hadState = entityStates.removeValue(forKey: key) != nil
        var hadEvents = false
        for eventKey in eventsByKey.keys where eventKey.namespace == namespace && eventKey.entity == name {
            eventsByKey.removeValue(forKey: eventKey)
            hadEvents = true
        }
        for deadlineKey in deadlineRows.keys where deadlineKey.namespace == namespace && deadlineKey.entity == name {
            deadlineRows.removeValue(forKey: deadlineKey)
        }
        let existed = entityConfigs.removeValue(forKey: key) != nil
        if existed || hadState || hadEvents { publish(.entity(namespace: namespace, name: name), .deleted) }
        return existed
    }

    // MARK: Events

    public func event(namespace: String, entity: String, check: String) throws(StoreError) -> Event? {
        eventsByKey[EventKey(namespace: namespace, entity: entity, check: check)]
    }

    public func events(namespace: String?, entity: String?) throws(StoreError) -> [Event] {
        let keys = eventsByKey.keys.filter {
            (namespace == nil || $0.namespace == namespace) && (entity == nil || $0.entity == entity)
        }
        return Self.sortedByListingKey(keys, \.listingKey).compactMap { eventsByKey[$0] }
    }

    public func eventPage(
        namespace: String?, entity: String?, after: String?, limit: Int, matching: @escaping @Sendable (Event) -> Bool
    ) throws(StoreError) -> StorePage<Event> {
        let keys = eventsByKey.keys.filter {
            (namespace == nil || $0.namespace == namespace) && (entity == nil || $0.entity == entity)
        }
        let keyed = Self.sortedByListingKey(keys, \.listingKey).compactMap { key in
            eventsByKey[key].map { (key: key.listingKey, item: $0) }
        }
        return Self.page(keyed, after: after, limit: limit, matching: matching)
    }

    public func putEvent(_ event: Event) throws(StoreError) {
        let key = try EventStorageKey(event)
        eventsByKey[EventKey(namespace: key.namespace, entity: key.entity, check: key.check)] = event
        publish(.event(namespace: key.namespace, entity: key.entity, check: key.check), .stored)
    }

    public func deleteEvent(namespace: String, entity: String, check: String) throws(StoreError) -> Bool {
        guard eventsByKey.removeValue(forKey: EventKey(namespace: namespace, entity: entity, check: check)) != nil
        else { return false }
        publish(.event(namespace: namespace, entity: entity, check: check), .deleted)
        return true
    }

    // MARK: Settings

    public func setting(_ key: String) throws(StoreError) -> String? {
        settings[key]
    }

    public func putSetting(_ key: String, value: String) throws(StoreError) {
        settings[key] = value
    }

    public func createSettingIfAbsent(_ key: String, value: String) throws(StoreError) -> String {
        if let existing = settings[key] { return existing }
        settings[key] = value
        return value
    }

    public func deleteSetting(_ key: String) throws(StoreError) -> Bool {
        settings.removeValue(forKey: key) != nil
    }

    // MARK: Deadlines

    public func putDeadline(_ deadline: Deadline) throws(StoreError) {
        let key = DeadlineKey(
            kind: deadline.kind, namespace: deadline.namespace, entity: deadline.entity, check: deadline.check)
        deadlineRows[key] = deadline
    }

    public func deadline(_ kind: Deadline.Kind, namespace: String, entity: String, check: String) throws(StoreError)
        -> Deadline?
    {
        deadlineRows[DeadlineKey(kind: kind, namespace: namespace, entity: entity, check: check)]
    }

    public func deadlines(_ kind: Deadline.Kind) throws(StoreError) -> [Deadline] {
        Self.sortedByListingKey(deadlineRows.keys.filter { $0.kind == kind }, \.listingKey).compactMap {
            deadlineRows[$0]
        }
    }

    public func deleteDeadlines(_ kind: Deadline.Kind, namespace: String, entity: String, check: String?)
        throws(StoreError) -> Int
    {
        var deleted = 0
        for key in deadlineRows.keys
        where key.kind == kind && key.namespace == namespace && key.entity == entity
            && (check == nil || key.check == check)
        {
            deadlineRows.removeValue(forKey: key)
            deleted += 1
        }
        return deleted
    }

    public func claimExpired(kind: Deadline.Kind, now: Double, owner: String, limit: Int) throws(StoreError)
        -> [Deadline]
    {
        let expired = deadlineRows.filter { $0.key.kind == kind && $0.value.expiresAt <= now }
            .sorted { ($0.value.expiresAt, $0.key.listingKey) < ($1.value.expiresAt, $1.key.listingKey) }
            .prefix(max(0, limit))
        var claimed: [Deadline] = []
        for (key, var row) in expired {
            row.expiresAt = Deadline.rearmed(row.expiresAt, interval: row.interval, now: now)
            row.expiries += 1
            row.owner = owner
            deadlineRows[key] = row
            claimed.append(row)
        }
        return claimed
    }
}
