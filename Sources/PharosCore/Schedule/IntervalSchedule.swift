public import Foundation

/// When an interval check fires: every `interval`, at a phase derived from the check's name.
///
/// Every backend that schedules the same check computes the same fire times from nothing but the check name and
/// the wall clock, so a cluster needs no coordination for ordinary checks, and checks with the same interval are
/// spread over it instead of all firing together (Sensu Go 6.12 `schedulerd` interval timer, reference §5.1):
///
/// - `splay` is the little-endian `UInt64` made of the first 8 bytes of `md5(checkName)` (UTF-8).
/// - At wall-clock time `now` (nanoseconds since the Unix epoch, UTC) the next fire is
///   `now + ((splay − now) mod interval)`, computed in wrapping `UInt64` arithmetic exactly as Sensu does.
/// - After that the check fires every `interval` at absolute deadlines (`fire + interval`), so timers never drift.
///
/// All times are **nanoseconds since 1970-01-01T00:00:00Z** (`UInt64`, as Go's `time.Now().UnixNano()` for dates
/// after 1970); the `Date` overloads convert at the edge and are exact to about a microsecond.
public struct IntervalSchedule: Sendable, Hashable {
    /// The check name whose MD5 gives the phase.
    public let checkName: String
    /// Time between two fires.
    public let interval: Duration
    /// The phase seed: little-endian `UInt64` of the first 8 bytes of `md5(checkName)`.
    public let splay: UInt64
    /// `interval` in nanoseconds (always ≥ 1).
    public let intervalNanoseconds: UInt64

    /// Creates the schedule of the check `checkName` firing every `interval`.
    ///
    /// - Parameters:
    ///   - checkName: the check's `metadata.name`; only its UTF-8 bytes matter.
    ///   - interval: time between fires; a validated check has `interval` ≥ 1 s (reference §1.5). It must be
    ///     positive and at most `UInt64.max` nanoseconds (a programming error otherwise: validate the check first).
    public init(checkName: String, interval: Duration) {
        let components = interval.components
        precondition(components.seconds >= 0 && interval > .zero, "IntervalSchedule needs a positive interval")
        let (wholeNanoseconds, overflow) = UInt64(components.seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let attoNanoseconds = UInt64(components.attoseconds / 1_000_000_000)
        precondition(!overflow, "IntervalSchedule interval is too long")
        self.checkName = checkName
        self.interval = interval
        self.intervalNanoseconds = max(1, wholeNanoseconds &+ attoNanoseconds)
        self.splay = Self.splay(of: checkName)
    }

    /// The phase seed Sensu derives from a check name: the little-endian `UInt64` of the first 8 bytes of its MD5.
    public static func splay(of checkName: String) -> UInt64 {
        let digest = MD5.digest(Array(checkName.utf8))
        var value: UInt64 = 0
        for index in (0..<8).reversed() {
            value = value << 8 | UInt64(digest[index])
        }
        return value
    }

    /// How long a scheduler started at `now` waits before the first fire: `(splay − now) mod interval`.
    ///
    /// - Parameter now: wall-clock time in nanoseconds since the Unix epoch.
    /// - Returns: the delay in nanoseconds, in `0..<intervalNanoseconds` (0 means "fire now").
    public func initialDelay(now: UInt64) -> UInt64 {
        (splay &- now) % intervalNanoseconds
    }

    /// The first fire at or after `now` (Sensu's start rule); later fires follow every `interval`.
    ///
    /// - Parameter now: wall-clock time in nanoseconds since the Unix epoch.
    /// - Returns: the fire time in nanoseconds since the Unix epoch (saturating at `UInt64.max`).
    public func firstFire(onOrAfter now: UInt64) -> UInt64 {
        let (fire, overflow) = now.addingReportingOverflow(initialDelay(now: now))
        return overflow ? UInt64.max : fire
    }

    /// The first fire strictly after `time`. For a fire time `t`, this is `t + interval`.
    ///
    /// - Parameter time: wall-clock time in nanoseconds since the Unix epoch.
    /// - Returns: the fire time in nanoseconds since the Unix epoch (saturating at `UInt64.max`).
    public func nextFire(after time: UInt64) -> UInt64 {
        time == UInt64.max ? UInt64.max : firstFire(onOrAfter: time + 1)
    }

    /// The first fire strictly after `date` (see `nextFire(after:)` on nanoseconds).
    ///
    /// - Parameter date: a wall-clock time; dates before 1970 are treated as the epoch.
    /// - Returns: the fire time.
    public func nextFire(after date: Date) -> Date {
        let nanoseconds = Self.nanoseconds(since1970: date)
        return Date(timeIntervalSince1970: Double(nextFire(after: nanoseconds)) / 1e9)
    }

    /// Nanoseconds since the Unix epoch of `date`, rounded down, clamped to `0...UInt64.max`.
    public static func nanoseconds(since1970 date: Date) -> UInt64 {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, seconds > 0 else { return 0 }
        guard seconds < 18_446_744_073 else { return UInt64.max }
        let whole = seconds.rounded(.down)
        let fraction = ((seconds - whole) * 1e9).rounded(.down)
        return UInt64(whole) * 1_000_000_000 + UInt64(max(0, min(fraction, 999_999_999)))
    }
}
