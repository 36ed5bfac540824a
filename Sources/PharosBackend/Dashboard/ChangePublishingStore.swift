public import PharosCore
public import PharosStore

/// A `Store` that tells a `ChangeBroadcaster` about every write that succeeded through it; reads pass straight
/// through.
///
/// This is the dashboard's interim change feed: it sees the writes of this backend process only (every component of
/// `pharos-backend` writes through it), with no polling. The store's own change feed, which also sees other
/// backends' writes, replaces it behind `DashboardChangeSource`.
public struct ChangePublishingStore: Store {
    /// The wrapped store.
    public let base: any Store
    /// Where changes go.
    public let changes: ChangeBroadcaster

    /// Wraps `base`, publishing its successful writes to `changes`.
    public init(_ base: any Store, changes: ChangeBroadcaster) {
        self.base = base
        self.changes = changes
    }

    private func published<R: Resource>(_ resource: R, deleted: Bool = false) {
        changes.publish(
            DashboardChange(
                kind: .resource, namespace: resource.metadata.namespace, type: R.resourceType.typeName,
                name: resource.metadata.name, deleted: deleted))
    }

    /// `base.resource`. - Throws: what the wrapped store throws (`StoreError`).
    public func resource<R: Resource>(_ type: R.Type, namespace: String, name: String) async throws(StoreError) -> R? {
        try await base.resource(type, namespace: namespace, name: name)
    }

    /// `base.resources`. - Throws: what the wrapped store throws (`StoreError`).
    public func resources<R: Resource>(_ type: R.Type, namespace: String?) async throws(StoreError) -> [R] {
        try await base.resources(type, namespace: namespace)
    }

    /// `base.createResource`, then a `resource` change. - Throws: what the wrapped store throws (`StoreError`).
    public func createResource<R: Resource>(_ resource: R) async throws(StoreError) {
        try await base.createResource(resource)
        published(resource)
    }

    /// `base.putResource`, then a `resource` change. - Throws: what the wrapped store throws (`StoreError`).
    public func putResource<R: Resource>(_ resource: R) async throws(StoreError) {
        try await base.putResource(resource)
        published(resource)
    }

    /// `base.deleteResource`, then a `resource` change when it existed.
    /// - Throws: what the wrapped store throws (`StoreError`).
    public func deleteResource(_ type: ResourceType, namespace: String, name: String) async throws(StoreError) -> Bool {
        let existed = try await base.deleteResource(type, namespace: namespace, name: name)
        if existed {
            changes.publish(
                DashboardChange(
                    kind: .resource, namespace: namespace, type: type.typeName, name: name, deleted: true))
        }
        return existed
    }

    /// `base.entityConfig`. - Throws: what the wrapped store throws (`StoreError`).
    public func entityConfig(namespace: String, name: String) async throws(StoreError) -> EntityConfig? {
        try await base.entityConfig(namespace: namespace, name: name)
    }

    /// `base.putEntityConfig`, then an `entity` change. - Throws: what the wrapped store throws (`StoreError`).
    public func putEntityConfig(_ config: EntityConfig) async throws(StoreError) {
        try await base.putEntityConfig(config)
        changes.publish(
            DashboardChange(kind: .entity, namespace: config.metadata.namespace, name: config.metadata.name))
    }

    /// `base.entityState`. - Throws: what the wrapped store throws (`StoreError`).
    public func entityState(namespace: String, name: String) async throws(StoreError) -> EntityState? {
        try await base.entityState(namespace: namespace, name: name)
    }

    /// `base.putEntityState`, then an `entity` change. - Throws: what the wrapped store throws (`StoreError`).
    public func putEntityState(_ state: EntityState) async throws(StoreError) {
        try await base.putEntityState(state)
        changes.publish(
            DashboardChange(kind: .entity, namespace: state.metadata.namespace, name: state.metadata.name))
    }

    /// `base.entities`. - Throws: what the wrapped store throws (`StoreError`).
    public func entities(namespace: String?) async throws(StoreError) -> [Entity] {
        try await base.entities(namespace: namespace)
    }

    /// `base.deleteEntity`, then an `entity` change when it existed.
    /// - Throws: what the wrapped store throws (`StoreError`).
    public func deleteEntity(namespace: String, name: String) async throws(StoreError) -> Bool {
        let existed = try await base.deleteEntity(namespace: namespace, name: name)
        if existed { changes.publish(DashboardChange(kind: .entity, namespace: namespace, name: name, deleted: true)) }
        return existed
    }

    /// `base.event`. - Throws: what the wrapped store throws (`StoreError`).
    public func event(namespace: String, entity: String, check: String) async throws(StoreError) -> Event? {
        try await base.event(namespace: namespace, entity: entity, check: check)
    }

    /// `base.events`. - Throws: what the wrapped store throws (`StoreError`).
    public func events(namespace: String?, entity: String?) async throws(StoreError) -> [Event] {
        try await base.events(namespace: namespace, entity: entity)
    }

    /// `base.putEvent`, then an `event` change. - Throws: what the wrapped store throws (`StoreError`).
    public func putEvent(_ event: Event) async throws(StoreError) {
        try await base.putEvent(event)
        if let key = try? EventStorageKey(event) {
            changes.publish(
                DashboardChange(kind: .event, namespace: key.namespace, name: key.entity + "/" + key.check))
        }
    }

    /// `base.deleteEvent`, then an `event` change when it existed.
    /// - Throws: what the wrapped store throws (`StoreError`).
    public func deleteEvent(namespace: String, entity: String, check: String) async throws(StoreError) -> Bool {
        let existed = try await base.deleteEvent(namespace: namespace, entity: entity, check: check)
        if existed {
            changes.publish(
                DashboardChange(kind: .event, namespace: namespace, name: entity + "/" + check, deleted: true))
        }
        return existed
    }

    /// `base.setting`. - Throws: what the wrapped store throws (`StoreError`).
    public func setting(_ key: String) async throws(StoreError) -> String? {
        try await base.setting(key)
    }

    /// `base.putSetting` (settings are not shown on the dashboard). - Throws: what the wrapped store throws.
    public func putSetting(_ key: String, value: String) async throws(StoreError) {
        try await base.putSetting(key, value: value)
    }

    /// `base.createSettingIfAbsent`. - Throws: what the wrapped store throws (`StoreError`).
    public func createSettingIfAbsent(_ key: String, value: String) async throws(StoreError) -> String {
        try await base.createSettingIfAbsent(key, value: value)
    }

    /// `base.deleteSetting`. - Throws: what the wrapped store throws (`StoreError`).
    public func deleteSetting(_ key: String) async throws(StoreError) -> Bool { try await base.deleteSetting(key) }

    /// `base.replaceResource`, then a `resource` change. - Throws: what the wrapped store throws (`StoreError`).
    @discardableResult
    public func replaceResource<R: Resource>(_ resource: R, expectedVersion: String?) async throws(StoreError)
        -> String
    {
        let version = try await base.replaceResource(resource, expectedVersion: expectedVersion)
        published(resource)
        return version
    }

    /// `base.putDeadline`. - Throws: what the wrapped store throws (`StoreError`).
    public func putDeadline(_ deadline: Deadline) async throws(StoreError) { try await base.putDeadline(deadline) }

    /// `base.deadline`. - Throws: what the wrapped store throws (`StoreError`).
    public func deadline(_ kind: Deadline.Kind, namespace: String, entity: String, check: String)
        async throws(StoreError) -> Deadline?
    {
        try await base.deadline(kind, namespace: namespace, entity: entity, check: check)
    }

    /// `base.deadlines`. - Throws: what the wrapped store throws (`StoreError`).
    public func deadlines(_ kind: Deadline.Kind) async throws(StoreError) -> [Deadline] {
        try await base.deadlines(kind)
    }

    /// `base.deleteDeadlines`. - Throws: what the wrapped store throws (`StoreError`).
    @discardableResult
    public func deleteDeadlines(_ kind: Deadline.Kind, namespace: String, entity: String, check: String?)
        async throws(StoreError) -> Int
    {
        try await base.deleteDeadlines(kind, namespace: namespace, entity: entity, check: check)
    }

    /// `base.claimExpired`. - Throws: what the wrapped store throws (`StoreError`).
    public func claimExpired(kind: Deadline.Kind, now: Double, owner: String, limit: Int) async throws(StoreError)
        -> [Deadline]
    {
        try await base.claimExpired(kind: kind, now: now, owner: owner, limit: limit)
    }

    /// `base.resourcePage`. - Throws: what the wrapped store throws (`StoreError`).
    public func resourcePage<R: Resource>(
        _ type: R.Type, namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (R) -> Bool
    ) async throws(StoreError) -> StorePage<R> {
        try await base.resourcePage(type, namespace: namespace, after: after, limit: limit, matching: matching)
    }

    /// `base.entityPage`. - Throws: what the wrapped store throws (`StoreError`).
    public func entityPage(
        namespace: String?, after: String?, limit: Int, matching: @escaping @Sendable (Entity) -> Bool
    ) async throws(StoreError) -> StorePage<Entity> {
        try await base.entityPage(namespace: namespace, after: after, limit: limit, matching: matching)
    }

    /// `base.eventPage`. - Throws: what the wrapped store throws (`StoreError`).
    public func eventPage(
        namespace: String?, entity: String?, after: String?, limit: Int, matching: @escaping @Sendable (Event) -> Bool
    ) async throws(StoreError) -> StorePage<Event> {
        try await base.eventPage(namespace: namespace, entity: entity, after: after, limit: limit, matching: matching)
    }

    /// The wrapped store's change feed.
    public var changeFeed: ChangeFeed { base.changeFeed }
}
