public import Foundation
public import Logging
public import PharosCore
public import PharosStore

/// Watches agent keepalives (reference §4.7, DESIGN.md): registers entities on their first keepalive, refreshes
/// `last_seen` and stores an OK `keepalive` event on each one, and on a missed deadline emits a failing keepalive
/// event or, for `deregister: true`, de-registers the entity. `goodbye` de-registers at once.
///
/// Decisions live in `KeepaliveStateMachine`; this actor carries them out. Deadlines are persisted in the store's
/// settings (`keepalive.deadlines`, at most every `persistInterval` seconds) and reloaded by `load()`.
public actor KeepaliveMonitor {
    /// The settings key of the persisted deadlines.
    public static let settingKey = "keepalive.deadlines"

    private let store: any Store
    private let events: any EventSink
    private let pipeline: any EventPipeline
    private let logger: Logger
    private let now: @Sendable () -> Double
    private let persistInterval: Double

    private var machine = KeepaliveStateMachine()
    /// Keepalives received (`keepalive(_:user:)` calls with an entity), for metrics.
    public private(set) var keepalivesReceived = 0
    private var dirty = false
    private var lastPersisted: Double = 0

    /// Creates the monitor.
    /// - Parameters:
    ///   - store: Entities, events and the persisted deadlines.
    ///   - events: Where OK and failing keepalive events go (stored, then the pipeline): the `EventProcessor`.
    ///   - pipeline: Where registration, deregistration and resolution events go directly (not stored).
    ///   - logger: Structured logger.
    ///   - persistInterval: Seconds between deadline snapshots (default 5).
    ///   - now: The wall clock, Unix seconds (injected for tests).
    public init(
        store: any Store, events: any EventSink, pipeline: any EventPipeline, logger: Logger,
        persistInterval: Double = 5, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.events = events
        self.pipeline = pipeline
        self.logger = logger
        self.persistInterval = persistInterval
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
                await pipeline.handle(KeepaliveEvents.registration(entity: entity, now: seconds))
            }
            let timeout = Int64(event.check?.timeout ?? 0)
            let received = machine.keepaliveReceived(
                KeepaliveStateMachine.EntityKey(namespace: namespace, name: name), timeout: timeout,
                criticalTimeout: max(0, event.check?.ttl ?? 0), at: timestamp)
            dirty = true
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

    /// Acts on every missed deadline at the current time, then persists the deadlines when due.
    public func expire() async {
        let timestamp = now()
        for expiry in machine.expired(at: timestamp) {
            await missed(expiry, at: Int64(timestamp))
            dirty = true
        }
        if dirty, timestamp - lastPersisted >= persistInterval { await persist() }
    }

    private func missed(_ expiry: KeepaliveStateMachine.Expiry, at seconds: Int64) async {
        let key = expiry.key
        do {
            guard let config = try await store.entityConfig(namespace: key.namespace, name: key.name) else {
                machine.remove(key)
                return
            }
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
            await (events as? any EventStateCache)?.forget(namespace: namespace, entity: name, check: nil)
            machine.remove(.init(namespace: namespace, name: name))
            dirty = true
            logger.info("entity deregistered", metadata: ["entity.name": "\(name)", "namespace": "\(namespace)"])
            for event in stored {
                await pipeline.handle(KeepaliveEvents.resolution(of: event, now: seconds))
            }
            if !config.deregistration.handler.isEmpty {
                await pipeline.handle(
                    KeepaliveEvents.deregistration(entity: entity, handler: config.deregistration.handler, now: seconds)
                )
            }
        } catch {
            logger.warning("deregistration failed", metadata: ["entity.name": "\(name)", "error": "\(error)"])
        }
    }

    /// Loads the persisted deadlines (keeping any already received keepalive that is newer); every deadline is
    /// moved to at least one timeout after the load, so time the backend was down does not count as silence.
    public func load() async {
        do {
            guard let json = try await store.setting(Self.settingKey) else { return }
            let loaded = try JSONDecoder().decode(KeepaliveStateMachine.self, from: Data(json.utf8))
            var merged = loaded
            merged.postpone(atLeastTimeoutAfter: now())
            for (key, watch) in machine.watches {
                _ = merged.keepaliveReceived(key, timeout: watch.timeout, at: watch.lastSeen)
            }
            machine = merged
        } catch {
            logger.warning("persisted keepalive deadlines not loaded", metadata: ["error": "\(error)"])
        }
    }

    /// Writes the deadlines to the store's settings as one JSON value.
    public func persist() async {
        do {
            let json = String(decoding: try JSONEncoder().encode(machine), as: UTF8.self)
            try await store.putSetting(Self.settingKey, value: json)
            dirty = false
            lastPersisted = now()
        } catch {
            logger.warning("keepalive deadlines not persisted", metadata: ["error": "\(error)"])
        }
    }
}
