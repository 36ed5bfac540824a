import PharosCore

/// One line of the dashboard's events table: what the table shows of an event, not the whole event.
struct DashboardEventRow: Sendable, Hashable, Codable {
    /// Namespace of the event.
    var namespace: String
    /// Entity name.
    var entity: String
    /// Entity class (`agent`, `proxy`, ...).
    var entityClass: String
    /// Check name.
    var check: String
    /// Exit status of the latest result (0 OK, 1 warning, 2 critical, ≥3 unknown).
    var status: UInt32
    /// `passing`, `failing` or `flapping`.
    var state: String
    /// First line of the output.
    var output: String
    /// Unix seconds of the latest result.
    var timestamp: Int64
    /// Unix seconds of the last OK result (0 = never).
    var lastOK: Int64
    /// Consecutive results with this status.
    var occurrences: Int64
    /// Whether a silence covers the event.
    var silenced: Bool

    enum CodingKeys: String, CodingKey {
        case namespace, entity, check, status, state, output, timestamp, occurrences, silenced
        case entityClass = "entity_class"
        case lastOK = "last_ok"
    }

    /// The row of `event`, or `nil` for an event without a check.
    init?(_ event: Event) {
        guard let check = event.check else { return nil }
        namespace = event.metadata.namespace.isEmpty ? check.metadata.namespace : event.metadata.namespace
        entity = event.entity?.metadata.name ?? ""
        entityClass = event.entity?.entityClass ?? ""
        self.check = check.metadata.name
        status = check.status
        state = check.state
        output = String(check.output.prefix { $0 != "\n" }.prefix(300))
        timestamp = event.timestamp
        lastOK = check.lastOK
        occurrences = check.occurrences
        silenced = check.isSilenced
    }

    /// Severity rank for sorting, worst first: critical, warning, unknown, OK.
    var severity: Int {
        switch status {
        case 0: 3
        case 1: 1
        case 2: 0
        default: 2
        }
    }
}
