/// The time unit of the timestamps in an InfluxDB 1.x `/write` body (the `precision` query parameter).
///
/// Raw values are the spellings InfluxDB 1.x accepts and sensu-influxdb-handler 3.1.2 takes in `--precision`
/// (InfluxDB 1.x HTTP API, `/write` parameters).
public enum InfluxPrecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nanoseconds (`n`).
    case nanoseconds = "n"
    /// Microseconds (`u`).
    case microseconds = "u"
    /// Milliseconds (`ms`).
    case milliseconds = "ms"
    /// Seconds (`s`), the handler's default.
    case seconds = "s"
    /// Minutes (`m`).
    case minutes = "m"
    /// Hours (`h`).
    case hours = "h"

    /// Converts a Unix time in whole seconds into this precision's units.
    ///
    /// Finer units multiply (`1700000000` s → `1700000000000` ms); coarser units round down towards the past
    /// (`1700000000` s → `28333333` m), as InfluxDB truncates a timestamp to the precision it is written in.
    /// - Parameter seconds: Unix time in seconds (may be negative, before 1970).
    /// - Returns: the timestamp in this precision's units, or `nil` when it does not fit in a signed 64-bit integer
    ///   (InfluxDB stores nanoseconds in an `Int64`, so it cannot represent such a time either).
    public func timestamp(fromSeconds seconds: Int64) -> Int64? {
        switch self {
        case .nanoseconds: return Self.multiply(seconds, by: 1_000_000_000)
        case .microseconds: return Self.multiply(seconds, by: 1_000_000)
        case .milliseconds: return Self.multiply(seconds, by: 1_000)
        case .seconds: return seconds
        case .minutes: return Self.floorDivide(seconds, by: 60)
        case .hours: return Self.floorDivide(seconds, by: 3_600)
        }
    }

    private static func multiply(_ value: Int64, by factor: Int64) -> Int64? {
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }

    private static func floorDivide(_ value: Int64, by divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }
}
