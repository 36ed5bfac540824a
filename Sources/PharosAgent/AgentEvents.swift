import Foundation
public import PharosCore

/// Builds the entity and the keepalive event an agent reports (Sensu Go 6.x `agent/agent.go`, reference §4.3, §4.7).
public enum AgentEvents {
    /// The agent's entity: configuration part from `configuration` (class `agent`, `subscriptions` plus
    /// `entity:NAME`, deregister, user, labels, default redaction list), state part from `system` and `now`.
    ///
    /// - Parameters:
    ///   - configuration: the agent configuration.
    ///   - subscriptions: the subscriptions in effect (the backend's `entity_config` may have replaced the
    ///     configured ones); `entity:NAME` is added when missing.
    ///   - system: the host facts (``SystemInfo/collect()``).
    ///   - now: Unix seconds for `last_seen`.
    public static func entity(
        configuration: AgentConfiguration, subscriptions: [String], system: EntitySystem, now: Int64
    ) -> Entity {
        let own = "entity:\(configuration.name)"
        let allSubscriptions = subscriptions.contains(own) ? subscriptions : subscriptions + [own]
        return Entity(
            metadata: ObjectMeta(
                name: configuration.name, namespace: configuration.namespace, labels: configuration.labels),
            entityClass: "agent", system: system, subscriptions: allSubscriptions, lastSeen: now,
            deregister: configuration.deregister, user: configuration.user, redact: Entity.defaultRedactedKeys,
            sensuAgentVersion: AgentVersion.current)
    }

    /// A keepalive event: check `keepalive` with `interval` = keepalive-interval and `timeout` = keepalive-timeout
    /// (seconds), status 0, `executed`/`issued`/`timestamp` = `now`, a fresh UUID and the connection's `sequence`.
    public static func keepalive(
        entity: Entity, configuration: AgentConfiguration, now: Int64, sequence: Int64
    ) -> Event {
        let config = CheckConfig(
            metadata: ObjectMeta(name: "keepalive", namespace: configuration.namespace),
            interval: UInt32(clamping: configuration.keepaliveInterval.components.seconds),
            timeout: UInt32(clamping: configuration.keepaliveTimeout.components.seconds))
        return Event(
            timestamp: now, entity: entity,
            check: Check(config: config, status: 0, issued: now, executed: now, processedBy: configuration.name),
            metadata: ObjectMeta(namespace: configuration.namespace), id: UUID().uuidString.lowercased(),
            sequence: sequence)
    }

    /// The current Unix time in seconds.
    public static func unixNow() -> Int64 {
        Int64(Date().timeIntervalSince1970)
    }
}
