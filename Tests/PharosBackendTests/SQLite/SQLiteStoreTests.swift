import Foundation
import PharosCore
import PharosStore
import PharosStoreSQLite
import Testing

@Suite struct SQLiteStoreTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "pharos-sqlite-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func passesTheStoreConformanceChecks() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteStore(stateDirectory: directory)
        try await StoreConformance.run(store)
        #expect(SQLiteStore.exists(stateDirectory: directory))
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
}
