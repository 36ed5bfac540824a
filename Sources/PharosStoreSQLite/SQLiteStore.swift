import Foundation
import GRDB
public import Logging
public import PharosCore
public import PharosStore

/// The embedded `Store` driver: SQLite through a GRDB `DatabasePool` in WAL mode (DESIGN.md §Store).
///
/// Every value is kept as the JSON of its Pharos model: resources keyed by (type alias, namespace, name), entity
/// configs and states by (namespace, name), the latest event by (namespace, entity, check), and settings by key.
/// The schema is created and upgraded by numbered migrations when the store opens.
///
/// Upserts (events, entities, settings, `putResource`) go through one `GroupCommitWriter`: concurrent writes share
/// a transaction (group commit), each in its own savepoint. The database runs with `synchronous = NORMAL` (WAL):
/// no fsync per commit; a committed write survives a crash of the process, and a power loss can lose only the last
/// commits since the WAL's last sync, never corrupt the file (SQLite WAL documentation).
public final class SQLiteStore: Store {
    /// The database file name inside the state directory.
    public static let fileName = "pharos.db"

    private let pool: DatabasePool
    private let writer: GroupCommitWriter
    private let logger: Logger

    /// Opens (creating if needed) the database at `path` and runs the pending migrations.
    /// - Parameters:
    ///   - path: The SQLite file, e.g. `/var/lib/pharos/pharos.db`.
    ///   - logger: Where database failures are logged (at `.debug`; callers log user-facing failures).
    /// - Throws: `StoreError` `.internalError` when the file cannot be opened or migrated.
    public init(path: String, logger: Logger = Logger(label: "pharos.store.sqlite")) throws(StoreError) {
        self.logger = logger
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            self.pool = pool
            writer = GroupCommitWriter(pool: pool)
        } catch {
            throw StoreError(.internalError, "cannot open the database at \(path)", debug: String(describing: error))
        }
    }

    /// Opens `<stateDirectory>/pharos.db`, creating the directory when it is missing.
    /// - Throws: `StoreError` `.internalError` when the directory or the database cannot be created.
    public convenience init(stateDirectory: String, logger: Logger = Logger(label: "pharos.store.sqlite"))
        throws(StoreError)
    {
        do {
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                .internalError, "cannot create the state directory \(stateDirectory)", debug: String(describing: error))
        }
        try self.init(path: (stateDirectory as NSString).appendingPathComponent(Self.fileName), logger: logger)
    }

    /// Whether `<stateDirectory>/pharos.db` exists.
    public static func exists(stateDirectory: String) -> Bool {
        FileManager.default.fileExists(atPath: (stateDirectory as NSString).appendingPathComponent(fileName))
    }

    /// Transactions the group-commit writer committed since the store opened (fewer than `committedWrites` when
    /// concurrent writes shared a commit).
    public var committedTransactions: Int { get async { await writer.transactions } }

    /// Writes the group-commit writer committed since the store opened.
    public var committedWrites: Int { get async { await writer.writes } }

    // MARK: Helpers

    private func guarded<T>(_ action: String, _ body: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch {
            logger.debug("database failure", metadata: ["action": "\(action)", "error": "\(error)"])
            throw StoreError(.internalError, "database failure while \(action)", debug: String(describing: error))
        }
    }

    private static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    private static func scoped(_ type: ResourceType, _ namespace: String) -> String {
        type.isNamespaced ? namespace : ""
    }

    // MARK: Resources

    public func resource<R: Resource>(_ type: R.Type, namespace: String, name: String) async throws(StoreError) -> R? {
        let key = [R.resourceType.alias, Self.scoped(R.resourceType, namespace), name]
        return try await guarded("reading a resource") {
            let row = try await pool.read { db in
                try ResourceRow.fetchOne(db, key: ["type": key[0], "namespace": key[1], "name": key[2]])
            }
            return try row.map { try Self.decode(R.self, $0.json) }
        }
    }

    public func resources<R: Resource>(_ type: R.Type, namespace: String?) async throws(StoreError) -> [R] {
        let alias = R.resourceType.alias
        return try await guarded("listing resources") {
            let rows = try await pool.read { db in
                var request = ResourceRow.filter(ResourceRow.Columns.type == alias)
                if let namespace { request = request.filter(ResourceRow.Columns.namespace == namespace) }
                return try request.order(ResourceRow.Columns.namespace, ResourceRow.Columns.name).fetchAll(db)
            }
            return try rows.map { try Self.decode(R.self, $0.json) }
        }
    }

    public func createResource<R: Resource>(_ resource: R) async throws(StoreError) {
        let namespace = Self.scoped(R.resourceType, resource.metadata.namespace)
        let name = resource.metadata.name
        let inserted = try await guarded("creating a resource") {
            let row = ResourceRow(
                type: R.resourceType.alias, namespace: namespace, name: name, json: try Self.encode(resource))
            return try await pool.write { db -> Bool in
                if try row.exists(db) { return false }
                try row.insert(db)
                return true
            }
        }
        if !inserted { throw .alreadyExists(R.resourceType.typeName, namespace: namespace, name: name) }
    }

    public func putResource<R: Resource>(_ resource: R) async throws(StoreError) {
        try await guarded("storing a resource") {
            let row = ResourceRow(
                type: R.resourceType.alias, namespace: Self.scoped(R.resourceType, resource.metadata.namespace),
                name: resource.metadata.name, json: try Self.encode(resource))
            try await writer.submit { db in try row.upsert(db) }
        }
    }

    public func deleteResource(_ type: ResourceType, namespace: String, name: String) async throws(StoreError) -> Bool {
        let key: [String: String] = ["type": type.alias, "namespace": Self.scoped(type, namespace), "name": name]
        return try await guarded("deleting a resource") {
            try await pool.write { db in try ResourceRow.deleteOne(db, key: key) }
        }
    }

    // MARK: Entities
    // The hot reads (entity config/state, event by key) use cached prepared statements: building the SQL of a
    // `fetchOne(db, key:)` each time cost ≈ 8 % of the backend's CPU under 400 keepalives/s.

    public func entityConfig(namespace: String, name: String) async throws(StoreError) -> EntityConfig? {
        try await guarded("reading an entity") {
            let row = try await pool.read { db in
                try SQLRequest<EntityConfigRow>(
                    sql: "SELECT * FROM \(EntityConfigRow.databaseTableName) WHERE namespace = ? AND name = ?",
                    arguments: [namespace, name], cached: true
                ).fetchOne(db)
            }
            return try row.map { try Self.decode(EntityConfig.self, $0.json) }
        }
    }

    public func putEntityConfig(_ config: EntityConfig) async throws(StoreError) {
        try await guarded("storing an entity") {
            let row = EntityConfigRow(
                namespace: config.metadata.namespace, name: config.metadata.name, json: try Self.encode(config))
            try await writer.submit { db in try row.upsert(db) }
        }
    }

    public func entityState(namespace: String, name: String) async throws(StoreError) -> EntityState? {
        try await guarded("reading an entity state") {
            let row = try await pool.read { db in
                try SQLRequest<EntityStateRow>(
                    sql: "SELECT * FROM \(EntityStateRow.databaseTableName) WHERE namespace = ? AND name = ?",
                    arguments: [namespace, name], cached: true
                ).fetchOne(db)
            }
            return try row.map { try Self.decode(EntityState.self, $0.json) }
        }
    }

    public func putEntityState(_ state: EntityState) async throws(StoreError) {
        try await guarded("storing an entity state") {
            let row = EntityStateRow(
                namespace: state.metadata.namespace, name: state.metadata.name, json: try Self.encode(state))
            try await writer.submit { db in try row.upsert(db) }
        }
    }

    public func entities(namespace: String?) async throws(StoreError) -> [Entity] {
        try await guarded("listing entities") {
            let (configs, states) = try await pool.read { db in
                var configRequest = EntityConfigRow.all()
                var stateRequest = EntityStateRow.all()
                if let namespace {
                    configRequest = configRequest.filter(EntityConfigRow.Columns.namespace == namespace)
                    stateRequest = stateRequest.filter(EntityStateRow.Columns.namespace == namespace)
                }
                let configs = try configRequest.order(EntityConfigRow.Columns.namespace, EntityConfigRow.Columns.name)
                    .fetchAll(db)
                return (configs, try stateRequest.fetchAll(db))
            }
            var stateByKey: [String: String] = [:]
            for row in states { stateByKey[row.namespace + "\u{0}" + row.name] = row.json }
            return try configs.map { row in
                let config = try Self.decode(EntityConfig.self, row.json)
                let state =
                    try stateByKey[row.namespace + "\u{0}" + row.name].map { try Self.decode(EntityState.self, $0) }
                    ?? EntityState(metadata: config.metadata)
                return Entity(config: config, state: state)
            }
        }
    }

    public func deleteEntity(namespace: String, name: String) async throws(StoreError) -> Bool {
        try await guarded("deleting an entity") {
            try await pool.write { db in
                try EntityStateRow.deleteOne(db, key: ["namespace": namespace, "name": name])
                try EventRow
                    .filter(EventRow.Columns.namespace == namespace && EventRow.Columns.entityName == name)
                    .deleteAll(db)
                return try EntityConfigRow.deleteOne(db, key: ["namespace": namespace, "name": name])
            }
        }
    }

    // MARK: Events

    public func event(namespace: String, entity: String, check: String) async throws(StoreError) -> Event? {
        try await guarded("reading an event") {
            let row = try await pool.read { db in
                try SQLRequest<EventRow>(
                    sql:
                        "SELECT * FROM \(EventRow.databaseTableName) WHERE namespace = ? AND entity_name = ? AND check_name = ?",
                    arguments: [namespace, entity, check], cached: true
                ).fetchOne(db)
            }
            return try row.map { try Self.decode(Event.self, $0.json) }
        }
    }

    public func events(namespace: String?, entity: String?) async throws(StoreError) -> [Event] {
        try await guarded("listing events") {
            let rows = try await pool.read { db in
                var request = EventRow.all()
                if let namespace { request = request.filter(EventRow.Columns.namespace == namespace) }
                if let entity { request = request.filter(EventRow.Columns.entityName == entity) }
                return try request.order(
                    EventRow.Columns.namespace, EventRow.Columns.entityName, EventRow.Columns.checkName
                ).fetchAll(db)
            }
            return try rows.map { try Self.decode(Event.self, $0.json) }
        }
    }

    public func putEvent(_ event: Event) async throws(StoreError) {
        let key = try EventStorageKey(event)
        try await guarded("storing an event") {
            let row = EventRow(
                namespace: key.namespace, entityName: key.entity, checkName: key.check, json: try Self.encode(event))
            try await writer.submit { db in try row.upsert(db) }
        }
    }

    public func deleteEvent(namespace: String, entity: String, check: String) async throws(StoreError) -> Bool {
        try await guarded("deleting an event") {
            try await pool.write { db in
                try EventRow.deleteOne(db, key: ["namespace": namespace, "entity_name": entity, "check_name": check])
            }
        }
    }

    // MARK: Settings

    public func setting(_ key: String) async throws(StoreError) -> String? {
        try await guarded("reading a setting") {
            try await pool.read { db in try SettingRow.fetchOne(db, key: key)?.value }
        }
    }

    public func putSetting(_ key: String, value: String) async throws(StoreError) {
        try await guarded("storing a setting") {
            let row = SettingRow(key: key, value: value)
            try await writer.submit { db in try row.upsert(db) }
        }
    }
}
