import Foundation
import HummingbirdWebSocket
import PharosCore

/// One upgraded agent connection in the gateway's registry: its subscriptions, outbound writer and the entity
/// config it was last sent.
struct AgentSession: Sendable {
    /// Distinguishes a reconnection of the same agent from the connection it replaces.
    var id: UUID
    /// The user the agent authenticated as.
    var user: String
    /// Subscriptions the session receives check requests for (always with `entity:<name>`).
    var subscriptions: Set<String>
    /// Writes frames to the agent; valid while the session's handler runs.
    var outbound: WebSocketOutboundWriter
    /// The stored entity config last sent to the agent (`nil`: none was stored).
    var sentConfig: EntityConfig?
}
