public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOFoundationCompat
public import NIOHTTP1
public import PharosCore
import PharosWire

/// A typed client for the Pharos (Sensu Go 6 compatible) REST API: authentication, and create-or-replace, list,
/// fetch and delete of `core/v2` resources (reference §2.1-2.3).
///
/// Request bodies and answers are bare resources (metadata inline), as the `core/v2` API sends them. Every
/// non-2xx answer becomes a ``ClientError`` carrying the server's `{"message", "code"}` and the HTTP status.
public struct PharosClient: Sendable {
    /// The API base URL, e.g. `http://127.0.0.1:8080` (no trailing slash).
    public var apiURL: String
    /// The bearer token sent on API requests; `nil` sends none.
    public var accessToken: String?
    /// An API key (a UUID) sent as `Authorization: Key <uuid>` instead of the bearer token when set (Sensu Go 6
    /// API keys, reference §2.2).
    public var apiKey: String?
    /// The HTTP client the requests go through.
    public var httpClient: HTTPClient
    /// Time allowed for one whole request (connect, send, answer).
    public var timeout: Duration

    /// Largest answer body read, in bytes (64 MiB).
    public static let maximumResponseBytes = 64 << 20

    /// Creates a client.
    /// - Parameters:
    ///   - apiURL: The API base URL, e.g. `http://127.0.0.1:8080`; a trailing `/` is dropped.
    ///   - accessToken: The bearer token for API requests, or `nil`.
    ///   - httpClient: The HTTP client to use (default: the shared one).
    ///   - timeout: Time allowed for one request (default 15 s, sensuctl's `--timeout`).
    public init(
        apiURL: String, accessToken: String?, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(15)
    ) {
        var url = apiURL
        while url.hasSuffix("/") { url.removeLast() }
        self.apiURL = url
        self.accessToken = accessToken
        self.httpClient = httpClient
        self.timeout = timeout
    }

    // MARK: Authentication

    /// Logs in with a user name and password: `GET /auth` with HTTP Basic credentials.
    /// - Returns: The access and refresh tokens.
    /// - Throws: `ClientError` (`.server` with HTTP 401 for wrong credentials, `.connection`, `.invalidResponse`).
    public func authenticate(username: String, password: String) async throws(ClientError) -> Tokens {
        let credentials = Data("\(username):\(password)".utf8).base64EncodedString()
        let answer = try await send(.GET, "/auth", authorization: "Basic \(credentials)")
        return try decode(Tokens.self, from: answer.body, url: url(for: "/auth"))
    }

    /// Exchanges a refresh token for new tokens: `POST /auth/token` with the (possibly expired) access token as
    /// bearer and the body `{"refresh_token": …}`.
    /// - Returns: The new tokens.
    /// - Throws: `ClientError` (`.server` with HTTP 401 when the refresh token is no longer valid).
    public func refresh(refreshToken: String) async throws(ClientError) -> Tokens {
        let body = Data(#"{"refresh_token":"#.utf8) + jsonString(refreshToken) + Data("}".utf8)
        let answer = try await send(.POST, "/auth/token", body: body, authorization: accessToken.map { "Bearer \($0)" })
        return try decode(Tokens.self, from: answer.body, url: url(for: "/auth/token"))
    }

    // MARK: Resources

    /// Creates or replaces `resource`: `PUT` of its bare JSON to `resource.uriPath`; the server answers 201 (200
    /// for entities).
    /// - Throws: `ClientError` for a non-2xx answer or no answer.
    public func put(_ resource: AnyResource) async throws(ClientError) {
        let body: Data
        do {
            body = try Self.encoder.encode(resource.jsonValue())
        } catch {
            throw ClientError(
                .invalidRequest(reason: "cannot encode \(resource.resourceType.typeName) \(resource.name): \(error)"))
        }
        _ = try await send(.PUT, resource.uriPath, body: body)
    }

    /// Lists the resources of one type: `GET /api/core/v2/namespaces/{ns}/{collection}`, or
    /// `GET /api/core/v2/{collection}` for a cluster-wide type or when `namespace` is `nil` (all namespaces).
    /// With `query.chunkSize` the list is fetched in pages of that many (`limit`), following the `Sensu-Continue`
    /// header until the server sends none (reference §2.4).
    /// - Parameters:
    ///   - type: The resource type, e.g. `CheckConfig.self`.
    ///   - namespace: The namespace, or `nil` for every namespace.
    ///   - query: Page size and label/field selectors.
    /// - Returns: The resources in the server's order.
    /// - Throws: `ClientError` for a non-2xx answer, no answer or a body that is not an array of `type`.
    public func list<R: Resource>(
        _ type: R.Type, namespace: String?, query: ListQuery = ListQuery()
    ) async throws(ClientError) -> [R] {
        let path = Self.collectionPath(type.resourceType, namespace: namespace)
        var items: [R] = []
        var continueToken: String?
        var pages = 0
        repeat {
            let target = path + query.queryString(continueToken: continueToken)
            let answer = try await send(.GET, target)
            items += try decode([R].self, from: answer.body, url: url(for: target))
            continueToken = answer.headers[ListQuery.continueHeader.lowercased()].flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
            if pages > ListQuery.maximumPages {
                throw ClientError(
                    .invalidResponse(url: url(for: path), reason: "more than \(ListQuery.maximumPages) pages"))
            }
        } while continueToken != nil && query.chunkSize > 0
        return items
    }

    /// Fetches one resource: `GET {collection path}/{name}`.
    /// - Returns: The resource.
    /// - Throws: `ClientError` (`.server` with HTTP 404 when it does not exist).
    public func get<R: Resource>(_ type: R.Type, name: String, namespace: String?) async throws(ClientError) -> R {
        let path = Self.collectionPath(type.resourceType, namespace: namespace) + "/" + Self.escape(name)
        let answer = try await send(.GET, path)
        return try decode(R.self, from: answer.body, url: url(for: path))
    }

    /// Deletes one resource: `DELETE {collection path}/{name}`; the server answers 204.
    /// - Throws: `ClientError` (`.server` with HTTP 404 when it does not exist).
    public func delete(_ type: ResourceType, name: String, namespace: String?) async throws(ClientError) {
        let path = Self.collectionPath(type, namespace: namespace) + "/" + Self.escape(name)
        _ = try await send(.DELETE, path)
    }

    /// The collection path of `type`: `/api/core/v2/namespaces/{ns}/{collection}` for a namespaced type with a
    /// namespace, otherwise `/api/core/v2/{collection}`.
    public static func collectionPath(_ type: ResourceType, namespace: String?) -> String {
        if type.isNamespaced, let namespace {
            return "/api/core/v2/namespaces/\(escape(namespace))/\(type.collection)"
        }
        return "/api/core/v2/\(type.collection)"
    }

    // MARK: Transport

    /// A 2xx answer: its status, headers and body.
    public struct Answer: Sendable, Hashable {
        /// The HTTP status code.
        public var status: Int
        /// The body bytes.
        public var body: Data
        /// The response headers, names lowercased (the last value wins for repeated names).
        public var headers: [String: String] = [:]
    }

    /// Sends one request to `path` (below `apiURL`) and returns a 2xx answer.
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - path: The absolute path, e.g. `/api/core/v2/namespaces`.
    ///   - body: A JSON body, or `nil`.
    ///   - authorization: The `Authorization` header; `nil` sends `Key <apiKey>` when there is an API key, else
    ///     `Bearer <accessToken>` when there is a token.
    /// - Throws: `ClientError` for a non-2xx answer (with the server's message and code) or no answer.
    public func send(
        _ method: HTTPMethod, _ path: String, body: Data? = nil, authorization: String? = nil
    ) async throws(ClientError) -> Answer {
        let target = url(for: path)
        guard target.hasPrefix("http://") || target.hasPrefix("https://") else {
            throw ClientError(.invalidRequest(reason: "invalid API URL \"\(apiURL)\": expected http:// or https://"))
        }
        var request = HTTPClientRequest(url: target)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let header = authorization ?? apiKey.map({ "Key \($0)" }) ?? accessToken.map({ "Bearer \($0)" }) {
            request.headers.add(name: "Authorization", value: header)
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        let status: Int
        let data: Data
        var headers: [String: String] = [:]
        do {
            let response = try await httpClient.execute(request, timeout: Self.timeAmount(timeout))
            status = Int(response.status.code)
            for header in response.headers { headers[header.name.lowercased()] = header.value }
            data = Data(buffer: try await response.body.collect(upTo: Self.maximumResponseBytes))
        } catch {
            throw ClientError(.connection(url: target, reason: Self.reason(for: error, timeout: timeout)))
        }
        guard (200..<300).contains(status) else {
            throw Self.serverError(status: status, body: data)
        }
        return Answer(status: status, body: data, headers: headers)
    }

    /// The full URL of `path`.
    public func url(for path: String) -> String { apiURL + path }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    func decode<T: Decodable>(_ type: T.Type, from data: Data, url: String) throws(ClientError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            let detail: String
            switch error {
            case DecodingError.keyNotFound(let key, _): detail = "missing field \"\(key.stringValue)\""
            case DecodingError.typeMismatch(let expected, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                detail = "field \"\(path)\" is not a \(expected)"
            default: detail = "not the expected JSON"
            }
            throw ClientError(.invalidResponse(url: url, reason: detail))
        }
    }

    func jsonString(_ value: String) -> Data {
        (try? JSONEncoder().encode(value)) ?? Data("\"\"".utf8)
    }

    /// The error for a non-2xx answer: the server's `{"message","code"}` when the body is one, else its text or
    /// the HTTP reason phrase.
    static func serverError(status: Int, body: Data) -> ClientError {
        if let error = try? JSONDecoder().decode(ErrorBody.self, from: body) {
            return ClientError(.server(status: status, message: error.message, code: error.code))
        }
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let firstLine = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init)
        let message = firstLine ?? HTTPResponseStatus(statusCode: status).reasonPhrase
        return ClientError(.server(status: status, message: message, code: nil))
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// A short reason for a transport failure: connection refused, timeout, DNS or TLS.
    static func reason(for error: any Error, timeout: Duration) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return "no answer within \(timeout.components.seconds) s"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: break
            }
        }
        let text = String(describing: error)
        let lowered = text.lowercased()
        if lowered.contains("refused") { return "connection refused" }
        if lowered.contains("unknown host") || lowered.contains("name or service not known")
            || lowered.contains("lookup")
        {
            return "host name not found"
        }
        return text
    }

    /// Characters Go's `url.PathEscape` leaves alone in a path segment, plus `*` (RFC 3986 allows it in a path;
    /// silence names such as `linux:*` stay readable; the server decodes `%2A` too).
    private static let segmentCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~$&+:=@*")

    /// Percent-escapes one path segment like Go's `url.PathEscape`.
    public static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? segment
    }
}
