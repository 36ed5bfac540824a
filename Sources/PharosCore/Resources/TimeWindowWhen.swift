public import Foundation

/// The `when` time window of an event filter (and legacy check `subdue`): `{"days": {...}}`, as in Sensu Go
/// `core/v2` `TimeWindowWhen`.
public struct TimeWindowWhen: Sendable, Hashable, Codable {
    /// Ranges per day.
    public var days: TimeWindowDays

    /// Creates a time window.
    public init(days: TimeWindowDays = TimeWindowDays()) {
        self.days = days
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case days }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        days = try container.lenient(.days, TimeWindowDays())
    }

    /// Whether `date` falls inside one of the `all` ranges or one of the ranges of its weekday, both in UTC.
    /// Overnight ranges (end before begin) cover the evening and the following early morning of that day's list,
    /// as in Sensu Go (`TimeWindowTimeRange.InWindow`).
    /// - Parameter date: The instant to test.
    /// - Returns: `true` if any range contains the time of day of `date` in UTC.
    public func inWindow(at date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        guard let weekday = parts.weekday, let hour = parts.hour, let minute = parts.minute else { return false }
        let minuteOfDay = hour * 60 + minute
        let candidates = days.all + days.ranges(forWeekday: weekday)
        return candidates.contains { $0.contains(minuteOfDay: minuteOfDay) }
    }
}
