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
        var labels = configuration.labels
        if configuration.agentManagedEntity { labels[managedByLabel] = "sensu-agent" }
        var system = system
        if configuration.stripNetworks { system.network = EntityNetwork() }
        return Entity(
            metadata: ObjectMeta(
                name: configuration.name, namespace: configuration.namespace, labels: labels,
                annotations: configuration.annotations),
            entityClass: "agent", system: system, subscriptions: allSubscriptions, lastSeen: now,
            deregister: configuration.deregister,
            deregistration: Deregistration(handler: configuration.deregistrationHandler), user: configuration.user,
            redact: configuration.redact, sensuAgentVersion: AgentVersion.current,
            keepaliveHandlers: configuration.keepaliveHandlers)
    }

    /// The label an agent-managed entity carries (Sensu `--agent-managed-entity`, reference §4.3).
    public static let managedByLabel = "sensu.io/managed_by"

    /// A keepalive event: check `keepalive` with `interval` = keepalive-interval and `timeout` = keepalive-timeout
    /// (seconds), status 0, `executed`/`issued`/`timestamp` = `now`, a fresh UUID and the connection's `sequence`.
    public static func keepalive(
        entity: Entity, configuration: AgentConfiguration, now: Int64, sequence: Int64
    ) -> Event {
        let config = CheckConfig(
            metadata: ObjectMeta(name: "keepalive", namespace: configuration.namespace),
            interval: UInt32(clamping: configuration.keepaliveInterval.components.seconds),
            ttl: configuration.keepaliveCriticalTimeout.components.seconds,
            timeout: UInt32(clamping: configuration.keepaliveTimeout.components.seconds),
            pipelines: configuration.keepalivePipelines.map {
                ResourceReference(name: $0, type: "Pipeline", apiVersion: "core/v2")
            })
        return Event(
            timestamp: now, entity: entity,
            check: Check(config: config, status: 0, issued: now, executed: now, processedBy: configuration.name),
            metadata: ObjectMeta(
                namespace: configuration.namespace, labels: configuration.keepaliveCheckLabels,
                annotations: configuration.keepaliveCheckAnnotations),
            id: UUID().uuidString.lowercased(), sequence: sequence)
    }

    /// The current Unix time in seconds.
    public static func unixNow() -> Int64 {
        Int64(Date().timeIntervalSince1970)
    }
}
