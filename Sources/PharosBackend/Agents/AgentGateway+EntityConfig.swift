import Foundation
import HummingbirdWebSocket
import Logging
import NIOCore
import PharosCore
import PharosStore
import PharosWire

extension AgentGateway {
    /// How often a session re-reads its stored entity config as a fallback (seconds): changes made through this
    /// backend's API are pushed at once (``entityConfigChanged(namespace:name:)``); the poll catches changes made
    /// by another process sharing the store. 30 s keeps 10,000 sessions at ≈ 333 reads/s.
    static let entityConfigPollInterval: Duration = .seconds(30)

    /// Pushes the stored entity config of a connected agent at once when it differs from the one last sent, and
    /// applies its subscriptions to the session without a reconnect (Sensu Go 6.x agentd `sensu:entity-config`
    /// topic, reference §3.3 step 6). Called by the API after it stores an entity; no-op when the agent is not
    /// connected here.
    public func entityConfigChanged(namespace: String, name: String) async {
        let key = AgentSessionKey(namespace: namespace, agent: name)
        guard let id = sessions[key]?.id else { return }
        var logger = logger
        logger[metadataKey: "agent.name"] = "\(key)"
        _ = await refreshEntityConfig(key, id: id, logger: logger)
    }

    /// Re-reads the session's stored entity config every ``entityConfigPollInterval`` and pushes it when changed;
    /// runs until cancelled or a write fails.
    nonisolated func pollEntityConfig(key: AgentSessionKey, id: UUID, logger: Logger) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: Self.entityConfigPollInterval)
            } catch {
                return
            }
            guard await refreshEntityConfig(key, id: id, logger: logger) else { return }
        }
    }

    /// Sends the stored entity config to session `id` of `key` when it differs from the one last sent.
    /// - Returns: `false` when the session is gone or the write failed (the session is ending).
    func refreshEntityConfig(_ key: AgentSessionKey, id: UUID, logger: Logger) async -> Bool {
        guard let session = sessions[key], session.id == id else { return false }
        guard let stored = try? await store.entityConfig(namespace: key.namespace, name: key.agent),
            stored != session.sentConfig
        else { return true }
        var config = stored
        // The backend keeps an agent's class `agent` (reference §3.3).
        if config.entityClass != "agent" { config.entityClass = "agent" }
        let own = SilenceRule.entitySubscription(for: key.agent)
        if !config.subscriptions.contains(own) { config.subscriptions.append(own) }
        do {
            let frame = try AgentFrame.make(.entityConfig, config)
            try await session.outbound.write(.binary(ByteBuffer(bytes: frame.bytes)))
        } catch {
            logger.info("entity config not delivered", metadata: ["error": "\(error)"])
            return false
        }
        guard sessions[key]?.id == id else { return false }
        sessions[key]?.sentConfig = stored
        sessions[key]?.subscriptions = Set(config.subscriptions)
        logger.info(
            "entity config pushed to agent",
            metadata: ["subscriptions": "\(config.subscriptions.joined(separator: ","))"])
        return true
    }
}
