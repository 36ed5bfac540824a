public import AsyncHTTPClient
import NIOSSL

/// How the client trusts an `https://` API (sensuctl's `--trusted-ca-file` and `--insecure-skip-tls-verify`).
public struct TLSOptions: Sendable, Hashable, Codable {
    /// A PEM file of CA certificates trusted instead of the system store; empty uses the system store.
    public var trustedCAFile: String
    /// Whether the server's certificate is accepted without verification (testing only).
    public var insecureSkipVerify: Bool

    /// Creates options.
    /// - Parameters:
    ///   - trustedCAFile: PEM CA bundle path, or empty for the system trust store.
    ///   - insecureSkipVerify: Skip certificate verification.
    public init(trustedCAFile: String = "", insecureSkipVerify: Bool = false) {
        self.trustedCAFile = trustedCAFile
        self.insecureSkipVerify = insecureSkipVerify
    }

    /// Whether these are the defaults (system trust store, verification on): the shared HTTP client serves them.
    public var isDefault: Bool { trustedCAFile.isEmpty && !insecureSkipVerify }

    /// A new HTTP client configured with these options; the caller owns it (and shuts it down, or lets the
    /// process end).
    /// - Throws: `ClientError` (`.invalidRequest`) naming the CA file when it cannot be read as PEM certificates.
    public func makeHTTPClient() throws(ClientError) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !trustedCAFile.isEmpty {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(trustedCAFile)
                guard !certificates.isEmpty else {
                    throw ClientError(.invalidRequest(reason: "--trusted-ca-file \(trustedCAFile): no certificate"))
                }
                tls.trustRoots = .certificates(certificates)
            } catch let error as ClientError {
                throw error
            } catch {
                throw ClientError(.invalidRequest(reason: "--trusted-ca-file \(trustedCAFile): \(error)"))
            }
        }
        if insecureSkipVerify { tls.certificateVerification = .none }
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tls
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }
}
