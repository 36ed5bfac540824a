/// The schema generation of the SQLite store (migrations are numbered and append-only).
public enum SQLiteStoreVersion {
    /// The number of the newest migration this build knows.
    public static let latestMigration = 2
}
