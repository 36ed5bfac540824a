/// The keepalive deadlines of every watched entity, as a value-type state machine (STYLE.md habit 5): the
/// monitor feeds it keepalives and clock readings and carries out the expiries it returns.
///
/// Times are Unix seconds (`Double`), so the deadlines can be persisted and survive a restart. A missed deadline
/// re-arms one timeout later, so a silent entity gets a failing keepalive every timeout (reference §4.7); with a
/// critical timeout (the keepalive check's `ttl`, agent `--keepalive-critical-timeout`) one deadline falls exactly
/// at `lastSeen + critical`, so the critical failure is not late by up to one warning timeout.
public struct KeepaliveStateMachine: Sendable, Hashable, Codable {
    /// An entity, by namespace and name.
    public struct EntityKey: Sendable, Hashable, Codable, Comparable {
        /// The entity's namespace.
        public var namespace: String
        /// The entity's name.
        public var name: String

        /// Creates a key.
        public init(namespace: String, name: String) {
            self.namespace = namespace
            self.name = name
        }

        public static func < (lhs: EntityKey, rhs: EntityKey) -> Bool {
            (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
        }
    }

    /// The watch on one entity.
    public struct Watch: Sendable, Hashable, Codable {
        /// The keepalive timeout, seconds (the keepalive check's `timeout`).
        public var timeout: Int64
        /// When the last keepalive arrived, Unix seconds.
        public var lastSeen: Double
        /// When the next failure is due, Unix seconds.
        public var deadline: Double
        /// Whether a failure was reported since the last keepalive.
        public var failing: Bool
        /// The critical timeout, seconds (`nil` or 0: none). Optional so deadlines persisted before it existed load.
        public var criticalTimeout: Int64?
    }

    /// What a keepalive changed.
    public enum Received: Sendable, Hashable {
        /// The entity was not watched before.
        case firstSeen
        /// The entity was watched and healthy.
        case refreshed
        /// The entity was failing and is back.
        case recovered
    }

    /// A missed deadline: the entity has been silent for `silentFor` seconds (≥ `timeout`).
    public struct Expiry: Sendable, Hashable {
        /// The entity.
        public var key: EntityKey
        /// Seconds since the last keepalive, truncated.
        public var silentFor: Int64
        /// The keepalive timeout, seconds.
        public var timeout: Int64
        /// The critical timeout, seconds (0: none).
        public var criticalTimeout: Int64

        /// Creates an expiry.
        public init(key: EntityKey, silentFor: Int64, timeout: Int64, criticalTimeout: Int64 = 0) {
            self.key = key
            self.silentFor = silentFor
            self.timeout = timeout
            self.criticalTimeout = criticalTimeout
        }

        /// Whether the silence reached the critical timeout: the failing keepalive then has status 2, else 1.
        public var isCritical: Bool { criticalTimeout > 0 && silentFor >= criticalTimeout }
    }

    /// The timeout used when a keepalive carries none: 120 seconds (Sensu's `keepalive-warning-timeout`).
    public static let defaultTimeout: Int64 = 120

    /// The watched entities.
    public private(set) var watches: [EntityKey: Watch] = [:]

    /// Creates an empty state machine.
    public init() {}

    /// Records a keepalive at `now` and arms the deadline `now + timeout`.
    /// - Parameters:
    ///   - key: The entity.
    ///   - timeout: Seconds; 0 means `defaultTimeout`.
    ///   - criticalTimeout: Seconds of silence after which failures are critical (0: never).
    ///   - now: Unix seconds.
    public mutating func keepaliveReceived(
        _ key: EntityKey, timeout: Int64, criticalTimeout: Int64 = 0, at now: Double
    ) -> Received {
        let seconds = timeout > 0 ? timeout : Self.defaultTimeout
        let previous = watches[key]
        watches[key] = Watch(
            timeout: seconds, lastSeen: now, deadline: now + Double(seconds), failing: false,
            criticalTimeout: criticalTimeout > 0 ? criticalTimeout : nil)
        guard let previous else { return .firstSeen }
        return previous.failing ? .recovered : .refreshed
    }

    /// Stops watching an entity (de-registered or deleted); returns whether it was watched.
    @discardableResult
    public mutating func remove(_ key: EntityKey) -> Bool {
        watches.removeValue(forKey: key) != nil
    }

    /// The entities whose deadline is at or before `now`, sorted; each is re-armed one timeout later (or
    /// `now + timeout` when that is still in the past, e.g. after a long restart), or at `lastSeen + critical`
    /// when that comes first and is still ahead.
    public mutating func expired(at now: Double) -> [Expiry] {
        var expiries: [Expiry] = []
        for key in watches.keys.sorted() {
            guard var watch = watches[key], watch.deadline <= now else { continue }
            let critical = watch.criticalTimeout ?? 0
            expiries.append(
                Expiry(
                    key: key, silentFor: Int64(now - watch.lastSeen), timeout: watch.timeout, criticalTimeout: critical)
            )
            watch.failing = true
            watch.deadline += Double(watch.timeout)
            if watch.deadline <= now { watch.deadline = now + Double(watch.timeout) }
            let criticalDeadline = watch.lastSeen + Double(critical)
            if critical > 0, criticalDeadline > now, criticalDeadline < watch.deadline {
                watch.deadline = criticalDeadline
            }
            watches[key] = watch
        }
        return expiries
    }

    /// Gives every watched entity a full timeout from `now` (its deadline becomes at least `now + timeout`), used
    /// when the deadlines are restored after a restart: agents could not reach the backend while it was down, so
    /// a deadline that passed meanwhile is not a missed keepalive.
    public mutating func postpone(atLeastTimeoutAfter now: Double) {
        for (key, watch) in watches {
            watches[key]?.deadline = max(watch.deadline, now + Double(watch.timeout))
        }
    }

    /// The earliest deadline, Unix seconds, or `nil` when nothing is watched.
    public var nextDeadline: Double? { watches.values.map(\.deadline).min() }
}
