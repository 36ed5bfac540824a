/// One of the five fields of a standard cron expression, with its bounds and accepted names
/// (robfig/cron v3 `ParseStandard` bounds: day-of-week is 0-6 with 0 = Sunday).
enum CronField: Int, Sendable, Hashable, CaseIterable {
    case minute = 1
    case hour
    case dayOfMonth
    case month
    case dayOfWeek

    /// The name used in error messages.
    var name: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    var bounds: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...6
        }
    }

    /// Accepted names (lower-case; matching is case-insensitive) and their values.
    var names: [String: Int] {
        switch self {
        case .month:
            [
                "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
            ]
        case .dayOfWeek:
            ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]
        default:
            [:]
        }
    }

    /// The bit set with every value of the field.
    var allBits: UInt64 {
        var bits: UInt64 = 0
        for value in bounds { bits |= 1 << UInt64(value) }
        return bits
    }
}
