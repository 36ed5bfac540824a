/// The WebSocket handshake with a backend did not complete within `backend-handshake-timeout` (Sensu Go 6.x agent,
/// reference §3.1): the TCP connection, TLS handshake or HTTP upgrade answer took too long.
public struct HandshakeTimeoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The allowed time.
    public var timeout: Duration

    /// Creates the error.
    public init(timeout: Duration) {
        self.timeout = timeout
    }

    /// `WebSocket handshake with the backend not completed within 2.0 seconds (backend-handshake-timeout)`.
    public var description: String {
        "WebSocket handshake with the backend not completed within \(timeout) (backend-handshake-timeout)"
    }
}
