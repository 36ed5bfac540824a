import GRDB

/// One row of `entity_states`: an `EntityState` as JSON keyed by (namespace, name).
struct EntityStateRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "entity_states"

    var namespace: String
    var name: String
    var json: String

    enum Columns {
        static let namespace = Column(CodingKeys.namespace)
        static let name = Column(CodingKeys.name)
    }
}
