import GRDB

/// One row of `events`: the latest `Event` as JSON keyed by (namespace, entity name, check name).
struct EventRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "events"

    var namespace: String
    var entityName: String
    var checkName: String
    var json: String

    enum CodingKeys: String, CodingKey {
        case namespace, json
        case entityName = "entity_name"
        case checkName = "check_name"
    }

    enum Columns {
        static let namespace = Column(CodingKeys.namespace)
        static let entityName = Column(CodingKeys.entityName)
        static let checkName = Column(CodingKeys.checkName)
    }
}
