import GRDB
import PharosStore

/// One row of `deadlines` (migration v2): a keepalive or TTL `Deadline` keyed by (kind, namespace, entity, check).
struct DeadlineRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "deadlines"

    var kind: String
    var namespace: String
    var entity: String
    var check: String
    var expiresAt: Double
    var interval: Double
    var lastSeen: Double
    var expiries: Int
    var owner: String

    enum CodingKeys: String, CodingKey {
        case kind, namespace, entity, check, interval, expiries, owner
        case expiresAt = "expires_at"
        case lastSeen = "last_seen"
    }

    init(_ deadline: Deadline) {
        kind = deadline.kind.rawValue
        namespace = deadline.namespace
        entity = deadline.entity
        check = deadline.check
        expiresAt = deadline.expiresAt
        interval = deadline.interval
        lastSeen = deadline.lastSeen
        expiries = deadline.expiries
        owner = deadline.owner
    }

    /// The row as a `Deadline`, or `nil` for a kind this build does not know.
    var deadline: Deadline? {
        Deadline.Kind(rawValue: kind).map {
            Deadline(
                kind: $0, namespace: namespace, entity: entity, check: check, expiresAt: expiresAt,
                interval: interval, lastSeen: lastSeen, expiries: expiries, owner: owner)
        }
    }
}
