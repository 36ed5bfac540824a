import AsyncAlgorithms
import Foundation
import Hummingbird
import NIOCore
import PharosCore
import PharosStore
import PharosWire
import ServiceLifecycle

/// The dashboard's own routes, added to a router that already serves the whole REST API (so the page talks to the
/// API on its own origin, with the same tokens and RBAC):
/// - `GET /` and `GET /static/{file}`: the embedded page (public; `DashboardAssets`);
/// - `GET /dashboard/v1/changes`: Server-Sent Events, one `change` event per `DashboardChange` in a namespace the
///   caller may list events of (a `hello` event first, a comment every 15 s to keep proxies from closing it);
/// - `GET /dashboard/v1/overview`: counts of events by status and entities by class per visible namespace;
/// - `GET /dashboard/v1/namespaces/{namespace}/events`: one filtered, sorted page of event rows (`DashboardEventQuery`);
/// - `GET /dashboard/v1/namespaces/{namespace}/entities`: entities with their worst status and keepalive status;
/// - `POST /dashboard/v1/yaml/encode?type=T` (bare JSON → YAML document) and `POST /dashboard/v1/yaml/decode?type=T`
///   (YAML document → bare JSON, 400 naming the line): conversions only, nothing is read or stored.
///
/// Every `/dashboard/v1` route needs the same `Authorization` header as the API (the auth middleware checks it);
/// the data routes also check RBAC (`list` of events or entities in the namespace, else 403).
struct DashboardRoutes: Sendable {
    let store: any Store
    let authenticator: RequestAuthenticator
    let authorizer: Authorizer
    let changes: any DashboardChangeSource
    /// Time between keep-alive comments on the change stream.
    var heartbeat: Duration = .seconds(15)

    /// Adds the routes to `router`.
    func add(to router: Router<APIRequestContext>) {
        router.get("/") { _, _ in Self.asset("index.html") }
        router.get("/static/:file") { _, context in
            Self.asset(try context.parameters.require("file"))
        }
        let group = router.group("/dashboard/v1")
        group.get("/changes") { request, _ in try await changeStream(request) }
        group.get("/overview") { request, _ in try await overview(request) }
        group.get("/namespaces/:namespace/events") { request, context in
            try await eventPage(request, namespace: try context.parameters.require("namespace"))
        }
        group.get("/namespaces/:namespace/entities") { request, context in
            try await entityRows(request, namespace: try context.parameters.require("namespace"))
        }
        group.post("/yaml/encode") { request, _ in try await encodeYAML(request) }
        group.post("/yaml/decode") { request, _ in try await decodeYAML(request) }
    }

    // MARK: Static assets

    static func asset(_ name: String) -> Response {
        guard let asset = DashboardAssets.files[name] else {
            return Response(
                status: .notFound, headers: [.contentType: "text/plain"],
                body: .init(byteBuffer: .init(string: "not found")))
        }
        return Response(
            status: .ok,
            headers: [.contentType: asset.contentType, .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: asset.body)))
    }

    // MARK: Authorisation

    private func principal(_ request: Request) async throws -> Principal {
        guard let principal = try await authenticator.principal(authorization: request.headers[.authorization]) else {
            throw APIError.badCredentials
        }
        return principal
    }

    private func require(_ principal: Principal, _ verb: String, _ resource: String, in namespace: String)
        async throws
    {
        guard
            try await authorizer.allows(principal, AccessRequest(verb: verb, resource: resource, namespace: namespace))
        else { throw AuthMiddleware.denied }
    }

    /// Namespaces whose events `principal` may list (`nil` = every namespace).
    private func readableNamespaces(_ principal: Principal) async throws -> Set<String>? {
        let namespaces = try await store.resources(Namespace.self, namespace: nil).map(\.name)
        var readable: Set<String> = []
        for namespace in namespaces {
            let access = AccessRequest(verb: "list", resource: "events", namespace: namespace)
            if try await authorizer.allows(principal, access) { readable.insert(namespace) }
        }
        return readable.count == namespaces.count ? nil : readable
    }

    // MARK: Live changes

    private func changeStream(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let readable = try await readableNamespaces(principal)
        let subscription = changes.subscribe()
        let heartbeat = self.heartbeat
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 1000\nevent: hello\ndata: {}\n\n"))
            let ticks = AsyncTimerSequence(interval: heartbeat, clock: .continuous).map { _ in DashboardChange?.none }
            let merged = merge(subscription.map { Optional($0) }, ticks)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for try await item in merged.cancelOnGracefulShutdown() {
                guard let change = item else {
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    continue
                }
                if change.kind != .resync, let readable, !change.namespace.isEmpty,
                    !readable.contains(change.namespace)
                {
                    continue
                }
                let data = String(decoding: try encoder.encode(change), as: UTF8.self)
                try await writer.write(ByteBuffer(string: "event: change\ndata: \(data)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: body)
    }

    // MARK: Data

    private struct StatusCounts: Codable, Sendable {
        var ok = 0
        var warning = 0
        var critical = 0
        var unknown = 0

        mutating func add(_ status: UInt32) {
            switch status {
            case 0: ok += 1
            case 1: warning += 1
            case 2: critical += 1
            default: unknown += 1
            }
        }
    }

    private struct NamespaceOverview: Codable, Sendable {
        var namespace: String
        var events: StatusCounts
        var entities: [String: Int]
        var keepaliveFailures: [DashboardEventRow]

        enum CodingKeys: String, CodingKey {
            case namespace, events, entities
            case keepaliveFailures = "keepalive_failures"
        }
    }

    private func overview(_ request: Request) async throws -> Response {
        let principal = try await principal(request)
        let readable = try await readableNamespaces(principal)
        let namespaces = try await store.resources(Namespace.self, namespace: nil).map(\.name).filter {
            readable?.contains($0) ?? true
        }
        var result: [NamespaceOverview] = []
        for namespace in namespaces {
            var counts = StatusCounts()
            var failures: [DashboardEventRow] = []
            for event in try await store.events(namespace: namespace, entity: nil) {
                guard let row = DashboardEventRow(event) else { continue }
                counts.add(row.status)
                if row.check == "keepalive", row.status != 0 { failures.append(row) }
            }
            var classes: [String: Int] = [:]
            for entity in try await store.entities(namespace: namespace) {
                classes[entity.entityClass, default: 0] += 1
            }
            failures.sort { ($0.status, $0.entity) > ($1.status, $1.entity) }
            result.append(
                NamespaceOverview(namespace: namespace, events: counts, entities: classes, keepaliveFailures: failures))
        }
        return try APIRoutes.json(result)
    }

    private struct EventPage: Codable, Sendable {
        var total: Int
        var offset: Int
        var counts: StatusCounts
        var items: [DashboardEventRow]
    }

    private func eventPage(_ request: Request, namespace: String) async throws -> Response {
        let principal = try await principal(request)
        let query = try DashboardEventQuery(parameters: ListQuery.formParameters(request.uri.query ?? ""))
        try await require(principal, "list", "events", in: namespace)
        var counts = StatusCounts()
        var rows: [DashboardEventRow] = []
        for event in try await store.events(namespace: namespace, entity: nil) where query.matches(event) {
            guard let row = DashboardEventRow(event) else { continue }
            counts.add(row.status)
            rows.append(row)
        }
        rows.sort(by: query.precedes)
        let page = Array(rows.dropFirst(query.offset).prefix(query.limit))
        return try APIRoutes.json(EventPage(total: rows.count, offset: query.offset, counts: counts, items: page))
    }

    private struct EntityRow: Codable, Sendable {
        var name: String
        var entityClass: String
        var subscriptions: [String]
        var agentVersion: String
        var lastSeen: Int64
        var worstStatus: UInt32
        var keepaliveStatus: UInt32?
        var events: Int

        enum CodingKeys: String, CodingKey {
            case name, subscriptions, events
            case entityClass = "entity_class"
            case agentVersion = "agent_version"
            case lastSeen = "last_seen"
            case worstStatus = "worst_status"
            case keepaliveStatus = "keepalive_status"
        }
    }

    private func entityRows(_ request: Request, namespace: String) async throws -> Response {
        let principal = try await principal(request)
        try await require(principal, "list", "entities", in: namespace)
        let readsEvents = try await authorizer.allows(
            principal, AccessRequest(verb: "list", resource: "events", namespace: namespace))
        var worst: [String: (rank: Int, status: UInt32, count: Int)] = [:]
        var keepalive: [String: UInt32] = [:]
        if readsEvents {
            for event in try await store.events(namespace: namespace, entity: nil) {
                guard let row = DashboardEventRow(event) else { continue }
                if row.check == "keepalive" { keepalive[row.entity] = row.status }
                let current = worst[row.entity] ?? (rank: 4, status: 0, count: 0)
                worst[row.entity] =
                    row.severity < current.rank
                    ? (row.severity, row.status, current.count + 1) : (current.rank, current.status, current.count + 1)
            }
        }
        let rows = try await store.entities(namespace: namespace).map { entity in
            let name = entity.metadata.name
            return EntityRow(
                name: name, entityClass: entity.entityClass, subscriptions: entity.subscriptions,
                agentVersion: entity.sensuAgentVersion, lastSeen: entity.lastSeen,
                worstStatus: worst[name]?.status ?? 0, keepaliveStatus: keepalive[name],
                events: worst[name]?.count ?? 0)
        }
        return try APIRoutes.json(rows)
    }

    // MARK: YAML

    private static func resourceType(_ request: Request) throws(APIError) -> ResourceType {
        let name = ListQuery.formParameters(request.uri.query ?? "")["type"] ?? ""
        guard let type = ResourceType.allCases.first(where: { $0.typeName == name }) else {
            throw APIError(.invalidArgument, "type: unknown resource type \"\(name)\"")
        }
        return type
    }

    private func encodeYAML(_ request: Request) async throws -> Response {
        let type = try Self.resourceType(request)
        let data = try await APIRoutes.body(of: request)
        let decoded: DecodedResources
        do {
            decoded = try ResourceCodec(validates: false).decodeBare(type, from: data)
        } catch {
            throw APIError(.invalidArgument, error.description)
        }
        let text = try ResourceCodec.encodeYAML(decoded.resources)
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private func decodeYAML(_ request: Request) async throws -> Response {
        let type = try Self.resourceType(request)
        let text = String(decoding: try await APIRoutes.body(of: request), as: UTF8.self)
        let decoded: DecodedResources
        do {
            decoded = try ResourceCodec(validates: false).decode(text)
        } catch {
            let first = error.diagnostics.first
            var message =
                first.map { diagnostic in
                    var parts: [String] = []
                    if let line = diagnostic.line { parts.append("line \(line)") }
                    if !diagnostic.path.isEmpty { parts.append(diagnostic.path) }
                    parts.append(diagnostic.message)
                    return parts.joined(separator: ": ")
                } ?? "invalid YAML"
            if error.diagnostics.count > 1 { message += " (and \(error.diagnostics.count - 1) more)" }
            throw APIError(.invalidArgument, message)
        }
        guard decoded.resources.count == 1, let resource = decoded.resources.first else {
            throw APIError(.invalidArgument, "expected exactly one \(type.typeName) document")
        }
        guard resource.resourceType == type else {
            throw APIError(
                .invalidArgument, "type: expected \(type.typeName), the document is a \(resource.resourceType.typeName)"
            )
        }
        if let unknown = decoded.warnings.first {
            let line = unknown.line.map { "line \($0): " } ?? ""
            throw APIError(.invalidArgument, "\(line)\(unknown.path): unknown field")
        }
        return try APIRoutes.json(try resource.jsonValue())
    }
}
