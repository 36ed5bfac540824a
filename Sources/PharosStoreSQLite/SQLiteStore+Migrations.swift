import GRDB

extension SQLiteStore {
    /// The numbered, append-only migrations (`v1`, `v2`, …). Never edit a registered migration; add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: ResourceRow.databaseTableName) { table in
                table.column("type", .text).notNull()
                table.column("namespace", .text).notNull()
                table.column("name", .text).notNull()
                table.column("json", .text).notNull()
                table.primaryKey(["type", "namespace", "name"])
            }
            try db.create(table: EntityConfigRow.databaseTableName) { table in
                table.column("namespace", .text).notNull()
                table.column("name", .text).notNull()
                table.column("json", .text).notNull()
                table.primaryKey(["namespace", "name"])
            }
            try db.create(table: EntityStateRow.databaseTableName) { table in
                table.column("namespace", .text).notNull()
                table.column("name", .text).notNull()
                table.column("json", .text).notNull()
                table.primaryKey(["namespace", "name"])
            }
            try db.create(table: EventRow.databaseTableName) { table in
                table.column("namespace", .text).notNull()
                table.column("entity_name", .text).notNull()
                table.column("check_name", .text).notNull()
                table.column("json", .text).notNull()
                table.primaryKey(["namespace", "entity_name", "check_name"])
            }
            try db.create(table: SettingRow.databaseTableName) { table in
                table.column("key", .text).notNull().primaryKey()
                table.column("value", .text).notNull()
            }
        }
        // v2: keepalive and TTL deadlines as rows (claimed once by `claimExpired`), replacing the settings blobs
        // `keepalive.deadlines` / `ttl.deadlines`, which the monitors convert into rows at their first load.
        migrator.registerMigration("v2") { db in
            try db.create(table: DeadlineRow.databaseTableName) { table in
                table.column("kind", .text).notNull()
                table.column("namespace", .text).notNull()
                table.column("entity", .text).notNull()
                table.column("check", .text).notNull()
                table.column("expires_at", .double).notNull()
                table.column("interval", .double).notNull()
                table.column("last_seen", .double).notNull()
                table.column("expiries", .integer).notNull()
                table.column("owner", .text).notNull()
                table.primaryKey(["kind", "namespace", "entity", "check"])
            }
            try db.create(
                index: "deadlines_by_expiry", on: DeadlineRow.databaseTableName, columns: ["kind", "expires_at"])
        }
        return migrator
    }
}
