import GRDB

/// One row of `entity_configs`: an `EntityConfig` as JSON keyed by (namespace, name).
struct EntityConfigRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "entity_configs"

    var namespace: String
    var name: String
    var json: String

    enum Columns {
        static let namespace = Column(CodingKeys.namespace)
        static let name = Column(CodingKeys.name)
    }
}
