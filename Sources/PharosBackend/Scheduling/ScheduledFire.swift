public import PharosCore

/// One due execution of a scheduled check, returned by `SchedulePlan.due(at:)`.
public struct ScheduledFire: Sendable, Hashable {
    /// Which check.
    public var key: ScheduleKey
    /// The check definition as of the fire.
    public var check: CheckConfig
    /// The deadline that fired, in nanoseconds since the Unix epoch.
    public var fireTime: UInt64
    /// Whether one of the check's `subdues` windows is active at `fireTime` (the fire is then skipped).
    public var subdued: Bool

    /// Creates a fire.
    public init(key: ScheduleKey, check: CheckConfig, fireTime: UInt64, subdued: Bool) {
        self.key = key
        self.check = check
        self.fireTime = fireTime
        self.subdued = subdued
    }
}
