import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// Access tokens expire after 5 minutes, refresh tokens are single-use, logout ends the pair (reference §2.1).
@Suite struct TokenLifecycleTests {
    static let namespaces = "/api/core/v2/namespaces"

    @Test func expiredAccessTokenIs401AndRefreshStillWorksUntil12Hours() async throws {
        let store = try await TestSupport.seededStore()
        let clock = ManualTime(Date().timeIntervalSince1970)
        let app = try await AuthTestSupport.application(store: store, clock: clock)
        try await app.test(.live) { client in
            let pair = try await AuthTestSupport.login(client, TestSupport.admin)
            #expect(pair.expiresAt == Int64(clock.now) + 300)
            let bearer = TestSupport.bearer(pair.accessToken)
            #expect(try await AuthTestSupport.status(client, .get, Self.namespaces, bearer) == 200)
            clock.advance(299)
            #expect(try await AuthTestSupport.status(client, .get, Self.namespaces, bearer) == 200)
            clock.advance(2)
            let expired = try await client.execute(uri: Self.namespaces, method: .get, headers: bearer)
            #expect(expired.status == .unauthorized)
            #expect(try AuthTestSupport.error(expired) == ErrorBody(message: "bad credentials", code: .unauthenticated))

            let refreshed = try await client.execute(
                uri: "/auth/token", method: .post, headers: bearer,
                body: TestSupport.json(#"{"refresh_token":"\#(pair.refreshToken)"}"#))
            #expect(refreshed.status == .ok)
            let next = try TestSupport.decode(TokenPair.self, refreshed.body)
            #expect(
                try await AuthTestSupport.status(client, .get, Self.namespaces, TestSupport.bearer(next.accessToken))
                    == 200)

            clock.advance(12 * 3600 + 1)
            let late = try await client.execute(
                uri: "/auth/token", method: .post,
                body: TestSupport.json(#"{"refresh_token":"\#(next.refreshToken)"}"#))
            #expect(late.status == .unauthorized)
        }
    }

    @Test func usedRefreshTokenIsRefusedAndEndsTheOldPair() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let pair = try await AuthTestSupport.login(client, TestSupport.admin)
            let body = #"{"refresh_token":"\#(pair.refreshToken)"}"#
            #expect(try await AuthTestSupport.status(client, .post, "/auth/token", [:], body: body) == 200)
            let reuse = try await client.execute(uri: "/auth/token", method: .post, body: TestSupport.json(body))
            #expect(reuse.status == .unauthorized)
            #expect(try AuthTestSupport.error(reuse).code == ErrorCode.unauthenticated.rawValue)
            #expect(
                try await AuthTestSupport.status(client, .get, Self.namespaces, TestSupport.bearer(pair.accessToken))
                    == 401)
        }
    }

    @Test func logoutRevokesAccessAndRefreshTokensOfThePairOnly() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let first = try await AuthTestSupport.login(client, TestSupport.admin)
            let second = try await AuthTestSupport.login(client, TestSupport.admin)
            let firstBearer = TestSupport.bearer(first.accessToken)
            #expect(try await AuthTestSupport.status(client, .post, "/auth/logout", firstBearer) == 200)
            #expect(try await AuthTestSupport.status(client, .get, Self.namespaces, firstBearer) == 401)
            #expect(try await AuthTestSupport.status(client, .post, "/auth/logout", firstBearer) == 401)
            #expect(
                try await AuthTestSupport.status(
                    client, .post, "/auth/token", [:], body: #"{"refresh_token":"\#(first.refreshToken)"}"#) == 401)
            #expect(
                try await AuthTestSupport.status(
                    client, .get, Self.namespaces, TestSupport.bearer(second.accessToken)) == 200)
            #expect(try await AuthTestSupport.status(client, .post, "/auth/logout", [:]) == 401)
        }
    }

    @Test func sessionsSurviveABackendRestart() async throws {
        let store = try await TestSupport.seededStore()
        let pair = try await TestSupport.application(store: store, events: RecordingEvents()).test(.live) { client in
            try await AuthTestSupport.login(client, TestSupport.admin)
        }
        let restarted = try await TestSupport.application(store: store, events: RecordingEvents())
        try await restarted.test(.live) { client in
            let status = try await AuthTestSupport.status(
                client, .get, Self.namespaces, TestSupport.bearer(pair.accessToken))
            #expect(status == 200)
        }
    }

    @Test(arguments: ["/health", "/ready", "/version", "/auth/test"])
    func publicRoutesAnswerWithoutCredentials(path: String) async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let status = try await AuthTestSupport.status(client, .get, path, [:])
            #expect(status == (path == "/auth/test" ? 401 : 200))
        }
    }

    @Test(arguments: [
        "Bearer", "Bearer ", "Basic YWRtaW46UEBzc3cwcmQhYWRtaW4=", "Key not-a-uuid",
        "Key 00000000-0000-0000-0000-000000000000", "Token abc",
    ])
    func otherCredentialsOnAPIRoutesAre401(header: String) async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let response = try await client.execute(
                uri: "/api/core/v2/namespaces/default/checks", method: .get, headers: [.authorization: header])
            #expect(response.status == .unauthorized)
            #expect(
                try AuthTestSupport.error(response) == ErrorBody(message: "bad credentials", code: .unauthenticated))
        }
    }
}
