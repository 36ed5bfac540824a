import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// API keys (`Authorization: Key <uuid>`) and user management: password hashes, change/reset, disable/reinstate,
/// groups (reference §2.1, Sensu Go 6.12 users API).
@Suite struct APIKeyAndUserTests {
    static let users = "/api/core/v2/users"

    @Test func apiKeyIsCreatedAuthenticatesAsItsUserAndIsRevokedByDelete() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let admin = TestSupport.bearer(try await TestSupport.token(client))
            let created = try await client.execute(
                uri: "/api/core/v2/apikeys", method: .post, headers: admin,
                body: TestSupport.json(#"{"username":"admin"}"#))
            #expect(created.status == .created)
            let location = try #require(created.headers[.location])
            #expect(location.hasPrefix("/api/core/v2/apikeys/"))
            let key = String(location.dropFirst("/api/core/v2/apikeys/".count))
            #expect(UUID(uuidString: key) != nil)

            let keyAuth: HTTPFields = [.authorization: "Key \(key)"]
            #expect(
                try await AuthTestSupport.status(client, .get, "/api/core/v2/namespaces/default/checks", keyAuth) == 200
            )
            let put = try await client.execute(
                uri: "/api/core/v2/namespaces/default/checks/by-key", method: .put, headers: keyAuth,
                body: TestSupport.json(#"{"command":"true","interval":10,"subscriptions":["a"]}"#))
            #expect(put.status == .created)
            let check = try #require(try await store.resource(CheckConfig.self, namespace: "default", name: "by-key"))
            #expect(check.metadata.createdBy == "admin")

            let fetched = try await client.execute(uri: location, method: .get, headers: admin)
            let stored = try TestSupport.decode(APIKey.self, fetched.body)
            #expect(stored.username == "admin")
            #expect(stored.metadata.name == key)
            #expect(stored.createdAt > 0)
            let listed = try await client.execute(uri: "/api/core/v2/apikeys", method: .get, headers: admin)
            #expect(try TestSupport.decode([APIKey].self, listed.body).map(\.metadata.name) == [key])

            #expect(
                try await AuthTestSupport.status(
                    client, .post, "/api/core/v2/apikeys", admin, body: #"{"username":"nobody"}"#) == 404)
            #expect(try await AuthTestSupport.status(client, .delete, location, admin) == 204)
            #expect(try await AuthTestSupport.status(client, .delete, location, admin) == 404)
            #expect(try await AuthTestSupport.status(client, .get, "/api/core/v2/namespaces", keyAuth) == 401)
        }
    }

    @Test func passwordHashIsAcceptedOnCreateAndNeverShown() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        let hash = UserAuthenticator(store: store, cost: 4).hash("hashed-secret")
        try await app.test(.live) { client in
            let admin = TestSupport.bearer(try await TestSupport.token(client))
            #expect(
                try await AuthTestSupport.status(
                    client, .post, Self.users, admin, body: #"{"username":"hana","password_hash":"\#(hash)"}"#) == 201)
            let bad = try await client.execute(
                uri: Self.users, method: .post, headers: admin,
                body: TestSupport.json(#"{"username":"ivo","password_hash":"plain-text"}"#))
            #expect(bad.status == .badRequest)
            #expect(try AuthTestSupport.error(bad).message.contains("password_hash"))
            #expect(try await store.resource(User.self, namespace: "", name: "ivo") == nil)
            let none = try await client.execute(
                uri: Self.users, method: .post, headers: admin, body: TestSupport.json(#"{"username":"jo"}"#))
            #expect(none.status == .badRequest)
            let login = try await client.execute(
                uri: "/auth", method: .get,
                headers: TestSupport.basic(BasicCredentials(username: "hana", password: "hashed-secret")))
            #expect(login.status == .ok)
            let shown = try await client.execute(uri: Self.users + "/hana", method: .get, headers: admin)
            let text = String(decoding: shown.body.readableBytesView, as: UTF8.self)
            #expect(text.contains(#""username":"hana""#))
            #expect(!text.contains("password"))
        }
    }

    @Test func usersChangeTheirOwnPasswordWithTheCurrentOneAndAdminsReset() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        let bob = try await AuthTestSupport.makeUser(store, "bob", password: "bob-old-password")
        let newHash = UserAuthenticator(store: store, cost: 4).hash("bob-new-password")
        try await app.test(.live) { client in
            let bobToken = TestSupport.bearer(try await AuthTestSupport.login(client, bob).accessToken)
            let wrong = try await client.execute(
                uri: Self.users + "/bob/password", method: .put, headers: bobToken,
                body: TestSupport.json(#"{"username":"bob","password":"not-it","password_hash":"\#(newHash)"}"#))
            #expect(wrong.status == .badRequest)
            #expect(try AuthTestSupport.error(wrong).message.contains("current password"))
            #expect(
                try await AuthTestSupport.status(
                    client, .put, Self.users + "/bob/password", bobToken,
                    body: #"{"username":"bob","password":"bob-old-password","password_hash":"\#(newHash)"}"#) == 201)
            #expect(try await AuthTestSupport.status(client, .get, "/auth/test", TestSupport.basic(bob)) == 401)
            let renewed = BasicCredentials(username: "bob", password: "bob-new-password")
            #expect(try await AuthTestSupport.status(client, .get, "/auth/test", TestSupport.basic(renewed)) == 200)

            // Changing someone else's password, or resetting, needs users permissions.
            #expect(
                try await AuthTestSupport.status(
                    client, .put, Self.users + "/admin/password", bobToken,
                    body: #"{"password":"P@ssw0rd!admin","password_new":"whatever-else"}"#) == 403)
            #expect(
                try await AuthTestSupport.status(
                    client, .put, Self.users + "/bob/reset_password", bobToken,
                    body: #"{"password_new":"bob-third-password"}"#) == 403)

            let admin = TestSupport.bearer(try await TestSupport.token(client))
            #expect(
                try await AuthTestSupport.status(
                    client, .put, Self.users + "/bob/reset_password", admin,
                    body: #"{"username":"bob","password_new":"bob-third-password"}"#) == 201)
            #expect(try await AuthTestSupport.status(client, .get, "/auth/test", TestSupport.basic(renewed)) == 401)
            #expect(try await AuthTestSupport.status(client, .get, Self.users + "/bob", bobToken) == 401)
            let third = BasicCredentials(username: "bob", password: "bob-third-password")
            #expect(try await AuthTestSupport.status(client, .get, "/auth/test", TestSupport.basic(third)) == 200)
        }
    }

    @Test func disablingRevokesTokensAndKeysAndReinstatingAllowsLoginAgain() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        let carol = try await AuthTestSupport.makeUser(store, "carol", groups: ["cluster-admins"])
        try await app.test(.live) { client in
            let admin = TestSupport.bearer(try await TestSupport.token(client))
            let carolToken = TestSupport.bearer(try await AuthTestSupport.login(client, carol).accessToken)
            let created = try await client.execute(
                uri: "/api/core/v2/apikeys", method: .post, headers: admin,
                body: TestSupport.json(#"{"username":"carol"}"#))
            let key = String(try #require(created.headers[.location]).split(separator: "/").last ?? "")
            let carolKey: HTTPFields = [.authorization: "Key \(key)"]
            #expect(try await AuthTestSupport.status(client, .get, Self.users, carolKey) == 200)
            #expect(try await AuthTestSupport.status(client, .get, Self.users, carolToken) == 200)

            #expect(try await AuthTestSupport.status(client, .delete, Self.users + "/carol", admin) == 204)
            #expect(try await AuthTestSupport.status(client, .delete, Self.users + "/nobody", admin) == 404)
            #expect(try await store.resource(User.self, namespace: "", name: "carol")?.disabled == true)
            #expect(try await AuthTestSupport.status(client, .get, Self.users, carolToken) == 401)
            #expect(try await AuthTestSupport.status(client, .get, Self.users, carolKey) == 401)
            #expect(try await store.resource(APIKey.self, namespace: "", name: key) == nil)
            #expect(try await AuthTestSupport.status(client, .get, "/auth", TestSupport.basic(carol)) == 401)

            #expect(try await AuthTestSupport.status(client, .put, Self.users + "/carol/reinstate", admin) == 201)
            #expect(try await AuthTestSupport.status(client, .get, "/auth", TestSupport.basic(carol)) == 200)
            #expect(try await AuthTestSupport.status(client, .get, Self.users, carolToken) == 401)
        }
    }

    @Test func groupsAreAddedAndRemoved() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await AuthTestSupport.makeUser(store, "dan", groups: ["ops"])
        try await app.test(.live) { client in
            let admin = TestSupport.bearer(try await TestSupport.token(client))
            #expect(try await AuthTestSupport.status(client, .put, Self.users + "/dan/groups/dev", admin) == 201)
            #expect(try await AuthTestSupport.status(client, .put, Self.users + "/dan/groups/dev", admin) == 201)
            #expect(try await store.resource(User.self, namespace: "", name: "dan")?.groups == ["ops", "dev"])
            #expect(try await AuthTestSupport.status(client, .delete, Self.users + "/dan/groups/ops", admin) == 204)
            #expect(try await store.resource(User.self, namespace: "", name: "dan")?.groups == ["dev"])
            #expect(try await AuthTestSupport.status(client, .delete, Self.users + "/dan/groups", admin) == 204)
            #expect(try await store.resource(User.self, namespace: "", name: "dan")?.groups == [])
            #expect(try await AuthTestSupport.status(client, .put, Self.users + "/eve/groups/dev", admin) == 404)
        }
    }

    @Test(arguments: [
        ("$2a$10$" + String(repeating: "a", count: 53), true),
        ("$2b$04$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234.", false),
        ("$2y$12$" + String(repeating: "/", count: 53), true),
        ("$5f$14$.brXRviMZpbaleSq9kjoUuwm67V/s4IziOLGHjEqxJbzPsreQAyNm", false),
        ("$2a$1x$" + String(repeating: "a", count: 53), false),
        ("$2a$10$" + String(repeating: "!", count: 53), false),
    ])
    func bcryptHashShape(hash: String, valid: Bool) {
        #expect(UserAuthenticator.isBcryptHash(hash) == valid)
    }
}
