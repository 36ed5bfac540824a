import Foundation
import GRDB
import PharosCore
import PharosStore
import Testing

@testable import PharosStoreSQLite

@Suite struct SQLiteStoreTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "pharos-sqlite-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: StoreConformance.checks)
    func passesTheStoreConformanceCheck(_ check: ConformanceCheck) async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await check.run(try SQLiteStore(stateDirectory: directory))
        #expect(SQLiteStore.exists(stateDirectory: directory))
    }

    /// Two `SQLiteStore`s on ONE file: create-if-absent, compare-and-swap and claim-once hold across them.
    @Test(arguments: StoreConformance.twoStoreChecks)
    func passesTheTwoWriterCheckOnOneFile(_ check: TwoStoreCheck) async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try SQLiteStore(stateDirectory: directory)
        let second = try SQLiteStore(stateDirectory: directory)
        try await check.run(first, second)
    }

    @Test func dataSurvivesReopening() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try SQLiteStore(stateDirectory: directory)
            try await store.putResource(Namespace(name: "webinar"))
            try await store.putSetting("jwt.secret", value: "s3cret")
        }
        let reopened = try SQLiteStore(stateDirectory: directory)
        #expect(try await reopened.resource(Namespace.self, namespace: "", name: "webinar")?.name == "webinar")
        #expect(try await reopened.setting("jwt.secret") == "s3cret")
    }

    @Test func unopenablePathIsAnInternalError() {
        #expect(throws: StoreError.self) {
            _ = try SQLiteStore(path: "/proc/definitely/not/here/pharos.db")
        }
    }

    static func event(entity: String, check: String) -> Event {
        var result = Check(config: CheckConfig(metadata: ObjectMeta(name: check, namespace: "default"), interval: 10))
        result.status = 0
        result.executed = 1000
        return Event(
            timestamp: 1000, entity: Entity(metadata: ObjectMeta(name: entity, namespace: "default")),
            check: result, metadata: ObjectMeta(namespace: "default"))
    }

    @Test func concurrentWritesShareCommitsAndAllLand() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteStore(stateDirectory: directory)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<1000 {
                group.addTask { try await store.putEvent(Self.event(entity: "web-\(index % 50)", check: "c-\(index)")) }
            }
            try await group.waitForAll()
        }
        #expect(try await store.events(namespace: "default", entity: nil).count == 1000)
        #expect(try await store.events(namespace: "default", entity: "web-7").map(\.check?.metadata.name).count == 20)
        #expect(await store.committedWrites == 1000)
        let transactions = await store.committedTransactions
        #expect(transactions >= 1 && transactions < 1000, "group commit: \(transactions) transactions")
        // Reopened: everything was committed before putEvent returned.
        let reopened = try SQLiteStore(stateDirectory: directory)
        #expect(try await reopened.events(namespace: nil, entity: nil).count == 1000)
    }

    struct Refused: Error {}

    @Test func aFailingWriteRollsBackAloneInsideASharedCommit() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pool = try DatabasePool(path: directory + "/writer.db")
        try await pool.write { db in try db.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY)") }
        let writer = GroupCommitWriter(pool: pool)
        let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
            for key in ["a", "b", "bad", "c", "d"] {
                group.addTask {
                    do {
                        try await writer.submit { db in
                            try db.execute(sql: "INSERT INTO t (k) VALUES (?)", arguments: [key])
                            if key == "bad" { throw Refused() }
                        }
                        return (key, true)
                    } catch {
                        return (key, error is Refused ? false : true)
                    }
                }
            }
            var outcomes: [String: Bool] = [:]
            for await (key, ok) in group { outcomes[key] = ok }
            return outcomes
        }
        #expect(outcomes == ["a": true, "b": true, "bad": false, "c": true, "d": true])
        let keys = try await pool.read { db in try String.fetchAll(db, sql: "SELECT k FROM t ORDER BY k") }
        #expect(keys == ["a", "b", "c", "d"])
        #expect(await writer.writes == 4)
    }
}
