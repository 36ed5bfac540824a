import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PharosBackend
import PharosCore
import PharosStore
import PharosWire

/// An authenticated client of a live API application (real Hummingbird server on a loopback port).
struct APISession {
    let client: any TestClientProtocol
    let auth: HTTPFields

    /// Logs in as admin.
    static func login(_ client: some TestClientProtocol) async throws -> APISession {
        APISession(client: client, auth: TestSupport.bearer(try await TestSupport.token(client)))
    }

    /// Sends a request with the admin token plus `headers`.
    func send(
        _ method: HTTPRequest.Method, _ path: String, _ body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var all = auth
        all.append(contentsOf: headers)
        return try await client.execute(
            uri: path, method: method, headers: all, body: body.map { ByteBuffer(string: $0) })
    }

    /// The body as text.
    static func text(_ response: TestResponse) -> String {
        String(decoding: response.body.readableBytesView, as: UTF8.self)
    }

    /// The decoded error body, or `nil`.
    static func error(_ response: TestResponse) -> ErrorBody? {
        try? TestSupport.decode(ErrorBody.self, response.body)
    }
}

enum APITestHarness {
    /// The API application over `store` with an injected clock (Unix seconds).
    static func application(
        store: any Store, events: any EventSink, now: ManualTime? = nil, metrics: BackendMetrics = BackendMetrics()
    ) async throws -> some ApplicationProtocol {
        let tokens = await TokenIssuer(secret: try await BackendSettings.jwtSecret(in: store))
        var clock: (@Sendable () -> Int64)? = nil
        if let now { clock = { Int64(now.now) } }
        let routes = APIRoutes(
            store: store, tokens: tokens, users: UserAuthenticator(store: store, cost: TestSupport.bcryptCost),
            events: events, metrics: metrics, now: clock)
        return Application(
            router: routes.makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: TestSupport.logger)
    }

    /// Header fields from name/value pairs.
    static func headers(_ pairs: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs {
            if let field = HTTPFields.Element.Name(name) { fields[field] = value }
        }
        return fields
    }
}
