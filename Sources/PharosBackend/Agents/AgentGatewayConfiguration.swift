public import NIOSSL

/// Where and how the agent gateway listens.
public struct AgentGatewayConfiguration: Sendable {
    /// Host to bind (`[::]` or `::` for every address; brackets are removed).
    public var host: String
    /// TCP port (8081 by default; 0 picks a free port).
    public var port: Int
    /// TLS for `wss://`, or `nil` for plain `ws://`.
    public var tls: TLSConfiguration?
    /// The value of the `Backend-ID` response header.
    public var backendID: String
    /// Largest accepted WebSocket message, bytes (default 1 MiB).
    public var maxMessageSize: Int

    /// Creates a configuration.
    public init(
        host: String = "::", port: Int = 8081, tls: TLSConfiguration? = nil, backendID: String = "pharos-backend",
        maxMessageSize: Int = 1 << 20
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.backendID = backendID
        self.maxMessageSize = maxMessageSize
    }
}
