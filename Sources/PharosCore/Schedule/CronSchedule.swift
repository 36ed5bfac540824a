public import Foundation

/// A check's `cron` schedule, parsed with the rules of robfig/cron v3 `ParseStandard` as Sensu Go 6.12 uses it
/// (reference §1.5, §5.1).
///
/// Accepted syntax:
/// - Five fields `minute hour day-of-month month day-of-week` (0-59, 0-23, 1-31, 1-12, 0-6 with 0 = Sunday),
///   each a comma list of `*`, `?` (same as `*`), `N`, `A-B`, with an optional step (`*/5`, `1-10/2`, `5/15`
///   meaning `5-max/15`). Months accept `JAN`…`DEC` and days `SUN`…`SAT`, case-insensitively.
/// - Day-of-month and day-of-week: when both are restricted (neither written as `*`/`?`), a day matches if
///   *either* matches (Vixie cron's OR rule as robfig applies it; `*/2` counts as restricted).
/// - Descriptors `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`, `@hourly`, and
///   `@every <Go duration>` (`@every 30s`, `@every 1h30m`), which fires that long after the previous time,
///   rounded down to whole seconds (sub-second durations count as 1 s; zero or negative ones are rejected).
/// - A `CRON_TZ=Zone ` or `TZ=Zone ` prefix (IANA zone identifier); without it the schedule uses
///   `defaultTimeZone`, which is **UTC** unless the caller injects another one.
///
/// Daylight-saving transitions in the schedule's zone (deliberate, documented choices):
/// - A wall time skipped by a spring-forward gap fires at the same wall time shifted by the gap
///   (`30 2 * * *` in New York fires at 03:30 EDT on the day clocks jump from 02:00 to 03:00); a shifted time that
///   coincides with a real match fires once.
/// - A wall time repeated by a fall-back overlap fires once, at its first occurrence, except for schedules whose
///   hour field covers all 24 hours (`*/15 * * * *`, `@hourly`), which keep firing through both copies of the
///   hour so that their spacing in elapsed time stays regular.
/// robfig/cron instead drops skipped times and fires repeated times twice; Pharos never loses a daily run and
/// never doubles one.
///
/// Searches cover about five years from the start time, then give up (`next(after:)` returns `nil`), so an
/// expression such as `0 0 30 2 *` (February 30) terminates.
public struct CronSchedule: Sendable, Hashable {
    /// The expression as written (after trimming surrounding white space).
    public let expression: String
    /// The zone whose wall clock the fields refer to (from `CRON_TZ=`/`TZ=`, else the injected default).
    public let timeZone: TimeZone
    let rule: Rule

    /// What the expression means once parsed.
    enum Rule: Sendable, Hashable {
        /// A field-based schedule.
        case fields(Fields)
        /// `@every`: a constant delay in whole seconds (≥ 1).
        case every(seconds: Int64)
    }

    /// Bit sets of the allowed values of each field (bit `n` set ⇒ value `n` allowed).
    struct Fields: Sendable, Hashable {
        var minutes: UInt64
        var hours: UInt64
        var daysOfMonth: UInt64
        var months: UInt64
        var daysOfWeek: UInt64
        /// Whether day-of-month was written as `*` or `?` (robfig's "star bit").
        var dayOfMonthIsWildcard: Bool
        /// Whether day-of-week was written as `*` or `?`.
        var dayOfWeekIsWildcard: Bool
    }

    /// Parses a cron expression.
    ///
    /// - Parameters:
    ///   - expression: the `cron` field of a check, e.g. `*/5 * * * *`, `CRON_TZ=Europe/London 0 9 * * MON-FRI`,
    ///     `@every 1h30m`.
    ///   - defaultTimeZone: the zone used when the expression has no `CRON_TZ=`/`TZ=` prefix; UTC by default
    ///     (Sensu's backend runs with its host's zone, which is UTC in containers).
    /// - Throws: `CronError` naming the field and token, e.g. `cron field 2 (hour): 25 is out of range 0-23`.
    public init(_ expression: String, defaultTimeZone: TimeZone = .gmt) throws(CronError) {
        let trimmed = expression.trimmingCharacters(in: .whitespacesAndNewlines)
        self.expression = trimmed
        (self.timeZone, self.rule) = try Self.parse(trimmed, defaultTimeZone: defaultTimeZone)
    }

    /// Whether `expression` is a valid cron expression (the check-validation helper).
    public static func isValid(_ expression: String) -> Bool {
        (try? CronSchedule(expression)) != nil
    }
}
