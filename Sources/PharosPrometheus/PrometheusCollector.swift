import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Runs one collection: scrapes an exporter or asks a Prometheus server's query API, over HTTP(S) with
/// AsyncHTTPClient, and returns the samples.
public struct PrometheusCollector: Sendable {
    /// The largest body read (64 MiB); a bigger answer fails the scrape.
    public static let maxBodyBytes = 64 << 20

    /// The `Accept` header of an exporter scrape: the text format 0.0.4, which every exporter serves.
    public static let exporterAccept = "text/plain;version=0.0.4;q=1.0,*/*;q=0.1"

    /// What to ask and how.
    public var configuration: CollectorConfiguration

    /// Creates a collector for `configuration`.
    public init(configuration: CollectorConfiguration) {
        self.configuration = configuration
    }

    /// Makes the request and returns the samples.
    /// - Returns: the samples in exposition (or result) order.
    /// - Throws: ``CollectorError``: `tlsFile` when a TLS file cannot be loaded, `unreachable` when no answer came
    ///   (connection refused, timeout, TLS failure), `httpStatus` for a non-200 answer, `unparsableBody` or
    ///   `badQueryResponse`/`queryFailed` for an answer that cannot be read.
    public func collect() async throws(CollectorError) -> [CollectedSample] {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: try clientConfiguration())
        let result: Result<[CollectedSample], CollectorError>
        do {
            result = .success(try await run(client))
        } catch let error as CollectorError {
            result = .failure(error)
        } catch {
            result = .failure(.unreachable(url: requestURL, reason: "\(error)"))
        }
        try? await client.shutdown()
        return try result.get()
    }

    /// The URL requested: the exporter URL, or `<prom-url>/api/v1/query?query=<percent-encoded query>`.
    public var requestURL: String {
        switch configuration.target {
        case .exporter(let url):
            return url.text
        case .query(let url, let query):
            var base = url.text
            while base.hasSuffix("/") { base.removeLast() }
            return base + "/api/v1/query?query=" + Self.percentEncode(query)
        }
    }

    private func run(_ client: HTTPClient) async throws -> [CollectedSample] {
        let url = requestURL
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        if let authorization = configuration.authorization {
            request.headers.add(name: "Authorization", value: authorization)
        }
        if case .exporter = configuration.target {
            request.headers.add(name: "Accept", value: Self.exporterAccept)
        } else {
            request.headers.add(name: "Accept", value: "application/json")
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(configuration.timeoutSeconds))
        } catch {
            throw CollectorError.unreachable(url: Self.redacted(url), reason: Self.reason(error))
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw CollectorError.unreachable(url: Self.redacted(url), reason: "reading the body: \(Self.reason(error))")
        }
        let data = Data(body.readableBytesView)
        switch configuration.target {
        case .exporter:
            guard response.status == .ok else {
                throw CollectorError.httpStatus(
                    url: Self.redacted(url), status: Int(response.status.code), reason: response.status.reasonPhrase,
                    body: Self.excerpt(data))
            }
            return try CollectedSample.fromExposition(String(decoding: data, as: UTF8.self))
        case .query:
            guard response.status == .ok else {
                // The query API answers errors (400 bad_data, 422, 503) with its JSON error document.
                if case .failure(let error) = Result(catching: { () throws(CollectorError) in
                    try PrometheusQueryResponse.samples(from: data)
                }), case .queryFailed = error {
                    throw error
                }
                throw CollectorError.httpStatus(
                    url: Self.redacted(url), status: Int(response.status.code), reason: response.status.reasonPhrase,
                    body: Self.excerpt(data))
            }
            return try PrometheusQueryResponse.samples(from: data)
        }
    }

    private func clientConfiguration() throws(CollectorError) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(self.configuration.timeoutSeconds)
        configuration.timeout.read = .seconds(self.configuration.timeoutSeconds)
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        var tls = TLSConfiguration.makeClientConfiguration()
        let settings = self.configuration.tls
        if settings.insecureSkipVerify { tls.certificateVerification = .none }
        if let caFile = settings.caFile {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            } catch {
                throw .tlsFile(flag: "cacert", path: caFile, reason: "not a readable PEM certificate (\(error))")
            }
        }
        if let certificate = settings.certificate, let key = settings.key {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            } catch {
                throw .tlsFile(flag: "cert", path: certificate, reason: "not a readable PEM certificate (\(error))")
            }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            } catch {
                throw .tlsFile(flag: "key", path: key, reason: "not a readable PEM private key (\(error))")
            }
        }
        configuration.tlsConfiguration = tls
        return configuration
    }

    /// A short human reason for a transport error (`connection refused`, `timed out`, …).
    static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .connectTimeout: return "connect timed out"
            case .deadlineExceeded, .readTimeout: return "timed out"
            default: break
            }
        }
        return text.replacingOccurrences(of: "\n", with: " ")
    }

    /// The URL without a `user:password@` part.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + "***@" + String(rest[rest.index(after: at)...])
    }

    /// The first 200 characters of a body on one line.
    static func excerpt(_ data: Data) -> String {
        let text = String(decoding: data.prefix(200), as: UTF8.self)
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters (so `+`, `&`, `=` and spaces survive).
    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
