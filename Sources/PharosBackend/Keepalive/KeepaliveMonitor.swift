public import Foundation
public import Logging
public import PharosCore
public import PharosStore

/// Watches agent keepalives (reference §4.7, DESIGN.md): registers entities on their first keepalive, refreshes
/// `last_seen` and stores an OK `keepalive` event on each one, and on a missed deadline emits a failing keepalive
/// event or, for `deregister: true`, de-registers the entity. `goodbye` de-registers at once.
///
/// Decisions live in `KeepaliveStateMachine`; this actor carries them out. Deadlines are kept in the store as one
/// `Deadline` row per entity (kind `.keepalive`, DESIGN.md §Store): written when an entity registers (before the
/// keepalive is acknowledged, so a backend killed right after still watches it when it comes back) and refreshed
/// by later keepalives whenever the stored deadline lags the real one by more than half a timeout (and at
/// shutdown, `persist()`). A stored deadline is therefore never later than the real one; an earlier one is harmless:
/// expiries come from the store's claim-once transition (`Store.claimExpired`, so of several backends exactly one
/// reports each failure), and a claimed row whose entity this backend heard from since is only moved to the real
/// deadline. `load()` restores the rows after a restart, each at least one timeout after the load.
public actor KeepaliveMonitor {
    /// The settings key of the deadlines blob of earlier versions (converted into rows by `load()`, then deleted).
    public static let settingKey = "keepalive.deadlines"
    /// Rows claimed per store call in `expire()`.
    static let claimBatch = 500

    private let store: any Store
    private let events: any EventSink
    private let logger: Logger
    private let now: @Sendable () -> Double
    private let owner: String

    private var machine = KeepaliveStateMachine()
    /// The `expiresAt` last written to each entity's row.
    private var persisted: [KeepaliveStateMachine.EntityKey: Double] = [:]
    /// Keepalives received (`keepalive(_:user:)` calls with an entity), for metrics.
    public private(set) var keepalivesReceived = 0
    /// Keepalive deadlines that passed for a registered entity (a failing keepalive event or a de-registration),
    /// for metrics (`pharos_keepalive_failures_total`).
    public private(set) var keepalivesMissed = 0

    /// Creates the monitor.
    /// - Parameters:
    ///   - store: Entities, events and the deadline rows.
    ///   - events: The `EventProcessor`: OK and failing keepalive events are processed (stored, then the pipeline);
    ///     registration, deregistration and resolution events are forwarded (pipeline only, in their key's order).
    ///   - logger: Structured logger.
    ///   - owner: This backend's id, recorded as the owner of the rows it writes and claims (default: host name).
    ///   - now: The wall clock, Unix seconds (injected for tests).
    public init(
        store: any Store, events: any EventSink, logger: Logger,
        owner: String = ProcessInfo.processInfo.hostName,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.events = events
        self.logger = logger
        self.owner = owner
        self.now = now
    }

    /// The current deadlines (for tests and diagnostics).
    public var state: KeepaliveStateMachine { machine }

    /// Handles a keepalive from an agent session.
    ///
    /// The first keepalive of a connection (`sequence` 0 or 1) also settles who owns an existing entity's
    /// configuration (``EntityOwnership``): agent-managed and ephemeral (`deregister: true`) entities take the
    /// agent's configuration; a backend-owned one keeps its stored copy and one warning names the ignored fields.
    /// - Parameters:
    ///   - event: The keepalive event (entity with config and system info, check `keepalive` with `timeout`).
    ///   - user: The user the agent authenticated as (recorded on a new entity).
    ///   - declaredSubscriptions: The subscriptions of the agent's handshake (its own configuration), used for the
    ///     ownership decision; `nil` uses the keepalive entity's.
    public func keepalive(_ event: Event, user: String, declaredSubscriptions: [String]? = nil) async {
        guard let reported = event.entity, !reported.metadata.name.isEmpty else {
            logger.info("keepalive without an entity ignored")
            return
        }
        keepalivesReceived += 1
        let namespace = event.metadata.namespace.isEmpty ? reported.metadata.namespace : event.metadata.namespace
        let name = reported.metadata.name
        let timestamp = now()
        let seconds = Int64(timestamp)
        do {
            var config: EntityConfig
            var isNewEntity = false
            var changed = false
            if let stored = try await store.entityConfig(namespace: namespace, name: name) {
                config = stored
                if event.sequence <= 1 {
                    let (reconciled, decision) = EntityOwnership.reconcile(
                        stored: stored, reported: reported.config, declaredSubscriptions: declaredSubscriptions)
                    config = reconciled
                    changed = reconciled != stored
                    logOwnership(decision, name: name, namespace: namespace, changed: changed)
                }
            } else {
                config = reported.config
                config.metadata.namespace = namespace
                config.entityClass = "agent"
                if config.user.isEmpty { config.user = user }
                isNewEntity = true
            }
            changed = changed || isNewEntity
            let own = SilenceRule.entitySubscription(for: name)
            if !config.subscriptions.contains(own) {
                config.subscriptions.append(own)
                changed = true
            }
            if changed { try await store.putEntityConfig(config) }
            let lastSeen = event.timestamp > 0 ? event.timestamp : seconds
            let state = EntityState(
                metadata: config.metadata, system: reported.system, lastSeen: lastSeen,
                sensuAgentVersion: reported.sensuAgentVersion)
            try await store.putEntityState(state)
            let entity = Entity(config: config, state: state)
            if isNewEntity {
                logger.info("entity registered", metadata: ["entity.name": "\(name)", "namespace": "\(namespace)"])
                await events.forward(KeepaliveEvents.registration(entity: entity, now: seconds))
            }
            let timeout = Int64(event.check?.timeout ?? 0)
            let key = KeepaliveStateMachine.EntityKey(namespace: namespace, name: name)
            let received = machine.keepaliveReceived(
                key, timeout: timeout, criticalTimeout: max(0, event.check?.ttl ?? 0), at: timestamp)
            if let watch = machine.watches[key] {
                let lagging = (persisted[key] ?? -.infinity) < watch.deadline - Double(watch.timeout) / 2
                if received != .refreshed || lagging { try await write(key, watch) }
            }
            let check = KeepaliveEvents.keepaliveCheck(
                from: event, entity: entity,
                timeout: machine.watches[.init(namespace: namespace, name: name)]?.timeout ?? timeout)
            var ok = KeepaliveEvents.ok(entity: entity, config: check, now: seconds)
            if event.sequence != 0 { ok.sequence = event.sequence }
            await events.process(ok)
            if received == .recovered {
                logger.info("keepalive recovered", metadata: ["entity.name": "\(name)", "namespace": "\(namespace)"])
            }
        } catch {
            logger.warning(
                "keepalive not recorded", metadata: ["entity.name": "\(name)", "error": "\(error)"])
        }
    }

    /// Logs an ownership decision: a warning naming ignored fields, info when the stored copy changed hands.
    private func logOwnership(_ decision: EntityOwnership.Decision, name: String, namespace: String, changed: Bool) {
        let metadata: Logger.Metadata = ["entity.name": "\(name)", "namespace": "\(namespace)"]
        switch decision {
        case .backendOwned(let ignored), .handedBack(let ignored):
            if case .handedBack = decision {
                logger.info(
                    "entity \"\(name)\" handed back to the backend: its agent no longer runs with --agent-managed-entity",
                    metadata: metadata)
            }
            guard !ignored.isEmpty else { return }
            let text =
                "agent configuration of entity \"\(name)\" ignored (\(ignored.joined(separator: ", "))): the backend's "
                + "copy is authoritative; start the agent with --agent-managed-entity to let its configuration win, "
                + "or change the entity through the API"
            logger.warning(
                "\(text)",
                metadata: metadata.merging(["ignored_fields": "\(ignored.joined(separator: ","))"]) { $1 })
        case .agentManaged where changed:
            logger.info(
                "entity \"\(name)\" configuration taken from its agent (--agent-managed-entity)", metadata: metadata)
        case .ephemeralReplaced where changed:
            let text =
                "entity \"\(name)\" configuration replaced by the connecting agent's (deregister: true entities are "
                + "ephemeral)"
            logger.info("\(text)", metadata: metadata)
        case .agentManaged, .ephemeralReplaced:
            break
        }
    }

    /// Handles a `goodbye`: de-registers at once when the entity has `deregister: true`; otherwise the deadline
    /// stays armed and a missed keepalive is reported as usual.
    public func goodbye(namespace: String, name: String) async {
        do {
            guard let config = try await store.entityConfig(namespace: namespace, name: name) else { return }
            if config.deregister {
                await deregister(config)
            } else {
                logger.info("agent said goodbye", metadata: ["entity.name": "\(name)", "namespace": "\(namespace)"])
            }
        } catch {
            logger.warning("goodbye not handled", metadata: ["entity.name": "\(name)", "error": "\(error)"])
        }
    }

    /// Claims the expired deadline rows from the store (`claimExpired`, so each expiry is handled by one backend)
    /// and acts on each: a row this backend heard from since (its stored deadline lagged) is moved to the real
    /// deadline; any other is a missed keepalive (or a de-registration). A claimed row was re-armed one timeout
    /// later by the claim, so a silent entity fails again every timeout.
    public func expire() async {
        let timestamp = now()
        while true {
            let claimed: [Deadline]
            do {
                claimed = try await store.claimExpired(
                    kind: .keepalive, now: timestamp, owner: owner, limit: Self.claimBatch)
            } catch {
                logger.warning("keepalive deadlines not claimed", metadata: ["error": "\(error)"])
                return
            }
            for row in claimed { await handleClaimed(row, at: timestamp) }
            if claimed.count < Self.claimBatch { return }
        }
    }

    private func handleClaimed(_ row: Deadline, at timestamp: Double) async {
        let key = KeepaliveStateMachine.EntityKey(namespace: row.namespace, name: row.entity)
        if let watch = machine.watches[key], watch.deadline > timestamp {
            do { try await write(key, watch) } catch {
                logger.warning("keepalive deadline not re-armed", metadata: ["entity.name": "\(row.entity)"])
            }
            return
        }
        let lastSeen = max(row.lastSeen, machine.watches[key]?.lastSeen ?? 0)
        let timeout = Int64(row.interval)
        // The critical timeout is not in the row: this backend's watch has it, else the stored keepalive's `ttl`.
        var critical = machine.watches[key]?.criticalTimeout ?? 0
        if machine.watches[key] == nil {
            critical =
                (try? await store.event(namespace: row.namespace, entity: row.entity, check: "keepalive"))?
                .flatMap { $0.check?.ttl } ?? 0
        }
        machine.expiryClaimed(
            key, timeout: timeout, criticalTimeout: critical, lastSeen: lastSeen, nextDeadline: row.expiresAt,
            at: timestamp)
        if let watch = machine.watches[key], watch.deadline != row.expiresAt {
            // The critical deadline comes before the claim's re-arm: move the row to it.
            do { try await write(key, watch) } catch {
                logger.warning("keepalive deadline not re-armed", metadata: ["entity.name": "\(row.entity)"])
            }
        } else {
            persisted[key] = row.expiresAt
        }
        await missed(
            KeepaliveStateMachine.Expiry(
                key: key, silentFor: Int64(timestamp - lastSeen), timeout: timeout, criticalTimeout: critical),
            at: Int64(timestamp))
    }

    /// Writes an entity's row from its watch.
    private func write(_ key: KeepaliveStateMachine.EntityKey, _ watch: KeepaliveStateMachine.Watch) async throws {
        try await store.putDeadline(
            Deadline(
                kind: .keepalive, namespace: key.namespace, entity: key.name, expiresAt: watch.deadline,
                interval: Double(watch.timeout), lastSeen: watch.lastSeen, expiries: watch.failing ? 1 : 0,
                owner: owner))
        persisted[key] = watch.deadline
    }

    private func missed(_ expiry: KeepaliveStateMachine.Expiry, at seconds: Int64) async {
        let key = expiry.key
        do {
            guard let config = try await store.entityConfig(namespace: key.namespace, name: key.name) else {
                machine.remove(key)
                persisted.removeValue(forKey: key)
                try await store.deleteDeadlines(.keepalive, namespace: key.namespace, entity: key.name, check: nil)
                return
            }
            keepalivesMissed += 1
            if config.deregister {
                await deregister(config)
                return
            }
            let state =
                try await store.entityState(namespace: key.namespace, name: key.name)
                ?? EntityState(metadata: config.metadata)
            let entity = Entity(config: config, state: state)
            let previous = try await store.event(namespace: key.namespace, entity: key.name, check: "keepalive")
            let check = KeepaliveEvents.keepaliveCheck(from: previous, entity: entity, timeout: expiry.timeout)
            logger.info(
                "keepalive missed",
                metadata: [
                    "entity.name": "\(key.name)", "namespace": "\(key.namespace)", "silent": "\(expiry.silentFor)",
                ])
            await events.process(
                KeepaliveEvents.failing(
                    entity: entity, config: check, silentFor: expiry.silentFor,
                    timeout: expiry.isCritical ? expiry.criticalTimeout : expiry.timeout,
                    status: expiry.isCritical ? 2 : 1, now: seconds))
        } catch {
            logger.warning(
                "missed keepalive not handled", metadata: ["entity.name": "\(key.name)", "error": "\(error)"])
        }
    }

    /// De-registers an entity: deletes it and its events, sends a resolution copy of each event and, when
    /// configured, a deregistration-handler event to the pipeline.
    private func deregister(_ config: EntityConfig) async {
        let namespace = config.metadata.namespace
        let name = config.metadata.name
        let seconds = Int64(now())
        do {
            let state =
                try await store.entityState(namespace: namespace, name: name) ?? EntityState(metadata: config.metadata)
            let entity = Entity(config: config, state: state)
            let stored = try await store.events(namespace: namespace, entity: name)
            _ = try await store.deleteEntity(namespace: namespace, name: name)
            await events.forget(namespace: namespace, entity: name, check: nil)
            machine.remove(.init(namespace: namespace, name: name))
            persisted.removeValue(forKey: .init(namespace: namespace, name: name))
            logger.info("entity deregistered", metadata: ["entity.name": "\(name)", "namespace": "\(namespace)"])
            for event in stored {
                await events.forward(KeepaliveEvents.resolution(of: event, now: seconds))
            }
            if !config.deregistration.handler.isEmpty {
                await events.forward(
                    KeepaliveEvents.deregistration(entity: entity, handler: config.deregistration.handler, now: seconds)
                )
            }
        } catch {
            logger.warning("deregistration failed", metadata: ["entity.name": "\(name)", "error": "\(error)"])
        }
    }

    /// Restores the deadline rows (keeping any keepalive received since start-up that is newer), each moved to at
    /// least one timeout after the load — time the backend was down does not count as silence — and written back
    /// when moved. The deadlines blob of earlier versions (`settingKey`) is converted into rows first (entities that
    /// have a row keep it) and then deleted.
    public func load() async {
        let timestamp = now()
        do {
            try await convertLegacyBlob()
            let rows = try await store.deadlines(.keepalive)
            var moved: [(KeepaliveStateMachine.EntityKey, KeepaliveStateMachine.Watch)] = []
            for row in rows {
                let key = KeepaliveStateMachine.EntityKey(namespace: row.namespace, name: row.entity)
                let deadline = max(row.expiresAt, timestamp + row.interval)
                machine.restore(
                    key, timeout: Int64(row.interval), lastSeen: row.lastSeen, deadline: deadline,
                    failing: row.expiries > 0)
                persisted[key] = row.expiresAt
                if let watch = machine.watches[key], watch.deadline != row.expiresAt { moved.append((key, watch)) }
            }
            for (key, watch) in moved { try await write(key, watch) }
        } catch {
            logger.warning("keepalive deadlines not loaded", metadata: ["error": "\(error)"])
        }
    }

    private func convertLegacyBlob() async throws {
        guard let json = try await store.setting(Self.settingKey) else { return }
        if let legacy = try? JSONDecoder().decode(KeepaliveStateMachine.self, from: Data(json.utf8)) {
            for (key, watch) in legacy.watches
            where try await store.deadline(.keepalive, namespace: key.namespace, entity: key.name, check: "") == nil {
                try await write(key, watch)
            }
            logger.info("keepalive deadlines converted to rows", metadata: ["count": "\(legacy.watches.count)"])
        } else {
            logger.warning("unreadable keepalive deadlines blob dropped", metadata: ["setting": "\(Self.settingKey)"])
        }
        _ = try await store.deleteSetting(Self.settingKey)
    }

    /// Writes every row whose stored deadline lags this backend's (the refreshes keepalives skipped), e.g. at
    /// shutdown.
    public func persist() async {
        for (key, watch) in machine.watches where (persisted[key] ?? -.infinity) < watch.deadline {
            do { try await write(key, watch) } catch {
                logger.warning(
                    "keepalive deadline not persisted", metadata: ["entity.name": "\(key.name)", "error": "\(error)"])
            }
        }
    }
}
