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
    /// Largest accepted agent message, bytes (default 4 MiB, above the 3 MiB a Pharos agent ever sends,
    /// `AgentFrame.agentMessageLimit`). A larger message, up to four times this size, is read, skipped, counted
    /// (`AgentGateway.oversizedMessages`) and logged as a warning naming the agent and the size; the session stays
    /// up. Beyond four times this size the connection is closed (WebSocket close 1009) and the reason logged.
    public var maxMessageSize: Int

    /// Creates a configuration.
    public init(
        host: String = "::", port: Int = 8081, tls: TLSConfiguration? = nil, backendID: String = "pharos-backend",
        maxMessageSize: Int = 4 << 20
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.backendID = backendID
        self.maxMessageSize = maxMessageSize
    }
}
