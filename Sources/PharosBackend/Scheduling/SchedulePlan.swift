public import Foundation
public import PharosCore

/// The scheduler's decisions as a value: which checks have timers, when each fires next, and what is due at a given
/// time (Sensu Go 6.x `schedulerd`, reference §5.1). No I/O and no clock: every method takes the wall-clock time in
/// nanoseconds since the Unix epoch, so tests drive it with explicit times.
///
/// - A check is scheduled when `publish` is true and it has a `cron` (a valid `CronSchedule`, UTC unless it names
///   a zone) or an `interval` > 0 (an `IntervalSchedule`: deterministic phase from the check name).
/// - ``update(checks:now:)`` reconciles with the stored checks: new checks get a timer; a check whose interval or
///   cron changed gets a new timer; other updates keep the timer but use the new definition on the next fire;
///   deleted or unpublished checks lose their timer.
/// - ``due(at:)`` returns the fires whose deadline has passed and moves each timer to its next deadline after `now`
///   (missed fires are not replayed). A fire inside an active `subdues` window is returned with `subdued` set.
public struct SchedulePlan: Sendable {
    /// How a check's timer computes its deadlines.
    public enum Timing: Sendable, Hashable {
        /// Every interval, phase from the check name.
        case interval(IntervalSchedule)
        /// At the times of a cron expression.
        case cron(CronSchedule)
    }

    /// One timer.
    public struct CheckTimer: Sendable, Hashable {
        /// The latest definition of the check.
        public var check: CheckConfig
        /// How deadlines are computed.
        public var timing: Timing
        /// The next deadline in nanoseconds since the Unix epoch (`UInt64.max`: never).
        public var nextFire: UInt64
    }

    /// The timers by check.
    public private(set) var timers: [ScheduleKey: CheckTimer] = [:]

    /// An empty plan.
    public init() {}

    /// The earliest deadline of all timers (nanoseconds since the Unix epoch), or `nil` without timers.
    public var nextDeadline: UInt64? { timers.values.map(\.nextFire).min() }

    /// Reconciles the timers with `checks` (every stored check of every namespace).
    /// - Parameters:
    ///   - checks: the stored checks.
    ///   - now: wall-clock time in nanoseconds since the Unix epoch.
    /// - Returns: the keys that got a new timer (added or restarted) and the keys whose timer was removed.
    @discardableResult
    public mutating func update(checks: [CheckConfig], now: UInt64) -> (started: [ScheduleKey], stopped: [ScheduleKey])
    {
        var started: [ScheduleKey] = []
        var seen: Set<ScheduleKey> = []
        for check in checks {
            let key = ScheduleKey(namespace: check.metadata.namespace, name: check.metadata.name)
            guard let timing = Self.timing(of: check) else { continue }
            seen.insert(key)
            if var existing = timers[key], existing.timing == timing {
                existing.check = check
                timers[key] = existing
                continue
            }
            timers[key] = CheckTimer(check: check, timing: timing, nextFire: Self.firstFire(timing, now: now))
            started.append(key)
        }
        let stopped = timers.keys.filter { !seen.contains($0) }
        for key in stopped { timers[key] = nil }
        return (started.sorted(), stopped.sorted())
    }

    /// The fires due at `now` (deadline ≤ `now`), sorted by deadline then key; each timer moves to its first
    /// deadline after `now`.
    public mutating func due(at now: UInt64) -> [ScheduledFire] {
        var fires: [ScheduledFire] = []
        for (key, timer) in timers where timer.nextFire <= now {
            let date = Self.date(timer.nextFire)
            fires.append(
                ScheduledFire(
                    key: key, check: timer.check, fireTime: timer.nextFire,
                    subdued: Self.isSubdued(timer.check, at: date)))
            timers[key]?.nextFire = Self.nextFire(timer.timing, after: now)
        }
        return fires.sorted { ($0.fireTime, $0.key) < ($1.fireTime, $1.key) }
    }

    /// The timing of a check, or `nil` when it is not scheduled (not published, no valid cron, no interval).
    public static func timing(of check: CheckConfig) -> Timing? {
        guard check.publish else { return nil }
        if !check.cron.isEmpty {
            guard let cron = try? CronSchedule(check.cron) else { return nil }
            return .cron(cron)
        }
        guard check.interval > 0 else { return nil }
        return .interval(IntervalSchedule(checkName: check.metadata.name, interval: .seconds(Int64(check.interval))))
    }

    /// Whether one of the check's `subdues` windows is active at `date`.
    public static func isSubdued(_ check: CheckConfig, at date: Date) -> Bool {
        SubdueWindow.anyActive(check.subdues, at: date)
    }

    static func firstFire(_ timing: Timing, now: UInt64) -> UInt64 {
        switch timing {
        case .interval(let schedule): schedule.firstFire(onOrAfter: now)
        case .cron(let cron): cron.next(after: date(now)).map(nanoseconds) ?? UInt64.max
        }
    }

    static func nextFire(_ timing: Timing, after now: UInt64) -> UInt64 {
        switch timing {
        case .interval(let schedule): schedule.nextFire(after: now)
        case .cron(let cron): cron.next(after: date(now)).map(nanoseconds) ?? UInt64.max
        }
    }

    static func date(_ nanoseconds: UInt64) -> Date {
        Date(timeIntervalSince1970: Double(nanoseconds / 1_000_000_000) + Double(nanoseconds % 1_000_000_000) / 1e9)
    }

    static func nanoseconds(_ date: Date) -> UInt64 {
        IntervalSchedule.nanoseconds(since1970: date)
    }
}
