import GRDB

/// One row of `resources`: a resource's JSON keyed by (type alias, namespace, name). Cluster-wide types use `""`.
struct ResourceRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "resources"

    var type: String
    var namespace: String
    var name: String
    var json: String

    enum Columns {
        static let type = Column(CodingKeys.type)
        static let namespace = Column(CodingKeys.namespace)
        static let name = Column(CodingKeys.name)
    }
}
