import GRDB

/// One row of `settings`: a small value under a unique key.
struct SettingRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "settings"

    var key: String
    var value: String
}
