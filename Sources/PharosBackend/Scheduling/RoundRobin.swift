public import PharosCore

/// Chooses the one agent of a subscription that runs a round-robin check on a given fire (reference §5.1).
///
/// The choice is a pure function of the check, the fire's deadline and the sorted list of connected agents, so any
/// backend that sees the same agents picks the same one. Fires are numbered by `fireTime / interval` (cron checks:
/// by the minute of the fire); consecutive fires advance by one position, so over `n` agents each agent receives
/// every `n`-th fire. The starting position is offset by the check's splay (MD5 of its name, as the interval
/// phase), so several round-robin checks do not all start on the same agent.
public enum RoundRobin {
    /// The agent that runs `check` on the fire at `fireTime`.
    /// - Parameters:
    ///   - check: the check (its name and `interval`/`cron` decide the fire numbering).
    ///   - fireTime: the fire's deadline in nanoseconds since the Unix epoch.
    ///   - agents: the names of the agents connected to the subscription (any order; sorted here).
    /// - Returns: the chosen agent name, or `nil` without agents.
    public static func pick(check: CheckConfig, fireTime: UInt64, agents: [String]) -> String? {
        let sorted = Array(Set(agents)).sorted()
        guard !sorted.isEmpty else { return nil }
        let count = UInt64(sorted.count)
        let index = (fireNumber(check: check, fireTime: fireTime) % count + splay(check) % count) % count
        return sorted[Int(index)]
    }

    /// The number of the fire at `fireTime`: `fireTime / interval` for interval checks, the minute since the epoch
    /// for cron checks (and checks without an interval).
    public static func fireNumber(check: CheckConfig, fireTime: UInt64) -> UInt64 {
        if check.cron.isEmpty, check.interval > 0 {
            return fireTime / (UInt64(check.interval) * 1_000_000_000)
        }
        return fireTime / 60_000_000_000
    }

    static func splay(_ check: CheckConfig) -> UInt64 {
        IntervalSchedule.splay(of: check.metadata.name)
    }
}
