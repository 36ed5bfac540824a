/// Timestamp arithmetic shared by the parsers (all results are Unix seconds).
enum UnixTime {
    /// `value / divisor` rounded toward minus infinity, so `-1` ms is second `-1`, not `0`.
    static func floorDivide(_ value: Int64, by divisor: Int64) -> Int64 {
        precondition(divisor > 0, "UnixTime.floorDivide needs a positive divisor")
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    /// Seconds from an Influx timestamp of unknown precision, chosen by magnitude (see ``InfluxLineParser``):
    /// below 10^11 seconds, below 10^14 milliseconds, below 10^17 microseconds, otherwise nanoseconds.
    static func secondsByMagnitude(_ value: Int64) -> Int64 {
        let magnitude = value.magnitude
        if magnitude < 100_000_000_000 { return value }
        if magnitude < 100_000_000_000_000 { return floorDivide(value, by: 1_000) }
        if magnitude < 100_000_000_000_000_000 { return floorDivide(value, by: 1_000_000) }
        return floorDivide(value, by: 1_000_000_000)
    }
}
