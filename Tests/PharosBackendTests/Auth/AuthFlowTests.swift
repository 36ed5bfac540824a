import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

@Suite struct AuthFlowTests {
    @Test func basicThenBearerThenRefresh() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let login = try await client.execute(
                uri: "/auth", method: .get, headers: TestSupport.basic(TestSupport.admin))
            #expect(login.status == .ok)
            let pair = try TestSupport.decode(TokenPair.self, login.body)
            let now = Int64(Date().timeIntervalSince1970)
            #expect((now + 290...now + 301).contains(pair.expiresAt))
            #expect(pair.accessToken.split(separator: ".").count == 3)

            let listed = try await client.execute(
                uri: "/api/core/v2/namespaces", method: .get, headers: TestSupport.bearer(pair.accessToken))
            #expect(listed.status == .ok)

            let refreshUsedAsAccess = try await client.execute(
                uri: "/api/core/v2/namespaces", method: .get, headers: TestSupport.bearer(pair.refreshToken))
            #expect(refreshUsedAsAccess.status == .unauthorized)

            let refreshed = try await client.execute(
                uri: "/auth/token", method: .post, headers: TestSupport.bearer(pair.accessToken),
                body: TestSupport.json(#"{"refresh_token":"\#(pair.refreshToken)"}"#))
            #expect(refreshed.status == .ok)
            let next = try TestSupport.decode(TokenPair.self, refreshed.body)
            #expect(next.accessToken != pair.accessToken)
            let again = try await client.execute(
                uri: "/api/core/v2/namespaces", method: .get, headers: TestSupport.bearer(next.accessToken))
            #expect(again.status == .ok)

            let badRefresh = try await client.execute(
                uri: "/auth/token", method: .post, body: TestSupport.json(#"{"refresh_token":"\#(pair.accessToken)"}"#))
            #expect(badRefresh.status == .unauthorized)
        }
    }

    @Test(arguments: [
        BasicCredentials(username: "admin", password: "wrong-password"),
        BasicCredentials(username: "nobody", password: "P@ssw0rd!"),
        BasicCredentials(username: "", password: ""),
    ])
    func wrongCredentialsAre401(credentials: BasicCredentials) async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let response = try await client.execute(uri: "/auth", method: .get, headers: TestSupport.basic(credentials))
            #expect(response.status == .unauthorized)
            #expect(
                try TestSupport.decode(ErrorBody.self, response.body)
                    == ErrorBody(message: "bad credentials", code: .unauthenticated))
            #expect(
                try await client.execute(uri: "/auth/test", method: .get, headers: TestSupport.basic(credentials))
                    .status == .unauthorized)
        }
    }

    @Test func disabledUsersAreRefusedAndHashesNeverShown() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        var agent = try #require(try await store.resource(User.self, namespace: "", name: "agent"))
        #expect(agent.password.isEmpty)
        #expect(agent.passwordHash.hasPrefix("$2"))
        agent.disabled = true
        let disabled = agent
        try await app.test(.live) { client in
            #expect(
                try await client.execute(uri: "/auth/test", method: .get, headers: TestSupport.basic(TestSupport.agent))
                    .status == .ok)
            try await store.putResource(disabled)
            #expect(
                try await client.execute(uri: "/auth", method: .get, headers: TestSupport.basic(TestSupport.agent))
                    .status == .unauthorized)
        }
    }

    @Test func initIsIdempotent() async throws {
        let store = try await TestSupport.seededStore()
        let secret = try await store.setting(BackendSettings.jwtSecretKey)
        let again = try await BackendInitializer.initialize(
            store, adminUsername: "other", adminPassword: "password-2", cost: 4)
        #expect(again == false)
        #expect(try await store.setting(BackendSettings.jwtSecretKey) == secret)
        #expect(try await store.resource(User.self, namespace: "", name: "other") == nil)
        #expect(try await store.resource(Namespace.self, namespace: "", name: "default") != nil)
    }

    @Test(arguments: [
        ("Basic YWdlbnQ6UEBzc3cwcmQh", BasicCredentials(username: "agent", password: "P@ssw0rd!")),
        ("basic YTpiOmM=", BasicCredentials(username: "a", password: "b:c")),
    ])
    func basicHeaderParsing(header: String, expected: BasicCredentials) {
        #expect(BasicCredentials(authorization: header) == expected)
        #expect(BasicCredentials(authorization: "Bearer x") == nil)
        #expect(BasicCredentials(authorization: "Basic !!!") == nil)
    }

    @Test func usersAreCreatedWithHashedPasswordsAndCanLogIn() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await TestSupport.token(client))
            let short = try await client.execute(
                uri: "/api/core/v2/users", method: .post, headers: auth,
                body: TestSupport.json(#"{"username":"alice","password":"short"}"#))
            #expect(short.status == .badRequest)
            #expect(try TestSupport.decode(ErrorBody.self, short.body).message.contains("password"))
            let created = try await client.execute(
                uri: "/api/core/v2/users", method: .post, headers: auth,
                body: TestSupport.json(#"{"username":"alice","password":"alice-secret","groups":["ops"]}"#))
            #expect(created.status == .created)
            let listed = try await client.execute(uri: "/api/core/v2/users", method: .get, headers: auth)
            let text = String(decoding: listed.body.readableBytesView, as: UTF8.self)
            #expect(!text.contains("password"))
            #expect(try TestSupport.decode([User].self, listed.body).map(\.username) == ["admin", "agent", "alice"])
            let alice = BasicCredentials(username: "alice", password: "alice-secret")
            #expect(
                try await client.execute(uri: "/auth", method: .get, headers: TestSupport.basic(alice)).status == .ok)
            let stored = try #require(try await store.resource(User.self, namespace: "", name: "alice"))
            #expect(stored.password.isEmpty)
            #expect(stored.passwordHash.hasPrefix("$2"))
        }
    }
}
