/// Prints JSON values the way Go's `fmt.Sprint` (and so `text/template`) prints the values Sensu's token data
/// holds: strings verbatim, integral numbers without a fraction (Sensu's data keeps Go integers), other numbers
/// like Go's `%v` for `float64` (shortest digits; exponent form below 1e-4 and from 1e6, so `1.2345675e+06`), `true`/`false`,
/// arrays as `[a b]`, objects as `map[k:v …]` with sorted keys, and a nested `null` as `<nil>`.
enum GoValueFormatter {
    static func format(_ value: JSONValue) -> String {
        switch value {
        case .null: "<nil>"
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): text
        case .number(let number): format(number)
        case .array(let elements): "[" + elements.map(format).joined(separator: " ") + "]"
        case .object(let members):
            "map[" + members.keys.sorted().map { "\($0):\(format(members[$0] ?? .null))" }.joined(separator: " ")
                + "]"
        }
    }

    /// A Go-like type name for error messages.
    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "nil"
        case .bool: "bool"
        case .string: "string"
        case .number: "number"
        case .array: "array"
        case .object: "map"
        }
    }

    /// Integral values below 2^63 as integers; anything else as Go's `strconv.FormatFloat(v, 'g', -1, 64)`.
    static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number > 0 ? "+Inf" : "-Inf" }
        if number.rounded() == number, abs(number) < 9.223_372_036_854_775_807e18 {
            return String(Int64(number))
        }
        // Shortest round-trip digits and decimal exponent, from Swift's own shortest representation.
        let description = "\(abs(number))"
        let parts = description.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0]
        let pointIndex = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        var digits = String(mantissa.filter { $0 != "." })
        var decimalPoint = mantissa.distance(from: mantissa.startIndex, to: pointIndex) + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            decimalPoint -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }

        let sign = number < 0 ? "-" : ""
        let decimalExponent = decimalPoint - 1
        if decimalExponent < -4 || decimalExponent >= 6 {
            var text = String(digits.prefix(1))
            if digits.count > 1 { text += "." + digits.dropFirst() }
            let exponentDigits = String(abs(decimalExponent))
            text += (decimalExponent < 0 ? "e-" : "e+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
            return sign + text
        }
        if decimalPoint <= 0 {
            return sign + "0." + String(repeating: "0", count: -decimalPoint) + digits
        }
        if decimalPoint >= digits.count {
            return sign + digits + String(repeating: "0", count: decimalPoint - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: decimalPoint)
        return sign + digits[..<split] + "." + digits[split...]
    }
}
