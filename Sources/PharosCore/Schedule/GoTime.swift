/// Go's default `time.Time` string in UTC, `2006-01-02 15:04:05 +0000 UTC`, as Sensu prints times in outputs
/// (e.g. the keepalive's `Keepalive last sent from NAME at …`). Integer arithmetic (``CivilDate``), no formatter.
public enum GoTime {
    /// The UTC string of a Unix time.
    /// - Parameter seconds: Seconds since 1970-01-01 00:00:00 UTC (negative before).
    /// - Returns: e.g. `2023-11-14 22:13:20 +0000 UTC` for 1,700,000,000.
    public static func utcString(unixSeconds seconds: Int64) -> String {
        let days = CivilDate.floorDiv(seconds, CivilDate.secondsPerDay)
        let secondOfDay = seconds - days * CivilDate.secondsPerDay
        let date = CivilDate(daysSinceEpoch: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date.year)-\(two(Int64(date.month)))-\(two(Int64(date.day))) \(two(secondOfDay / 3_600))"
            + ":\(two(secondOfDay % 3_600 / 60)):\(two(secondOfDay % 60)) +0000 UTC"
    }
}
