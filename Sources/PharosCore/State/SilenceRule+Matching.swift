extension SilenceRule {
    /// The per-entity subscription every entity carries, `entity:<name>`.
    /// - Parameter entityName: The entity's name.
    /// - Returns: `entity:` followed by the name.
    public static func entitySubscription(for entityName: String) -> String {
        "entity:\(entityName)"
    }

    /// Sensu's basic match: (`subscription` empty, `*` or equal to `candidateSubscription`) and
    /// (`check` empty, `*` or equal to `checkName`) (Sensu Go `core/v2` `Silenced.Matches`).
    /// - Parameters:
    ///   - candidateSubscription: One subscription of the event.
    ///   - checkName: The event's check name.
    /// - Returns: Whether both parts match.
    public func matches(subscription candidateSubscription: String, checkName: String) -> Bool {
        let subscriptionMatches =
            subscription.isEmpty || subscription == "*" || subscription == candidateSubscription
        let checkMatches = check.isEmpty || check == "*" || check == checkName
        return subscriptionMatches && checkMatches
    }

    /// Whether this rule silences an event, ignoring time (reference §7.2 step 3).
    ///
    /// The rule matches when any of these holds, each using ``matches(subscription:checkName:)``:
    /// - (a) it matches the entity's own subscription `entity:<entityName>` (this also covers `*:<check>`);
    /// - (b) it matches any of the entity's subscriptions, whether or not the check lists it: a silence `site-a:*`
    ///   silences everything on the entities subscribed to `site-a` (sensu/sensu-go#3765; Sensu Go 6.x required
    ///   the subscription on both the check and the entity for agent events);
    /// - (c) proxy events only: it matches any of the check's subscriptions (`db-role:*` silences a proxy check
    ///   published to `db-role`, whatever the proxy entity's subscriptions). An agent event does not match a
    ///   subscription that only the check lists: the agent is not one of those hosts.
    ///
    /// - Parameters:
    ///   - checkName: The event's check name.
    ///   - checkSubscriptions: The check's subscriptions.
    ///   - entityName: The event's entity name.
    ///   - entitySubscriptions: The entity's subscriptions.
    ///   - entityIsProxy: Whether the event is a proxy event: the check has a `proxy_entity_name`, or the entity's
    ///     class is not `agent`.
    /// - Returns: Whether the rule matches; combine with ``isActive(at:)`` to know whether it applies now.
    public func matches(
        checkName: String,
        checkSubscriptions: [String],
        entityName: String,
        entitySubscriptions: [String],
        entityIsProxy: Bool
    ) -> Bool {
        if matches(subscription: Self.entitySubscription(for: entityName), checkName: checkName) {
            return true
        }
        if entitySubscriptions.contains(where: { matches(subscription: $0, checkName: checkName) }) {
            return true
        }
        return entityIsProxy && checkSubscriptions.contains { matches(subscription: $0, checkName: checkName) }
    }

    /// The names of the rules that silence an event at `now`: the value of `check.silenced`
    /// (`is_silenced` is "non-empty").
    ///
    /// A rule counts when ``isActive(at:)`` and
    /// ``matches(checkName:checkSubscriptions:entityName:entitySubscriptions:entityIsProxy:)`` both hold.
    /// - Parameters:
    ///   - rules: The namespace's silences.
    ///   - checkName: The event's check name.
    ///   - checkSubscriptions: The check's subscriptions.
    ///   - entityName: The event's entity name.
    ///   - entitySubscriptions: The entity's subscriptions.
    ///   - entityIsProxy: Whether the event is a proxy event (see the `matches` overload).
    ///   - now: Unix seconds.
    /// - Returns: Derived names (``name``), without duplicates, sorted ascending.
    public static func silencedBy(
        _ rules: [SilenceRule],
        checkName: String,
        checkSubscriptions: [String],
        entityName: String,
        entitySubscriptions: [String],
        entityIsProxy: Bool,
        at now: Int64
    ) -> [String] {
        let names = rules.lazy
            .filter {
                $0.isActive(at: now)
                    && $0.matches(
                        checkName: checkName, checkSubscriptions: checkSubscriptions, entityName: entityName,
                        entitySubscriptions: entitySubscriptions, entityIsProxy: entityIsProxy)
            }
            .map(\.name)
        return Set(names).sorted()
    }

    /// The silences to delete when an event resolves: those named in the event's `check.silenced` that have
    /// `expire_on_resolve` (reference §7.2 step 4). The caller removes them from `check.silenced` too.
    ///
    /// Only call this when the transition ``CheckTransition/isResolution`` is true.
    /// - Parameters:
    ///   - rules: The namespace's silences.
    ///   - silencedNames: The event's `check.silenced`.
    /// - Returns: Names to delete, without duplicates, sorted ascending.
    public static func expiringOnResolution(_ rules: [SilenceRule], silencedNames: [String]) -> [String] {
        let silenced = Set(silencedNames)
        let names = rules.lazy.filter { $0.expireOnResolve && silenced.contains($0.name) }.map(\.name)
        return Set(names).sorted()
    }
}
