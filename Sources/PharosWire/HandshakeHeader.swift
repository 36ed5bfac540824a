/// HTTP header names of the agent WebSocket handshake (Sensu Go 6.x, reference §3.1).
public enum HandshakeHeader {
    /// The agent's entity name.
    public static let agentName = "Sensu-AgentName"
    /// The agent's namespace; the backend answers 404 when it does not exist.
    public static let namespace = "Sensu-Namespace"
    /// The agent's user (password authentication).
    public static let user = "Sensu-User"
    /// Comma-joined subscriptions the agent declares.
    public static let subscriptions = "Sensu-Subscriptions"
    /// The backend's name, sent in the upgrade response.
    public static let backendID = "Backend-ID"
}
