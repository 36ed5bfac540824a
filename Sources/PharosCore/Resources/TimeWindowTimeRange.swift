/// A daily time range (`{"begin":"3:00PM","end":"8:00AM"}`), as in Sensu Go `core/v2` `TimeWindowTimeRange`.
///
/// Times use Go's `time.Kitchen` layout (`3:04PM`), spaces are ignored, and they are interpreted in UTC.
/// A range whose end is before its begin runs overnight (e.g. 3:00PM–8:00AM).
public struct TimeWindowTimeRange: Sendable, Hashable, Codable {
    /// Start of the range, e.g. `3:00PM` (inclusive).
    public var begin: String
    /// End of the range, e.g. `8:00AM` (exclusive).
    public var end: String

    /// Creates a time range from two Kitchen-format times.
    public init(begin: String, end: String) {
        self.begin = begin
        self.end = end
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case begin, end }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        begin = try container.lenient(.begin, "")
        end = try container.lenient(.end, "")
    }

    /// Parses a Kitchen-format time (`3:04PM`, spaces ignored, `AM`/`PM` in any case) into minutes after midnight.
    /// - Returns: 0…1439, or `nil` when the text is not a Kitchen time.
    public static func minutesAfterMidnight(_ text: String) -> Int? {
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        guard compact.count >= 6 else { return nil }
        let suffix = compact.suffix(2)
        guard suffix == "AM" || suffix == "PM" else { return nil }
        let clock = compact.dropLast(2).split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2, (1...2).contains(clock[0].count), clock[1].count == 2,
            clock[0].allSatisfy(\.isASCII), clock[1].allSatisfy(\.isASCII),
            let hour = Int(clock[0]), let minute = Int(clock[1]),
            (1...12).contains(hour), (0...59).contains(minute)
        else { return nil }
        let hour24 = (hour % 12) + (suffix == "PM" ? 12 : 0)
        return hour24 * 60 + minute
    }

    /// Whether `minute` (minutes after midnight, UTC) falls inside this range; overnight ranges wrap midnight.
    /// - Returns: `false` when `begin` or `end` is not a valid Kitchen time.
    public func contains(minuteOfDay minute: Int) -> Bool {
        guard let start = Self.minutesAfterMidnight(begin), let stop = Self.minutesAfterMidnight(end) else {
            return false
        }
        if start <= stop {
            return minute >= start && minute < stop
        }
        return minute >= start || minute < stop
    }
}
