public import PharosCore

/// One committed write, as the change feed publishes it (DESIGN.md §Store, change feed).
///
/// Small on purpose: keys and versions, never whole events, but precise enough for a cache to invalidate exactly
/// what changed. `sequence` increases by one per published change of a store (a PostgreSQL driver will take it from a
/// database sequence, so a subscriber can catch up from the last number it saw after a `StoreFeedItem.resync`).
public struct StoreChange: Sendable, Hashable {
    /// What happened to the subject.
    public enum Operation: String, Sendable, Hashable, Codable {
        /// A resource that did not exist was stored.
        case created
        /// An existing resource was replaced.
        case updated
        /// An entity part or an event was stored (created or replaced: drivers need not tell which).
        case stored
        /// The subject was deleted.
        case deleted
    }

    /// What was written.
    public enum Subject: Sendable, Hashable {
        /// A resource of the generic resource methods (every type but Entity and Event; silences are resources of
        /// type `.silenced`). Cluster-wide types have the namespace `""`.
        case resource(type: ResourceType, namespace: String, name: String)
        /// The configuration part of an entity (`putEntityConfig`).
        case entityConfig(namespace: String, name: String)
        /// The state part of an entity (`putEntityState`: `last_seen`, system).
        case entityState(namespace: String, name: String)
        /// A whole entity: only with `.deleted` (`deleteEntity`), which also removed its state and every event of it.
        case entity(namespace: String, name: String)
        /// The latest event of `(namespace, entity, check)` (`putEvent`, `deleteEvent`).
        case event(namespace: String, entity: String, check: String)
    }

    /// Position in the store's feed: 1 for the first change, then one more per change, in commit order.
    public var sequence: UInt64
    /// What was written.
    public var subject: Subject
    /// How.
    public var operation: Operation
    /// The resource's version after the write (`ResourceVersion`, the API's ETag without quotes); `nil` for deletes
    /// and for entities and events.
    public var version: String?

    /// Creates a change. Drivers pass `sequence: 0`: `ChangeFeed.publish` numbers changes as it publishes them.
    public init(sequence: UInt64 = 0, subject: Subject, operation: Operation, version: String? = nil) {
        self.sequence = sequence
        self.subject = subject
        self.operation = operation
        self.version = version
    }
}
