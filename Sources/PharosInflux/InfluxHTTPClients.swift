import AsyncHTTPClient
import NIOSSL

/// The process-wide HTTP clients of ``InfluxWriter/writePooled(_:)``: one verifying TLS certificates, one not. They
/// live as long as the process (like `HTTPClient.shared`), so they are never shut down and keep their connections
/// to InfluxDB between writes.
enum InfluxHTTPClients {
    /// Verifies the server's certificate (the default).
    static let verifying = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration(verifying: true))
    /// Does not verify the server's certificate (`--insecure-skip-verify`).
    static let insecure = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration(verifying: false))

    private static func configuration(verifying: Bool) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        // One attempt, as the pipe handler does: a refused connection fails the write at once (counted, logged).
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = InfluxWriter.connectTimeout
        if !verifying {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            configuration.tlsConfiguration = tls
        }
        return configuration
    }
}
