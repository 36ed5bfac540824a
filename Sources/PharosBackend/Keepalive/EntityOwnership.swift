public import PharosCore

/// Who owns an agent entity's configuration when an agent connects to an entity the store already has (reference
/// §4.3, field failure #18 item 6), decided on the first keepalive of each connection:
/// - **backend-owned** (the default, Sensu's contract): the stored copy is authoritative; fields where the agent's
///   configuration differs are ignored and named, so the monitor can log one warning per connection.
/// - **agent-managed** (`--agent-managed-entity`, label `sensu.io/managed_by: sensu-agent`): the agent's labels,
///   annotations, subscriptions and other settings replace the stored ones; the API then refuses updates (409).
/// - **handed back**: the stored entity is agent-managed but the agent no longer says so: the label is removed and
///   the backend owns the stored copy again (the agent's differing fields are ignored and named as above).
/// - **ephemeral**: a stored `deregister: true` entity belongs to the agent process that registered it; a newly
///   connecting agent's configuration replaces it (a SIGKILLed agent restarted at once is not stuck with the old
///   one until the keepalive timeout).
public enum EntityOwnership {
    /// The label an agent-managed entity carries.
    public static let managedByLabel = "sensu.io/managed_by"
    /// Its value for an entity managed by its agent.
    public static let managedByAgent = "sensu-agent"

    /// What reconciling a connecting agent's configuration with the stored one decided.
    public enum Decision: Sendable, Hashable {
        /// The stored copy stays; `ignored` lists the agent's differing fields (JSON names), maybe none.
        case backendOwned(ignored: [String])
        /// The agent manages the entity: its configuration replaced the stored one.
        case agentManaged
        /// The stored entity was agent-managed and the agent no longer is; `ignored` as for `backendOwned`.
        case handedBack(ignored: [String])
        /// The stored entity had `deregister: true`: the connecting agent's configuration replaced it.
        case ephemeralReplaced
    }

    /// Reconciles the stored configuration with the one the connecting agent reports.
    /// - Parameters:
    ///   - stored: The stored entity configuration.
    ///   - reported: The configuration in the agent's first keepalive of a connection.
    ///   - declaredSubscriptions: The subscriptions the agent declared in its handshake (its own configuration,
    ///     before any `entity_config` from the backend replaced them), or `nil` to use `reported`'s.
    /// - Returns: The configuration to keep (the caller stores it when it differs) and the decision.
    public static func reconcile(
        stored: EntityConfig, reported: EntityConfig, declaredSubscriptions: [String]? = nil
    ) -> (config: EntityConfig, decision: Decision) {
        var reported = reported
        if let declaredSubscriptions { reported.subscriptions = declaredSubscriptions }
        let agentManaged = reported.metadata.labels[managedByLabel] == managedByAgent
        if agentManaged || stored.deregister {
            var config = reported
            config.metadata.name = stored.metadata.name
            config.metadata.namespace = stored.metadata.namespace
            config.metadata.createdBy = stored.metadata.createdBy
            config.entityClass = "agent"
            if config.user.isEmpty { config.user = stored.user }
            let own = SilenceRule.entitySubscription(for: stored.metadata.name)
            if !config.subscriptions.contains(own) { config.subscriptions.append(own) }
            return (config, agentManaged ? .agentManaged : .ephemeralReplaced)
        }
        var config = stored
        let wasManaged = config.metadata.labels.removeValue(forKey: managedByLabel) != nil
        let ignored = differingFields(kept: config, reported: reported)
        return (config, wasManaged ? .handedBack(ignored: ignored) : .backendOwned(ignored: ignored))
    }

    /// The JSON names of the fields where the agent's configuration differs from the kept one (the entity's own
    /// `entity:NAME` subscription and the managed-by label left aside; list order ignored).
    static func differingFields(kept: EntityConfig, reported: EntityConfig) -> [String] {
        let own = SilenceRule.entitySubscription(for: kept.metadata.name)
        var keptLabels = kept.metadata.labels
        keptLabels.removeValue(forKey: managedByLabel)
        var reportedLabels = reported.metadata.labels
        reportedLabels.removeValue(forKey: managedByLabel)
        var fields: [String] = []
        if keptLabels != reportedLabels { fields.append("labels") }
        if kept.metadata.annotations != reported.metadata.annotations { fields.append("annotations") }
        if Set(kept.subscriptions).subtracting([own]) != Set(reported.subscriptions).subtracting([own]) {
            fields.append("subscriptions")
        }
        if kept.deregister != reported.deregister { fields.append("deregister") }
        if kept.deregistration != reported.deregistration { fields.append("deregistration") }
        if kept.keepaliveHandlers != reported.keepaliveHandlers { fields.append("keepalive_handlers") }
        if Set(kept.redact) != Set(reported.redact) { fields.append("redact") }
        return fields
    }
}
