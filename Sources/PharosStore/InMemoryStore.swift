public import PharosCore

/// The reference `Store`: everything in memory, for tests and as the model the database drivers must match.
public actor InMemoryStore: Store {
    private struct Key: Hashable, Comparable {
        var type: ResourceType
        var namespace: String
        var name: String

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
        }
    }

    private struct EventKey: Hashable, Comparable {
        var namespace: String
        var entity: String
        var check: String

        static func < (lhs: EventKey, rhs: EventKey) -> Bool {
            (lhs.namespace, lhs.entity, lhs.check) < (rhs.namespace, rhs.entity, rhs.check)
        }
    }

    private var resourcesByKey: [Key: any Resource] = [:]
    private var entityConfigs: [Key: EntityConfig] = [:]
    private var entityStates: [Key: EntityState] = [:]
    private var eventsByKey: [EventKey: Event] = [:]
    private var settings: [String: String] = [:]

    /// Creates an empty store.
    public init() {}

    private static func key<R: Resource>(_ resource: R) -> Key {
        let namespace = R.resourceType.isNamespaced ? resource.metadata.namespace : ""
        return Key(type: R.resourceType, namespace: namespace, name: resource.metadata.name)
    }

    public func resource<R: Resource>(_ type: R.Type, namespace: String, name: String) throws(StoreError) -> R? {
        let scoped = R.resourceType.isNamespaced ? namespace : ""
        return resourcesByKey[Key(type: R.resourceType, namespace: scoped, name: name)] as? R
    }

    public func resources<R: Resource>(_ type: R.Type, namespace: String?) throws(StoreError) -> [R] {
        resourcesByKey.keys
            .filter { $0.type == R.resourceType && (namespace == nil || $0.namespace == namespace) }
            .sorted()
            .compactMap { resourcesByKey[$0] as? R }
    }

    public func createResource<R: Resource>(_ resource: R) throws(StoreError) {
        let key = Self.key(resource)
        guard resourcesByKey[key] == nil else {
            throw .alreadyExists(R.resourceType.typeName, namespace: key.namespace, name: key.name)
        }
        resourcesByKey[key] = resource
    }

    public func putResource<R: Resource>(_ resource: R) throws(StoreError) {
        resourcesByKey[Self.key(resource)] = resource
    }

    public func deleteResource(_ type: ResourceType, namespace: String, name: String) throws(StoreError) -> Bool {
        let scoped = type.isNamespaced ? namespace : ""
        return resourcesByKey.removeValue(forKey: Key(type: type, namespace: scoped, name: name)) != nil
    }

    public func entityConfig(namespace: String, name: String) throws(StoreError) -> EntityConfig? {
        entityConfigs[Key(type: .entity, namespace: namespace, name: name)]
    }

    public func putEntityConfig(_ config: EntityConfig) throws(StoreError) {
        entityConfigs[Key(type: .entity, namespace: config.metadata.namespace, name: config.metadata.name)] = config
    }

    public func entityState(namespace: String, name: String) throws(StoreError) -> EntityState? {
        entityStates[Key(type: .entity, namespace: namespace, name: name)]
    }

    public func putEntityState(_ state: EntityState) throws(StoreError) {
        entityStates[Key(type: .entity, namespace: state.metadata.namespace, name: state.metadata.name)] = state
    }

    public func entities(namespace: String?) throws(StoreError) -> [Entity] {
        entityConfigs.keys
            .filter { namespace == nil || $0.namespace == namespace }
            .sorted()
            .compactMap { key in
                guard let config = entityConfigs[key] else { return nil }
                let state = entityStates[key] ?? EntityState(metadata: config.metadata)
                return Entity(config: config, state: state)
            }
    }

    public func deleteEntity(namespace: String, name: String) throws(StoreError) -> Bool {
        let key = Key(type: .entity, namespace: namespace, name: name)
        entityStates.removeValue(forKey: key)
        for eventKey in eventsByKey.keys where eventKey.namespace == namespace && eventKey.entity == name {
            eventsByKey.removeValue(forKey: eventKey)
        }
        return entityConfigs.removeValue(forKey: key) != nil
    }

    public func event(namespace: String, entity: String, check: String) throws(StoreError) -> Event? {
        eventsByKey[EventKey(namespace: namespace, entity: entity, check: check)]
    }

    public func events(namespace: String?, entity: String?) throws(StoreError) -> [Event] {
        eventsByKey.keys
            .filter { (namespace == nil || $0.namespace == namespace) && (entity == nil || $0.entity == entity) }
            .sorted()
            .compactMap { eventsByKey[$0] }
    }

    public func putEvent(_ event: Event) throws(StoreError) {
        let key = try EventStorageKey(event)
        eventsByKey[EventKey(namespace: key.namespace, entity: key.entity, check: key.check)] = event
    }

    public func deleteEvent(namespace: String, entity: String, check: String) throws(StoreError) -> Bool {
        eventsByKey.removeValue(forKey: EventKey(namespace: namespace, entity: entity, check: check)) != nil
    }

    public func setting(_ key: String) throws(StoreError) -> String? {
        settings[key]
    }

    public func putSetting(_ key: String, value: String) throws(StoreError) {
        settings[key] = value
    }
}
