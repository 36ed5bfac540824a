/// The message types of the agent⇄backend WebSocket protocol (Sensu Go 6.x transport, reference §3.2), plus Pharos'
/// `goodbye` for immediate de-registration on graceful shutdown (DESIGN.md).
public enum AgentMessageType: String, Sendable, Hashable, CaseIterable {
    /// agent → backend: a keepalive `Event` (check name `keepalive`).
    case keepalive
    /// agent → backend: a check result or metrics `Event`.
    case event
    /// backend → agent: a `CheckRequest`.
    case checkRequest = "check_request"
    /// backend → agent: the stored entity configuration (core/v3 `EntityConfig`).
    case entityConfig = "entity_config"
    /// agent → backend (Pharos extension): the agent is stopping gracefully; de-register now if `deregister` is set.
    case goodbye
}
