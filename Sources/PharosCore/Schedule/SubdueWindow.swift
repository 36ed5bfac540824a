public import Foundation

/// One entry of a check's `subdues` list: a time window during which scheduled executions are skipped
/// (Sensu Go 6.12 `core/v2` `TimeWindowRepeated`, reference §1.5, §5.1).
///
/// JSON shape: `{"begin": "2026-03-06T18:00:00-05:00", "end": "2026-03-06T20:00:00-05:00", "repeat": ["weekdays"]}`;
/// `repeat` is omitted when empty and may be missing or `null` on input.
///
/// Meaning:
/// - Without `repeat`, the window is the single span `begin ≤ t < end`.
/// - With `repeat`, the span recurs from `begin` on: each repetition starts at `begin`'s wall-clock time, read in
///   `begin`'s written UTC offset, and lasts `end − begin`. The window is active if any listed repeat is:
///   `daily`; `weekdays` (Mon–Fri); `weekends` (Sat, Sun); `sundays` … `saturdays`; `weekly` (`begin`'s weekday);
///   `monthly` (`begin`'s day of the month; months without that day are skipped); `annually` (`begin`'s month
///   and day). Nothing is active before `begin`.
///
/// Deliberate differences from Sensu: spans are half-open (`begin` included, `end` excluded), so a check due
/// exactly at `begin` is subdued; and a repetition that crosses midnight (e.g. Saturday 22:00 for 4 h) stays
/// active after midnight, where Sensu only looks at repetitions starting on the current day.
/// An invalid window (see `validate()`) is never active.
public struct SubdueWindow: Sendable, Hashable, Codable {
    /// Start of the first span, RFC 3339 (`2026-01-02T15:04:05Z` or with a `±hh:mm` offset).
    public var begin: String
    /// End of the first span, RFC 3339; not before `begin`.
    public var end: String
    /// How the span recurs: any of `annually`, `monthly`, `weekly`, `weekdays`, `weekends`, `daily`,
    /// `sundays`, `mondays`, `tuesdays`, `wednesdays`, `thursdays`, `fridays`, `saturdays`. Empty: no recurrence.
    public var `repeat`: [String]

    /// The accepted `repeat` values, in Sensu's order.
    public static let repeatValues: [String] = [
        "annually", "monthly", "weekly", "weekdays", "weekends", "daily",
        "sundays", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays",
    ]

    /// Creates a window from its JSON fields (not validated; call `validate()`).
    public init(begin: String, end: String, repeat: [String] = []) {
        self.begin = begin
        self.end = end
        self.repeat = `repeat`
    }

    private enum CodingKeys: String, CodingKey {
        case begin, end
        case `repeat` = "repeat"
    }

    /// Decodes `{"begin","end","repeat"}`; missing strings become `""` (rejected by `validate()`), a missing or
    /// `null` `repeat` becomes `[]`.
    /// - Throws: `DecodingError` when a field has the wrong JSON type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        begin = try container.decodeIfPresent(String.self, forKey: .begin) ?? ""
        end = try container.decodeIfPresent(String.self, forKey: .end) ?? ""
        self.repeat = try container.decodeIfPresent([String].self, forKey: .repeat) ?? []
    }

    /// Encodes `begin`, `end`, and `repeat` only when it is not empty.
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(begin, forKey: .begin)
        try container.encode(end, forKey: .end)
        if !self.repeat.isEmpty { try container.encode(self.repeat, forKey: .repeat) }
    }

    /// Checks that `begin` and `end` are RFC 3339 times, `end` is not before `begin`, and every `repeat` value
    /// is known (Sensu's `TimeWindowRepeated.Validate` rules).
    /// - Throws: `SubdueWindowError` naming the field and the bad value.
    public func validate() throws(SubdueWindowError) {
        let example = "an RFC 3339 time such as 2026-01-02T15:04:05Z"
        guard let beginTime = RFC3339Timestamp(begin) else {
            throw SubdueWindowError("subdues: begin \"\(begin)\" is not \(example)", field: "begin")
        }
        guard let endTime = RFC3339Timestamp(end) else {
            throw SubdueWindowError("subdues: end \"\(end)\" is not \(example)", field: "end")
        }
        guard endTime.secondsSince1970 >= beginTime.secondsSince1970 else {
            throw SubdueWindowError("subdues: end \"\(end)\" is before begin \"\(begin)\"", field: "end")
        }
        for value in self.repeat where !Self.repeatValues.contains(value) {
            throw SubdueWindowError(
                "subdues: unknown repeat \"\(value)\" (expected one of \(Self.repeatValues.joined(separator: ", ")))",
                field: "repeat")
        }
    }

    /// Whether `date` falls inside this window (see the type's documentation for the rules).
    ///
    /// - Parameter date: the instant to test, typically the scheduled fire time.
    /// - Returns: `false` for an invalid window.
    public func isActive(at date: Date) -> Bool {
        guard let beginTime = RFC3339Timestamp(begin), let endTime = RFC3339Timestamp(end) else { return false }
        let time = date.timeIntervalSince1970
        let start = beginTime.secondsSince1970
        let length = endTime.secondsSince1970 - start
        guard time.isFinite, length >= 0 else { return false }
        if self.repeat.isEmpty { return start <= time && time < start + length }
        guard time >= start, length > 0 else { return false }

        let secondsPerDay = Double(CivilDate.secondsPerDay)
        let offset = Double(beginTime.offsetSeconds)
        let beginLocal = start + offset
        let beginDay = Int64((beginLocal / secondsPerDay).rounded(.down))
        let beginClock = beginLocal - Double(beginDay) * secondsPerDay
        let beginDate = CivilDate(daysSinceEpoch: beginDay)
        let beginWeekday = CivilDate.weekday(daysSinceEpoch: beginDay)
        let today = Int64(((time + offset) / secondsPerDay).rounded(.down))
        // Repetitions that start up to `length` before today can still cover `time`; four years of days cover
        // every repeat period (annually on February 29 included).
        let lookBack = min(Int64((length / secondsPerDay).rounded(.up)), 4 * 366)

        for dayIndex in stride(from: today, through: today - lookBack, by: -1) {
            let spanStart = Double(dayIndex) * secondsPerDay + beginClock - offset
            guard spanStart <= time, time < spanStart + length else { continue }
            let weekday = CivilDate.weekday(daysSinceEpoch: dayIndex)
            let date = CivilDate(daysSinceEpoch: dayIndex)
            for value in self.repeat {
                let matches =
                    switch value {
                    case "daily": true
                    case "weekdays": (1...5).contains(weekday)
                    case "weekends": weekday == 0 || weekday == 6
                    case "weekly": weekday == beginWeekday
                    case "monthly": date.day == beginDate.day
                    case "annually": date.day == beginDate.day && date.month == beginDate.month
                    default: Self.weekdayRepeats.firstIndex(of: value) == weekday
                    }
                if matches { return true }
            }
        }
        return false
    }

    /// Whether any of `windows` is active at `date` (a check is subdued when one of its windows is).
    ///
    /// - Parameters:
    ///   - windows: a check's `subdues`.
    ///   - date: the instant to test.
    /// - Returns: `true` if at least one window is active.
    public static func anyActive(_ windows: [SubdueWindow], at date: Date) -> Bool {
        windows.contains { $0.isActive(at: date) }
    }

    /// `sundays` … `saturdays`, indexed by weekday (0 = Sunday).
    private static let weekdayRepeats = [
        "sundays", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays",
    ]
}
