import Foundation
import HummingbirdWebSocket
import Logging
import NIOCore
import PharosCore
import PharosStore
import PharosWire

extension AgentGateway {
    /// How often a session compares the stored entity config with the one it last sent (seconds).
    static let entityConfigPollInterval: Duration = .seconds(1)

    /// Pushes the stored entity config to the connected agent whenever it changes (API edits, `pharosctl`), and
    /// applies its subscriptions to the session at once, without a reconnect (Sensu Go 6.x agentd
    /// `sensu:entity-config` topic, reference §3.3 step 6). Runs until cancelled or a write fails.
    nonisolated func pushEntityConfigChanges(
        key: AgentSessionKey, id: UUID, sent: EntityConfig?, outbound: WebSocketOutboundWriter, logger: Logger
    ) async {
        var last = sent
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: Self.entityConfigPollInterval)
            } catch {
                return
            }
            guard let stored = try? await store.entityConfig(namespace: key.namespace, name: key.agent),
                stored != last
            else { continue }
            var config = stored
            // The backend keeps an agent's class `agent` (reference §3.3).
            if config.entityClass != "agent" { config.entityClass = "agent" }
            let own = SilenceRule.entitySubscription(for: key.agent)
            if !config.subscriptions.contains(own) { config.subscriptions.append(own) }
            do {
                let frame = try AgentFrame.make(.entityConfig, config)
                try await outbound.write(.binary(ByteBuffer(bytes: frame.bytes)))
            } catch {
                logger.info("entity config not delivered", metadata: ["error": "\(error)"])
                return
            }
            last = stored
            await updateSubscriptions(key, id: id, Set(config.subscriptions))
            logger.info(
                "entity config pushed to agent",
                metadata: ["subscriptions": "\(config.subscriptions.joined(separator: ","))"])
        }
    }
}
