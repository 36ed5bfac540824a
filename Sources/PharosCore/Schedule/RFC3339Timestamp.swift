/// A parsed RFC 3339 timestamp (`2026-03-08T09:30:00Z`, `2026-03-08T09:30:00.5-05:00`), as Go's
/// `time.Parse(time.RFC3339, …)` accepts it: upper-case `T` and `Z`, optional fraction, offset `±hh:mm`.
struct RFC3339Timestamp: Sendable, Hashable {
    /// Seconds since the Unix epoch, with the fraction.
    var secondsSince1970: Double
    /// The written UTC offset in seconds (0 for `Z`).
    var offsetSeconds: Int64

    /// Parses `text`, or returns `nil` if it is not a valid RFC 3339 date-time.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int64? {
            guard index + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + width] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            index += width
            return value
        }
        func literal(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), literal(UInt8(ascii: "-")), let month = number(2), literal(UInt8(ascii: "-")),
            let day = number(2), literal(UInt8(ascii: "T")), let hour = number(2), literal(UInt8(ascii: ":")),
            let minute = number(2), literal(UInt8(ascii: ":")), let second = number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Int64(CivilDate.daysInMonth(Int(month), year: year)),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var fraction = 0.0
        if literal(UInt8(ascii: ".")) {
            var scale = 0.1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
        }
        var offset: Int64 = 0
        if literal(UInt8(ascii: "Z")) {
            offset = 0
        } else {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
            else { return nil }
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let offsetHours = number(2), literal(UInt8(ascii: ":")), let offsetMinutes = number(2),
                offsetHours <= 23, offsetMinutes <= 59
            else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard index == bytes.count else { return nil }
        let days = CivilDate(year: year, month: Int(month), day: Int(day)).daysSinceEpoch
        let localSeconds = days * CivilDate.secondsPerDay + hour * 3600 + minute * 60 + second
        secondsSince1970 = Double(localSeconds - offset) + fraction
        offsetSeconds = offset
    }
}
