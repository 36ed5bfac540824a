import Foundation
import PharosBackend
import PharosCore
import PharosStore
import PharosStoreSQLite
import Testing

/// Two backends starting at once on one empty store (two `SQLiteStore`s on one file) mint one JWT secret, seed the
/// built-in roles once and initialise once (create-if-absent, issue #12).
@Suite struct StoreBootstrapRaceTests {
    static func twoStores() throws -> (SQLiteStore, SQLiteStore, String) {
        let directory = try SQLiteStoreTests.temporaryDirectory()
        return (try SQLiteStore(stateDirectory: directory), try SQLiteStore(stateDirectory: directory), directory)
    }

    @Test func concurrentStartsMintOneSecret() async throws {
        let (first, second, directory) = try Self.twoStores()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let secrets = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for index in 0..<16 {
                let store: any Store = index % 2 == 0 ? first : second
                group.addTask { try await BackendSettings.jwtSecret(in: store) }
            }
            var secrets: [[UInt8]] = []
            for try await secret in group { secrets.append(secret) }
            return secrets
        }
        #expect(Set(secrets).count == 1)
        #expect(secrets.first?.count == 32)
        let stored = try #require(try await second.setting(BackendSettings.jwtSecretKey))
        #expect(Data(base64Encoded: stored).map(Array.init) == secrets.first)
    }

    @Test func concurrentInitialisationSeedsOnce() async throws {
        let (first, second, directory) = try Self.twoStores()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outcomes = try await withThrowingTaskGroup(of: (Bool, Bool).self) { group in
            for store in [first, second] {
                group.addTask {
                    async let seeded = BuiltinAccessControl.seed(store)
                    async let initialised = BackendInitializer.initialize(
                        store, adminUsername: "admin", adminPassword: "P@ssw0rd!admin", cost: 4)
                    return (try await seeded, try await initialised)
                }
            }
            var outcomes: [(Bool, Bool)] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.filter(\.1).count == 1, "one initialisation reported")
        #expect(outcomes.filter(\.0).count <= 1, "at most one seeding reported by seed()")
        let roles = try await first.resources(ClusterRole.self, namespace: nil).map(\.metadata.name)
        #expect(roles == BuiltinAccessControl.clusterRoles.map(\.metadata.name).sorted())
        #expect(try await BackendInitializer.isInitialized(second))
        #expect(try await BuiltinAccessControl.seed(second) == false)
        let users = try await second.resources(User.self, namespace: nil).map(\.username)
        #expect(users == ["admin", "agent"])
    }
}
