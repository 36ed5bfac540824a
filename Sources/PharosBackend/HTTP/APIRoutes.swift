import Foundation
public import Hummingbird
import Logging
import NIOCore
import PharosCore
public import PharosStore
import PharosWire

/// The REST API (reference §2): `/health`, `/version`, `/ready`, `/auth*` and the `core/v2` resources under
/// `/api/core/v2`, behind the error and authentication middlewares.
public struct APIRoutes: Sendable {
    /// The prefix of every `core/v2` route.
    public static let prefix = "/api/core/v2"

    let store: any Store
    let tokens: TokenIssuer
    /// The live token sessions (logout, refresh rotation, revocation).
    let sessions: TokenSessions
    let users: UserAuthenticator
    let events: any EventSink

    /// Creates the routes.
    /// - Parameters:
    ///   - store: Where resources live.
    ///   - tokens: Issues and verifies the JWTs.
    ///   - users: Checks passwords (and hashes new ones).
    ///   - events: Where events submitted through the API go (the `EventProcessor`).
    public init(store: any Store, tokens: TokenIssuer, users: UserAuthenticator, events: any EventSink) {
        self.store = store
        self.tokens = tokens
        sessions = TokenSessions(store: store)
        self.users = users
        self.events = events
    }

    /// A router with every route and middleware.
    public func makeRouter() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: APIErrorMiddleware())
        router.add(
            middleware: AuthMiddleware(
                authenticator: RequestAuthenticator(store: store, tokens: tokens, sessions: sessions),
                authorizer: Authorizer(store: store), store: store))
        addStatusRoutes(to: router)
        addAuthRoutes(to: router)
        let api = router.group(RouterPath(Self.prefix))
        addNamespaceRoutes(to: api)
        addUserRoutes(to: api)
        addAPIKeyRoutes(to: api)
        addRBACRoutes(to: api)
        addResourceRoutes(CheckConfig.self, to: api)
        addResourceRoutes(Handler.self, to: api)
        addResourceRoutes(Mutator.self, to: api)
        addResourceRoutes(Asset.self, to: api)
        addResourceRoutes(EventFilter.self, to: api)
        addResourceRoutes(HookConfig.self, to: api)
        addResourceRoutes(Silenced.self, to: api)
        addEntityRoutes(to: api)
        addEventRoutes(to: api)
        return router
    }

    // MARK: Status

    private func addStatusRoutes(to router: Router<APIRequestContext>) {
        router.get("/health") { _, _ -> Response in
            var healthy = true
            var message = ""
            do { _ = try await store.setting(BackendSettings.initializedKey) } catch {
                healthy = false
                message = "\(error)"
            }
            let member: JSONValue = .object([
                "MemberID": .number(0), "MemberIDHex": .string("0"), "Name": .string("pharos"),
                "Err": .string(message), "Healthy": .bool(healthy),
            ])
            return try Self.json(
                JSONValue.object(["Alarms": .null, "ClusterHealth": .array([member]), "Header": .object([:])]))
        }
        router.get("/version") { _, _ -> Response in
            try Self.json(
                JSONValue.object([
                    "sensu_backend": .string(BackendVersion.sensuCompatible),
                    "pharos": .string(BackendVersion.pharos),
                    "api_groups": .object(["core/v2": .string("v2.0.0")]),
                ]))
        }
        router.get("/ready") { _, _ -> Response in
            Response(status: .ok)
        }
    }

    // MARK: Helpers

    /// A 200 (or `status`) JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The request body as bytes (at most 512000).
    static func body(of request: Request) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: 512_000)
        return Data(buffer.readableBytesView)
    }

    /// Decodes and validates a bare resource body, filling an empty namespace from the URL.
    /// - Throws: `APIError` 400 naming the field.
    static func decode<R: Resource>(_ type: R.Type, from data: Data, namespace: String?) throws(APIError) -> R {
        let decoded: DecodedResources
        do {
            decoded = try ResourceCodec(defaultNamespace: namespace, validates: false).decodeBare(
                R.resourceType, from: data)
        } catch {
            let first = error.diagnostics.first
            let text = [first?.path ?? "", first?.message ?? "invalid body"].filter { !$0.isEmpty }.joined(
                separator: ": ")
            throw APIError(.invalidArgument, text)
        }
        guard let resource = decoded.resources.first?.resource as? R else {
            throw APIError(.invalidArgument, "expected a \(R.resourceType.typeName)")
        }
        return resource
    }

    /// Validates a resource. - Throws: `APIError` 400 with `field: message`.
    static func validate(_ resource: some Resource) throws(APIError) {
        do { try resource.validate() } catch { throw APIError(.invalidArgument, error.description) }
    }

    /// 404 unless the namespace exists.
    func requireNamespace(_ namespace: String) async throws -> Void {
        guard try await store.resource(Namespace.self, namespace: "", name: namespace) != nil else {
            throw APIError(.notFound, "namespace \"\(namespace)\" not found")
        }
    }

    /// Throws 400 when a URL segment differs from the body's value.
    static func requireMatch(_ url: String, _ body: String, field: String) throws(APIError) {
        if url != body {
            throw APIError(
                .invalidArgument, "\(field): the URL says \"\(url)\" but the body says \"\(body)\"")
        }
    }
}
