import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat
import ServiceLifecycle
import Testing

/// A stand-in for the Pharos REST API, good enough for the CLI tests: `GET /auth` (Basic `admin`/`P@ssw0rd!`),
/// `POST /auth/token`, and `PUT`/`GET`/`DELETE` below `/api/core/v2` backed by an in-memory dictionary keyed by
/// path. It knows namespace `default` plus the ones PUT to `/api/core/v2/namespaces/NAME`; a resource in another
/// namespace gets 404 `{"message","code":2}`. Every request but `/auth` needs a bearer token it issued.
///
/// Replace it with the real `pharos-backend` API once that branch is merged.
final class FakeAPIServer: Sendable {
    /// What the server has seen and stored.
    actor State {
        var bodies: [String: Data] = [:]
        var namespaces: Set<String> = ["default"]
        var puts: [(path: String, body: Data)] = []
        var refreshes = 0
        var tokens: Set<String> = []
        var issued = 0
        /// Lifetime of issued access tokens in seconds (negative: already expired).
        var tokenLifetime: Int64 = 300

        func issue() -> (access: String, refresh: String, expiresAt: Int64) {
            issued += 1
            let access = "access-\(issued)"
            tokens.insert(access)
            return (access, "refresh-\(issued)", Int64(Date().timeIntervalSince1970) + tokenLifetime)
        }

        func setTokenLifetime(_ seconds: Int64) { tokenLifetime = seconds }
        func countRefresh() { refreshes += 1 }
        func knows(_ token: String) -> Bool { tokens.contains(token) }
        func addNamespace(_ name: String) { namespaces.insert(name) }
        func hasNamespace(_ name: String) -> Bool { namespaces.contains(name) }
        func store(_ path: String, _ body: Data) {
            puts.append((path, body))
            bodies[path] = body
        }
        func body(_ path: String) -> Data? { bodies[path] }
        func remove(_ path: String) -> Bool { bodies.removeValue(forKey: path) != nil }
        /// Bodies directly below `prefix` (one more path segment), sorted by path.
        func list(under prefix: String) -> [Data] {
            bodies.filter { path, _ in
                path.hasPrefix(prefix + "/") && !path.dropFirst(prefix.count + 1).contains("/")
            }.sorted { $0.key < $1.key }.map(\.value)
        }
        /// Bodies of `collection` in every namespace, sorted by path.
        func listAll(_ collection: String) -> [Data] {
            bodies.filter { path, _ in
                let parts = path.split(separator: "/")
                return parts.count == 7 && parts[3] == "namespaces" && parts[5] == collection
            }.sorted { $0.key < $1.key }.map(\.value)
        }
        func putPaths() -> [String] { puts.map(\.path) }
        func putBodies() -> [Data] { puts.map(\.body) }
    }

    let state: State
    let port: Int

    private init(port: Int, state: State) {
        self.port = port
        self.state = state
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts the server on 127.0.0.1 (a free port), runs `body`, then shuts the server down.
    static func with<T: Sendable>(_ body: (FakeAPIServer) async throws -> T) async throws -> T {
        let state = State()
        let router = Router(context: BasicRequestContext.self)
        router.get("/auth") { request, _ -> Response in
            let expected = "Basic " + Data("admin:P@ssw0rd!".utf8).base64EncodedString()
            guard request.headers[.authorization] == expected else {
                return json(401, #"{"message":"bad credentials","code":5}"#)
            }
            return json(200, tokens(await state.issue()))
        }
        router.post("/auth/token") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            let text = String(buffer: body)
            guard text.contains("refresh-") else { return json(401, #"{"message":"bad refresh token","code":5}"#) }
            await state.countRefresh()
            return json(200, tokens(await state.issue()))
        }
        for method in [HTTPRequest.Method.get, .put, .delete] {
            router.on("/api/core/v2/**", method: method) { request, _ -> Response in
                try await handle(request, state: state)
            }
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "FakeAPIServer")
        )
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: Logger(label: "FakeAPIServer")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = stream.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let server = FakeAPIServer(port: port, state: state)
            do {
                let result = try await body(server)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    private static func handle(_ request: Request, state: State) async throws -> Response {
        let authorization = request.headers[.authorization] ?? ""
        guard authorization.hasPrefix("Bearer "), await state.knows(String(authorization.dropFirst(7))) else {
            return json(401, #"{"message":"bad credentials","code":5}"#)
        }
        let path = request.uri.path
        let parts = path.split(separator: "/").map(String.init)  // api core v2 ...
        if parts.count >= 6, parts[3] == "namespaces", !(await state.hasNamespace(parts[4])) {
            return json(404, #"{"message":"namespace \"\#(parts[4])\" not found","code":2}"#)
        }
        switch request.method {
        case .put:
            let body = Data(buffer: try await request.body.collect(upTo: 512_000))
            guard (try? JSONSerialization.jsonObject(with: body)) is [String: Any] else {
                return json(400, #"{"message":"invalid JSON body","code":1}"#)
            }
            if parts.count == 5, parts[3] == "namespaces" { await state.addNamespace(parts[4]) }
            await state.store(path, body)
            return Response(status: .created)
        case .delete:
            return await state.remove(path)
                ? Response(status: .noContent) : json(404, #"{"message":"not found","code":2}"#)
        default:
            if let body = await state.body(path) { return json(200, String(decoding: body, as: UTF8.self)) }
            let items: [Data]
            switch parts.count {
            case 4: items = parts[3] == "namespaces" ? await state.list(under: path) : await state.listAll(parts[3])
            case 6: items = await state.list(under: path)
            default: return json(404, #"{"message":"not found","code":2}"#)
            }
            return json(200, "[" + items.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",") + "]")
        }
    }

    private static func tokens(_ issued: (access: String, refresh: String, expiresAt: Int64)) -> String {
        #"{"access_token":"\#(issued.access)","expires_at":\#(issued.expiresAt),"refresh_token":"\#(issued.refresh)"}"#
    }

    private static func json(_ status: Int, _ body: String) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
