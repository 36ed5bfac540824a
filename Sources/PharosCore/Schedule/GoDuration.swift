/// Parser for Go's `time.ParseDuration` syntax (`300ms`, `-1.5h`, `1h30m`, `2h45m10.5s`), used by cron's
/// `@every <duration>`. Units: `ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`; a bare `0` is allowed.
enum GoDuration {
    /// Why a duration was rejected (used inside `CronError` messages).
    enum Failure: Error, Equatable {
        case invalid
        case missingUnit
        case unknownUnit(String)
        case outOfRange
    }

    private static let units: [String: Int64] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// Parses `text` into nanoseconds (Go's `time.Duration` range: ±(2^63 − 1) ns).
    static func nanoseconds(_ text: String) throws(Failure) -> Int64 {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        if String(scalars) == "0" { return 0 }
        if scalars.isEmpty { throw .invalid }

        var total: UInt64 = 0
        let limit = UInt64(Int64.max) + (negative ? 1 : 0)
        while !scalars.isEmpty {
            var whole: UInt64 = 0
            var sawWhole = false
            while let scalar = scalars.first, let digit = scalar.digitValue {
                let (times10, overflow1) = whole.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
                if overflow1 || overflow2 { throw .outOfRange }
                whole = sum
                sawWhole = true
                scalars = scalars.dropFirst()
            }
            var fraction: UInt64 = 0
            var scale: Double = 1
            var sawFraction = false
            if scalars.first == "." {
                scalars = scalars.dropFirst()
                var overflowed = false
                while let scalar = scalars.first, let digit = scalar.digitValue {
                    sawFraction = true
                    scalars = scalars.dropFirst()
                    if overflowed { continue }
                    if fraction > (UInt64(Int64.max) - 9) / 10 {
                        overflowed = true
                        continue
                    }
                    fraction = fraction * 10 + UInt64(digit)
                    scale *= 10
                }
            }
            if !sawWhole && !sawFraction { throw .invalid }
            var unitText = ""
            while let scalar = scalars.first, scalar != ".", scalar.digitValue == nil {
                unitText.unicodeScalars.append(scalar)
                scalars = scalars.dropFirst()
            }
            if unitText.isEmpty { throw .missingUnit }
            guard let unit = units[unitText] else { throw .unknownUnit(unitText) }
            let (scaled, overflow) = whole.multipliedReportingOverflow(by: UInt64(unit))
            if overflow || scaled > limit { throw .outOfRange }
            var value = scaled
            if fraction > 0 {
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                if value > limit { throw .outOfRange }
            }
            let (sum, overflowTotal) = total.addingReportingOverflow(value)
            if overflowTotal || sum > limit { throw .outOfRange }
            total = sum
        }
        if negative {
            return total == UInt64(Int64.max) + 1 ? Int64.min : -Int64(total)
        }
        return Int64(total)
    }
}

extension Unicode.Scalar {
    /// The value of an ASCII decimal digit, or `nil`.
    fileprivate var digitValue: Int? {
        value >= 48 && value <= 57 ? Int(value - 48) : nil
    }
}
