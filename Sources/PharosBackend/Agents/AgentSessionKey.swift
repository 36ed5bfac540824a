/// A connected agent, by namespace and agent (entity) name.
public struct AgentSessionKey: Sendable, Hashable, CustomStringConvertible {
    /// The agent's namespace.
    public var namespace: String
    /// The agent's name.
    public var agent: String

    /// Creates a key.
    public init(namespace: String, agent: String) {
        self.namespace = namespace
        self.agent = agent
    }

    /// `namespace/agent`.
    public var description: String { "\(namespace)/\(agent)" }
}
