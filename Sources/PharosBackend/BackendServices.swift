public import ServiceLifecycle

/// What `Backend.makeServices` assembles: the services in start order and the components the caller may need.
public struct BackendServices: Sendable {
    /// REST API, agent gateway, keepalive monitor and (when given) the scheduler, in that order.
    public var services: [any Service]
    /// The agent gateway (also the `CheckRequestPublisher` the scheduler uses).
    public var gateway: AgentGateway
    /// The event processor (the `EventSink` of the gateway, the monitor and the API).
    public var processor: EventProcessor
    /// The keepalive monitor.
    public var keepalives: KeepaliveMonitor
}
