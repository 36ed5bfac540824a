import ArgumentParser
import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1
import NIOSSL
public import PharosCore

/// Sends line-protocol text to InfluxDB 1.x: `POST {address}/write?db=…&precision=…` with HTTP basic
/// authentication when a user name is given (InfluxDB 1.x accepts it as well as `u`/`p` query parameters; the
/// header keeps the password out of URLs and error messages).
///
/// Two writers are equal when they write to the same URL with the same credentials and TLS setting (the built-in
/// sink batches per writer).
public struct InfluxWriter: Sendable, Hashable {
    /// Time allowed for the whole request (connect, send, answer); Sensu's handler timeout is 10 s in the seed.
    public static let requestTimeout = TimeAmount.seconds(8)
    /// Time allowed to open the TCP (and TLS) connection.
    public static let connectTimeout = TimeAmount.seconds(5)
    /// Most bytes of an error answer read back for the message.
    public static let maximumErrorBody = 64 * 1024

    /// `{address}/write?db=…&precision=…` (no credentials).
    public let writeURL: String
    /// The `Authorization` header value (`Basic …`), or `nil` without a user name.
    let authorization: String?
    /// Whether the server's TLS certificate is not verified.
    public let insecureSkipVerify: Bool

    /// Creates a writer.
    /// - Parameters:
    ///   - address: `http://host:port` or `https://host:port` (a trailing `/` is ignored).
    ///   - database: the `db` parameter.
    ///   - precision: the `precision` parameter (the unit of the timestamps written).
    ///   - username: HTTP basic user; `nil` or empty sends no `Authorization` header.
    ///   - password: HTTP basic password.
    ///   - insecureSkipVerify: do not verify the server's certificate (https).
    /// - Throws: ArgumentParser's `ValidationError` when `address` is not an `http`/`https` URL with a host.
    public init(
        address: String,
        database: String,
        precision: InfluxPrecision,
        username: String?,
        password: String?,
        insecureSkipVerify: Bool
    ) throws {
        guard let base = URL(string: address), let scheme = base.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = base.host, !host.isEmpty
        else {
            throw ValidationError("--addr must be an http:// or https:// URL with a host (got '\(address)')")
        }
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "db", value: database), URLQueryItem(name: "precision", value: precision.rawValue),
        ]
        let query = components.percentEncodedQuery ?? ""
        var root = address
        while root.hasSuffix("/") { root.removeLast() }
        self.writeURL = root + "/write?" + query
        if let username, !username.isEmpty {
            let credentials = Data("\(username):\(password ?? "")".utf8).base64EncodedString()
            self.authorization = "Basic " + credentials
        } else {
            self.authorization = nil
        }
        self.insecureSkipVerify = insecureSkipVerify
    }

    /// Writes `body` (newline-separated line-protocol lines) with a client made for this one request and shut
    /// down after it (a process that writes once: the pipe handler).
    /// - Parameter body: the `/write` request body.
    /// - Throws: ``InfluxWriteError`` for a connection failure or a non-2xx answer.
    public func write(_ body: String) async throws {
        var configuration = HTTPClient.Configuration()
        // One attempt: a refused connection or unknown host fails at once instead of being retried until the
        // request deadline (Sensu runs the handler once per event; the failure is what the operator needs to see).
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = Self.connectTimeout
        if insecureSkipVerify {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            configuration.tlsConfiguration = tls
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let result: Result<Void, InfluxWriteError>
        do {
            result = .success(try await send(body, with: client))
        } catch let error as InfluxWriteError {
            result = .failure(error)
        } catch {
            result = .failure(InfluxWriteError(url: writeURL, reason: .unreachable("\(error)")))
        }
        try await client.shutdown()
        try result.get()
    }

    /// Writes `body` over the process-wide pooled client (kept connections; for a long-lived writer such as the
    /// backend's built-in sink).
    /// - Parameter body: the `/write` request body.
    /// - Throws: ``InfluxWriteError`` for a connection failure or a non-2xx answer.
    public func writePooled(_ body: String) async throws {
        let client = insecureSkipVerify ? InfluxHTTPClients.insecure : InfluxHTTPClients.verifying
        do {
            try await send(body, with: client)
        } catch let error as InfluxWriteError {
            throw error
        } catch {
            throw InfluxWriteError(url: writeURL, reason: .unreachable("\(error)"))
        }
    }

    private func send(_ body: String, with client: HTTPClient) async throws {
        var request = HTTPClientRequest(url: writeURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: Self.requestTimeout)
        guard (200..<300).contains(response.status.code) else {
            let answer = try await response.body.collect(upTo: Self.maximumErrorBody)
            let text = String(buffer: answer)
            var message = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let data = text.data(using: .utf8), let json = try? JSONDecoder().decode(JSONValue.self, from: data),
                let error = json["error"]?.stringValue
            {
                message = error
            }
            throw InfluxWriteError(
                url: writeURL,
                reason: .rejected(
                    status: Int(response.status.code), phrase: response.status.reasonPhrase, message: message)
            )
        }
    }
}
