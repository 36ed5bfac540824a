import Foundation
public import Hummingbird
import Logging
import NIOCore
public import PharosCore
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
    let silenceExpiry: SilenceExpiryPolicy
    let metrics: BackendMetrics
    let now: @Sendable () -> Int64
    let adhoc: AdhocQueue
    let entityConfigChanged: @Sendable (_ namespace: String, _ name: String) async -> Void

    /// Creates the routes.
    /// - Parameters:
    ///   - store: Where resources live.
    ///   - tokens: Issues and verifies the JWTs.
    ///   - users: Checks passwords (and hashes new ones).
    ///   - events: Where events submitted through the API go (the `EventProcessor`).
    ///   - silenceExpiry: Default and maximum silence length (Sensu Go 6.12: 1440 minutes each).
    ///   - metrics: The backend's Prometheus collectors, served on `/metrics` (a fresh set by default).
    ///   - now: The wall clock, Unix seconds (silence expiry); `nil` reads the system clock.
    ///   - adhoc: Where `POST …/checks/{name}/execute` queues adhoc executions (the `Scheduler` reads it).
    ///   - entityConfigChanged: Called with (namespace, name) after an entity is stored through the API (the
    ///     agent gateway pushes it to the connected agent).
    public init(
        store: any Store, tokens: TokenIssuer, users: UserAuthenticator, events: any EventSink,
        silenceExpiry: SilenceExpiryPolicy = .sensuDefault, metrics: BackendMetrics = BackendMetrics(),
        now: (@Sendable () -> Int64)? = nil, adhoc: AdhocQueue = AdhocQueue(),
        entityConfigChanged: @escaping @Sendable (_ namespace: String, _ name: String) async -> Void = { _, _ in }
    ) {
        self.adhoc = adhoc
        self.entityConfigChanged = entityConfigChanged
        self.store = store
        self.tokens = tokens
        sessions = TokenSessions(store: store)
        self.users = users
        self.events = events
        self.silenceExpiry = silenceExpiry
        self.metrics = metrics
        self.now = now ?? { Int64(Date().timeIntervalSince1970) }
    }

    /// A router with every route and middleware.
    public func makeRouter() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: APIErrorMiddleware())
        router.add(
            middleware: AuthMiddleware(
                authenticator: RequestAuthenticator(store: store, tokens: tokens, sessions: sessions),
                authorizer: Authorizer(store: store), store: store))
        addStatusRoutes(to: router)
        addAuthRoutes(to: router)
        let api = router.group(RouterPath(Self.prefix))
        addResourceRoutes(Namespace.self, to: api)
        addUserRoutes(to: api)
        addAPIKeyRoutes(to: api)
        addRBACRoutes(to: api)
        addResourceRoutes(CheckConfig.self, to: api)
        addCheckExecuteRoute(to: api)
        addResourceRoutes(Handler.self, to: api)
        addResourceRoutes(Mutator.self, to: api)
        addResourceRoutes(Asset.self, to: api)
        addResourceRoutes(EventFilter.self, to: api)
        addResourceRoutes(HookConfig.self, to: api)
        addResourceRoutes(Silenced.self, to: api)
        addSilencedRoutes(to: api)
        addResourceRoutes(Pipeline.self, to: api)
        addEntityRoutes(to: api)
        addEventRoutes(to: api)
        return router
    }

    // MARK: Helpers

    /// A 200 (or `status`) JSON response.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The request body as bytes (at most `APIRequestContext.requestLimit`). - Throws: `APIError` 413 beyond it.
    static func body(of request: Request) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: APIRequestContext.requestLimit)
        return Data(buffer.readableBytesView)
    }

    /// Decodes a bare resource body, filling an empty namespace from the URL (not validated yet).
    /// - Parameters:
    ///   - rejectingUnknownFields: Whether a top-level key the type does not know is an error (else ignored).
    /// - Throws: `APIError` 400 naming the field (invalid JSON, wrong type, unknown field).
    static func decode<R: Resource>(
        _ type: R.Type, from data: Data, namespace: String?, rejectingUnknownFields: Bool = false
    ) throws(APIError) -> R {
        let tree: JSONValue
        do {
            tree = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw APIError(.invalidArgument, "invalid JSON: the body is not a JSON document")
        }
        return try decodeTree(R.self, tree, namespace: namespace, rejectingUnknownFields: rejectingUnknownFields)
    }

    /// Decodes a bare resource given as a JSON tree (see `decode(_:from:namespace:rejectingUnknownFields:)`).
    /// - Throws: `APIError` 400 naming the field.
    static func decodeTree<R: Resource>(
        _ type: R.Type, _ tree: JSONValue, namespace: String?, rejectingUnknownFields: Bool = true
    ) throws(APIError) -> R {
        let decoded: DecodedResources
        do {
            decoded = try ResourceCodec(defaultNamespace: namespace, validates: false).decodeBare(
                R.resourceType, from: tree)
        } catch {
            let first = error.diagnostics.first
            let text = [first?.path ?? "", first?.message ?? "invalid body"].filter { !$0.isEmpty }.joined(
                separator: ": ")
            throw APIError(.invalidArgument, text)
        }
        if rejectingUnknownFields, let unknown = decoded.warnings.first {
            throw APIError(
                .invalidArgument, "\(unknown.path): unknown field (not a \(R.resourceType.typeName) field)")
        }
        guard let resource = decoded.resources.first?.resource as? R else {
            throw APIError(.invalidArgument, "expected a \(R.resourceType.typeName)")
        }
        return resource
    }

    /// Validates a resource. - Throws: `APIError` 400 with `field: message`.
    static func validate(_ resource: some Resource) throws(APIError) {
        do {
            try resource.validate()
            try (resource as? Handler)?.validateBuiltin(environment: ProcessInfo.processInfo.environment)
        } catch { throw APIError(.invalidArgument, error.description) }
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
