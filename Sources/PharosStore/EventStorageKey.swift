public import PharosCore

/// The storage key of an event, `(namespace, entity name, check name)` (reference §1.13), shared by every driver.
public struct EventStorageKey: Sendable, Hashable {
    /// The event's namespace (event metadata, else the entity's).
    public var namespace: String
    /// The entity name.
    public var entity: String
    /// The check name.
    public var check: String

    /// Derives the key of a storable event.
    /// - Throws: `StoreError` `.invalid` for a metrics-only event or one without an entity or check name.
    public init(_ event: Event) throws(StoreError) {
        guard let check = event.check else {
            throw StoreError(.invalid, "metrics-only events are not stored")
        }
        guard let entity = event.entity, !entity.metadata.name.isEmpty else {
            throw StoreError(.invalid, "event has no entity name")
        }
        guard !check.metadata.name.isEmpty else {
            throw StoreError(.invalid, "event check has no name")
        }
        let namespace = event.metadata.namespace.isEmpty ? entity.metadata.namespace : event.metadata.namespace
        self.namespace = namespace
        self.entity = entity.metadata.name
        self.check = check.metadata.name
    }
}
