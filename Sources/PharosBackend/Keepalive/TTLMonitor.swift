public import Foundation
public import Logging
public import PharosCore
public import PharosStore

/// The TTL switches of check results (Sensu Go 6.x dead man's switch, reference §5.6).
///
/// Every non-keepalive result with `ttl` > 0 (re)arms a deadline `ttl` seconds later (``arm(_:now:)``); a result
/// with `ttl` 0 or a deleted event buries it. When a deadline passes (``expired()``), and the entity and the event
/// still exist and the entity's keepalive is not failing, the monitor returns a failing copy of the last event —
/// status 1, output `Last check execution was N seconds ago` (N since the last real execution), `executed` = now —
/// for the `EventProcessor` to store and hand to the pipeline; storing it re-arms the switch, so the failure
/// repeats every `ttl`. While the keepalive is failing the switch only re-arms.
///
/// Deadlines are persisted in the store's settings (`ttl.deadlines`, at most every `persistInterval` seconds and
/// on shutdown). ``load()`` restores them, moving each deadline to at least two `ttl` after the load (one period
/// for the agents to reconnect, one for their next result), so the checks get time to report after a restart and no false alert is raised for results lost while the
/// backend was down; an agent entity's switch also only re-arms until the agent has sent a keepalive since the load
/// (until then, a silent agent is the keepalive monitor's business). When it expires after the agent is back but
/// before any result of that check arrived since the load, it gets one more `ttl` (the agent may have reconnected an
/// instant before the deadline, with its next check request still to come): a check that really stopped alerts one
/// `ttl` later, a live one never does.
public actor TTLMonitor {
    /// The settings key of the persisted deadlines.
    public static let settingKey = "ttl.deadlines"

    private let store: any Store
    private let logger: Logger
    private let now: @Sendable () -> Double
    private let persistInterval: Double
    private var watches: [String: TTLWatch] = [:]
    private var failuresInFlight: Set<String> = []
    private var dirty = false
    private var lastPersisted: Double = 0
    private var loadedAt: Double?
    /// Switches already given their one grace period after the load (keys).
    private var gracedAfterLoad: Set<String> = []

    /// TTL failure events produced so far.
    public private(set) var failures = 0
    /// Expiries skipped because the entity's keepalive was failing.
    public private(set) var suppressed = 0

    /// Creates the monitor.
    /// - Parameters:
    ///   - store: Entities, events and the persisted deadlines.
    ///   - logger: Expiries are logged at `.info`, store failures at `.warning`.
    ///   - persistInterval: Seconds between deadline snapshots (default 5).
    ///   - now: The wall clock, Unix seconds (injected for tests).
    public init(
        store: any Store, logger: Logger, persistInterval: Double = 5,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.logger = logger
        self.persistInterval = persistInterval
        self.now = now
    }

    /// The armed switches, sorted by key (for tests and diagnostics).
    public var armed: [TTLWatch] { watches.values.sorted { $0.key < $1.key } }

    /// Arms, re-arms or buries the switch of a stored event (keepalive events and events without a check are
    /// ignored).
    public func arm(_ event: Event) {
        guard let check = event.check, check.metadata.name != "keepalive", let entity = event.entity else { return }
        let namespace = event.metadata.namespace.isEmpty ? entity.metadata.namespace : event.metadata.namespace
        let key = namespace + "/" + entity.metadata.name + "/" + check.metadata.name
        guard check.ttl > 0 else {
            if watches.removeValue(forKey: key) != nil { dirty = true }
            return
        }
        let isFailure = failuresInFlight.remove(key) != nil
        let lastExecuted = isFailure ? (watches[key]?.lastExecuted ?? check.executed) : check.executed
        watches[key] = TTLWatch(
            namespace: namespace, entity: entity.metadata.name, check: check.metadata.name, ttl: check.ttl,
            deadline: now() + Double(check.ttl), lastExecuted: lastExecuted)
        dirty = true
    }

    /// Buries the switches of an entity (`check: nil`) or of one event.
    public func bury(namespace: String, entity: String, check: String?) {
        for (key, watch) in watches
        where watch.namespace == namespace && watch.entity == entity && (check == nil || watch.check == check) {
            watches.removeValue(forKey: key)
            dirty = true
        }
    }

    /// The failing events of every switch whose deadline has passed; persists the deadlines when due.
    public func expired() async -> [Event] {
        let timestamp = now()
        var events: [Event] = []
        for watch in watches.values.sorted(by: { $0.key < $1.key }) where watch.deadline <= timestamp {
            if let event = await expire(watch, at: timestamp) { events.append(event) }
        }
        if dirty, timestamp - lastPersisted >= persistInterval { await persist() }
        return events
    }

    private func expire(_ watch: TTLWatch, at timestamp: Double) async -> Event? {
        let key = watch.key
        do {
            guard try await store.entityConfig(namespace: watch.namespace, name: watch.entity) != nil,
                let previous = try await store.event(
                    namespace: watch.namespace, entity: watch.entity, check: watch.check),
                var check = previous.check
            else {
                watches.removeValue(forKey: key)
                dirty = true
                return nil
            }
            let keepalive = try await store.event(namespace: watch.namespace, entity: watch.entity, check: "keepalive")
            watches[key]?.deadline = timestamp + Double(watch.ttl)
            dirty = true
            if let loadedAt, previous.entity?.entityClass == "agent",
                let state = try await store.entityState(namespace: watch.namespace, name: watch.entity),
                Double(state.lastSeen) < loadedAt - 1
            {
                suppressed += 1
                logger.debug(
                    "ttl expired before the agent reconnected after a restart, re-armed",
                    metadata: ["entity.name": "\(watch.entity)", "check.name": "\(watch.check)"])
                return nil
            }
            if let loadedAt, previous.entity?.entityClass == "agent", Double(check.executed) < loadedAt,
                gracedAfterLoad.insert(key).inserted
            {
                suppressed += 1
                logger.debug(
                    "ttl expired before the first result since a restart, one more ttl given",
                    metadata: ["entity.name": "\(watch.entity)", "check.name": "\(watch.check)"])
                return nil
            }
            if let status = keepalive?.check?.status, status != 0 {
                suppressed += 1
                logger.debug(
                    "ttl expired while the keepalive is failing, suppressed",
                    metadata: ["entity.name": "\(watch.entity)", "check.name": "\(watch.check)"])
                return nil
            }
            let seconds = Int64(timestamp)
            check.status = 1
            check.output = "Last check execution was \(max(0, seconds - watch.lastExecuted)) seconds ago"
            check.executed = seconds
            check.issued = seconds
            var event = previous
            event.check = check
            event.timestamp = seconds
            event.id = UUID().uuidString.lowercased()
            failuresInFlight.insert(key)
            failures += 1
            logger.info(
                "ttl expired", metadata: ["entity.name": "\(watch.entity)", "check.name": "\(watch.check)"])
            return event
        } catch {
            logger.warning(
                "ttl expiry not handled",
                metadata: ["entity.name": "\(watch.entity)", "check.name": "\(watch.check)", "error": "\(error)"])
            return nil
        }
    }

    /// Restores the persisted deadlines, each moved to at least two `ttl` from now; switches armed since start-up
    /// are kept.
    public func load() async {
        let timestamp = now()
        loadedAt = timestamp
        do {
            guard let json = try await store.setting(Self.settingKey) else { return }
            let loaded = try JSONDecoder().decode([TTLWatch].self, from: Data(json.utf8))
            for var watch in loaded where watches[watch.key] == nil {
                watch.deadline = max(watch.deadline, timestamp + 2 * Double(watch.ttl))
                watches[watch.key] = watch
            }
        } catch {
            logger.warning("persisted ttl deadlines not loaded", metadata: ["error": "\(error)"])
        }
    }

    /// Writes the deadlines to the store's settings as one JSON array.
    public func persist() async {
        do {
            let json = String(decoding: try JSONEncoder().encode(armed), as: UTF8.self)
            try await store.putSetting(Self.settingKey, value: json)
            dirty = false
            lastPersisted = now()
        } catch {
            logger.warning("ttl deadlines not persisted", metadata: ["error": "\(error)"])
        }
    }
}
