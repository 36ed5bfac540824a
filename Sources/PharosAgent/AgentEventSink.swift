public import PharosCore

/// What the agent's local event sources (HTTP API, event socket, StatsD) need from the connection: the agent's
/// entity now, a way to queue an event for the backend (through the durable outbox), and whether the agent is
/// connected.
public struct AgentEventSink: Sendable {
    /// The agent's entity now.
    public var entity: @Sendable () async -> Entity
    /// Queues an event for the backend (never loses it while the outbox has room).
    public var enqueue: @Sendable (Event) async -> Void
    /// Whether a backend session is established.
    public var isConnected: @Sendable () async -> Bool

    /// Creates a sink from its three functions.
    public init(
        entity: @escaping @Sendable () async -> Entity, enqueue: @escaping @Sendable (Event) async -> Void,
        isConnected: @escaping @Sendable () async -> Bool
    ) {
        self.entity = entity
        self.enqueue = enqueue
        self.isConnected = isConnected
    }
}
