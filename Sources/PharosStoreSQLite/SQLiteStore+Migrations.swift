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
        return migrator
    }
}
