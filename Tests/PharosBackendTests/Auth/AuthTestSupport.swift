import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire

/// Helpers of the authentication and RBAC tests: users made straight in the store, bindings, logins.
enum AuthTestSupport {
    /// The API over `store` with a token clock the test moves (`clock`).
    static func application(store: any Store, clock: ManualTime) async throws -> some ApplicationProtocol {
        let tokens = await TokenIssuer(
            secret: try await BackendSettings.jwtSecret(in: store),
            now: { Date(timeIntervalSince1970: clock.now) })
        let routes = APIRoutes(
            store: store, tokens: tokens, users: UserAuthenticator(store: store, cost: TestSupport.bcryptCost),
            events: RecordingEvents())
        return Application(
            router: routes.makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: TestSupport.logger)
    }

    /// Stores a user with a hashed password.
    @discardableResult
    static func makeUser(
        _ store: any Store, _ name: String, password: String = "secret-password", groups: [String] = []
    ) async throws -> BasicCredentials {
        let hasher = UserAuthenticator(store: store, cost: TestSupport.bcryptCost)
        try await store.putResource(
            hasher.hashingPassword(of: User(username: name, password: password, groups: groups)))
        return BasicCredentials(username: name, password: password)
    }

    /// Binds `user` to the cluster role `role` inside `namespace` (a RoleBinding, as Sensu intends for `view`).
    static func bind(_ store: any Store, user: String, clusterRole role: String, namespace: String) async throws {
        try await store.putResource(
            RoleBinding(
                metadata: ObjectMeta(name: "\(user)-\(role)", namespace: namespace),
                subjects: [RoleSubject(type: "User", name: user)], roleRef: RoleRef(type: "ClusterRole", name: role)))
    }

    /// `GET /auth` with Basic credentials; the token pair.
    static func login(_ client: some TestClientProtocol, _ credentials: BasicCredentials) async throws -> TokenPair {
        let response = try await client.execute(uri: "/auth", method: .get, headers: TestSupport.basic(credentials))
        return try TestSupport.decode(TokenPair.self, response.body)
    }

    /// The status of `method uri` with `headers` and an optional body.
    static func status(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ headers: HTTPFields,
        body: String? = nil
    ) async throws -> Int {
        try await client.execute(uri: uri, method: method, headers: headers, body: body.map(TestSupport.json)).status
            .code
    }

    /// The error body of a response.
    static func error(_ response: TestResponse) throws -> ErrorBody {
        try TestSupport.decode(ErrorBody.self, response.body)
    }
}
