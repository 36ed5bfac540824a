/// One change the dashboard's live view is told about: what kind of thing changed and where. Pages re-read what
/// they show after a change; the change carries no resource body, so it can never show more than the reader's own
/// API request would.
public struct DashboardChange: Sendable, Hashable, Codable {
    /// What changed.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The latest event of (namespace, entity, check) was stored or deleted; `name` is `entity/check`.
        case event
        /// An entity's configuration or state was stored, or the entity was deleted.
        case entity
        /// Another resource (check, handler, silence, ...) was stored or deleted; `type` names its API type.
        case resource
        /// Changes were lost (a slow reader's buffer overflowed, or the feed restarted): re-read everything.
        case resync
    }

    /// What changed.
    public var kind: Kind
    /// Its namespace (`""` for cluster-wide resources and for `resync`).
    public var namespace: String
    /// The core/v2 type name for `resource` changes (`CheckConfig`, `Silenced`, ...), else `""`.
    public var type: String
    /// Its name (`entity/check` for events; `""` for `resync`).
    public var name: String
    /// Whether it was deleted (else created or updated).
    public var deleted: Bool

    /// Creates a change.
    public init(kind: Kind, namespace: String = "", type: String = "", name: String = "", deleted: Bool = false) {
        self.kind = kind
        self.namespace = namespace
        self.type = type
        self.name = name
        self.deleted = deleted
    }

    /// The marker telling a reader to re-read everything.
    public static let resync = DashboardChange(kind: .resync)
}
