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
/// Each switch is a `Deadline` row of kind `.ttl` in the store (DESIGN.md §Store), written when the result is stored
/// (not on a later flush: a backend killed a second later still has it), deleted when buried, and expired through the
/// store's claim-once transition (`Store.claimExpired`), so of several backends exactly one reports each failure.
/// ``load()`` moves each row to at least two `ttl` after the load (one period for the agents to reconnect, one for
/// their next result), so the checks get time to report after a restart and no false alert is raised for results
/// lost while the backend was down; the failure's age still counts from the last real execution kept in the row. An
/// agent entity's switch also only re-arms until the agent has sent a keepalive since the load (until then, a silent
/// agent is the keepalive monitor's business). When it expires after the agent is back but before any result of that
/// check arrived since the load, it gets one more `ttl` (the agent may have reconnected an instant before the
/// deadline, with its next check request still to come): a check that really stopped alerts one `ttl` later, a live
/// one never does.
public actor TTLMonitor {
    /// The settings key of the deadlines blob of earlier versions (converted into rows by `load()`, then deleted).
    public static let settingKey = "ttl.deadlines"
    /// Rows claimed per store call in `expired()`.
    static let claimBatch = 500

    private let store: any Store
    private let logger: Logger
    private let now: @Sendable () -> Double
    private let owner: String
    /// Switches whose failure event is on its way to the processor, with the last real execution to keep.
    private var failuresInFlight: [String: Int64] = [:]
    private var loadedAt: Double?
    /// Switches already given their one grace period after the load (keys).
    private var gracedAfterLoad: Set<String> = []

    /// TTL failure events produced so far.
    public private(set) var failures = 0
    /// Expiries skipped because the entity's keepalive was failing.
    public private(set) var suppressed = 0

    /// Creates the monitor.
    /// - Parameters:
    ///   - store: Entities, events and the deadline rows.
    ///   - logger: Expiries are logged at `.info`, store failures at `.warning`.
    ///   - owner: This backend's id, recorded as the owner of the rows it writes and claims (default: host name).
    ///   - now: The wall clock, Unix seconds (injected for tests).
    public init(
        store: any Store, logger: Logger, owner: String = ProcessInfo.processInfo.hostName,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.logger = logger
        self.owner = owner
        self.now = now
    }

    /// The armed switches, sorted by key (the store's rows; empty when the store fails).
    public var armed: [TTLWatch] {
        get async {
            let rows = (try? await store.deadlines(.ttl)) ?? []
            return rows.map(Self.watch).sorted { $0.key < $1.key }
        }
    }

    private static func watch(_ row: Deadline) -> TTLWatch {
        TTLWatch(
            namespace: row.namespace, entity: row.entity, check: row.check, ttl: Int64(row.interval),
            deadline: row.expiresAt, lastExecuted: Int64(row.lastSeen))
    }

    private func row(_ watch: TTLWatch) -> Deadline {
        Deadline(
            kind: .ttl, namespace: watch.namespace, entity: watch.entity, check: watch.check,
            expiresAt: watch.deadline, interval: Double(watch.ttl), lastSeen: Double(watch.lastExecuted), owner: owner)
    }

    /// Arms, re-arms or buries the switch of a stored event (keepalive events and events without a check are
    /// ignored); the row is written before this returns.
    public func arm(_ event: Event) async {
        guard let check = event.check, check.metadata.name != "keepalive", let entity = event.entity else { return }
        let namespace = event.metadata.namespace.isEmpty ? entity.metadata.namespace : event.metadata.namespace
        let key = namespace + "/" + entity.metadata.name + "/" + check.metadata.name
        do {
            guard check.ttl > 0 else {
                failuresInFlight.removeValue(forKey: key)
                try await store.deleteDeadlines(
                    .ttl, namespace: namespace, entity: entity.metadata.name, check: check.metadata.name)
                return
            }
            let lastExecuted = failuresInFlight.removeValue(forKey: key) ?? check.executed
            try await store.putDeadline(
                row(
                    TTLWatch(
                        namespace: namespace, entity: entity.metadata.name, check: check.metadata.name, ttl: check.ttl,
                        deadline: now() + Double(check.ttl), lastExecuted: lastExecuted)))
        } catch {
            logger.warning(
                "ttl switch not armed",
                metadata: [
                    "entity.name": "\(entity.metadata.name)", "check.name": "\(check.metadata.name)",
                    "error": "\(error)",
                ])
        }
    }

    /// Buries the switches of an entity (`check: nil`) or of one event.
    public func bury(namespace: String, entity: String, check: String?) async {
        do {
            try await store.deleteDeadlines(.ttl, namespace: namespace, entity: entity, check: check)
        } catch {
            logger.warning("ttl switch not buried", metadata: ["entity.name": "\(entity)", "error": "\(error)"])
        }
    }

    /// The failing events of every switch whose deadline has passed, claimed from the store (each row by one
    /// caller; the claim re-arms it one `ttl` later).
    public func expired() async -> [Event] {
        let timestamp = now()
        var events: [Event] = []
        while true {
            let claimed: [Deadline]
            do {
                claimed = try await store.claimExpired(kind: .ttl, now: timestamp, owner: owner, limit: Self.claimBatch)
            } catch {
                logger.warning("ttl deadlines not claimed", metadata: ["error": "\(error)"])
                return events
            }
            for row in claimed {
                if let event = await expire(Self.watch(row), at: timestamp) { events.append(event) }
            }
            if claimed.count < Self.claimBatch { return events }
        }
    }

    private func expire(_ watch: TTLWatch, at timestamp: Double) async -> Event? {
        let key = watch.key
        do {
            guard try await store.entityConfig(namespace: watch.namespace, name: watch.entity) != nil,
                let previous = try await store.event(
                    namespace: watch.namespace, entity: watch.entity, check: watch.check),
                var check = previous.check
            else {
                try await store.deleteDeadlines(
                    .ttl, namespace: watch.namespace, entity: watch.entity, check: watch.check)
                return nil
            }
            let keepalive = try await store.event(namespace: watch.namespace, entity: watch.entity, check: "keepalive")
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
            failuresInFlight[key] = watch.lastExecuted
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

    /// Moves every row to at least two `ttl` from now (see the type's notes). The deadlines blob of earlier
    /// versions (`settingKey`) is converted into rows first (switches that have a row keep it) and then deleted.
    public func load() async {
        let timestamp = now()
        loadedAt = timestamp
        do {
            try await convertLegacyBlob()
            for row in try await store.deadlines(.ttl) {
                let deadline = max(row.expiresAt, timestamp + 2 * row.interval)
                guard deadline != row.expiresAt else { continue }
                var moved = row
                moved.expiresAt = deadline
                moved.owner = owner
                try await store.putDeadline(moved)
            }
        } catch {
            logger.warning("ttl deadlines not loaded", metadata: ["error": "\(error)"])
        }
    }

    private func convertLegacyBlob() async throws {
        guard let json = try await store.setting(Self.settingKey) else { return }
        if let legacy = try? JSONDecoder().decode([TTLWatch].self, from: Data(json.utf8)) {
            for watch in legacy
            where try await store.deadline(
                .ttl, namespace: watch.namespace, entity: watch.entity, check: watch.check) == nil
            {
                try await store.putDeadline(row(watch))
            }
            logger.info("ttl deadlines converted to rows", metadata: ["count": "\(legacy.count)"])
        } else {
            logger.warning("unreadable ttl deadlines blob dropped", metadata: ["setting": "\(Self.settingKey)"])
        }
        _ = try await store.deleteSetting(Self.settingKey)
    }
}
