public import PharosCore

extension MetricExtractor {
    /// The points as a JSON array `[{"name","tags":[{"name","value"}],"timestamp","value"}]` with sorted keys, on
    /// one line, no trailing newline — the output of `pharos-agent extract-metrics`.
    ///
    /// Integral values below 10^15 are written without a fraction (`160`), others in Swift's shortest round-trip
    /// form (`0.000447`, `1e-07`). JSON has no infinities or NaN: such a value is written as the string `"+Inf"`,
    /// `"-Inf"` or `"NaN"` (Prometheus' spelling).
    ///
    /// - Parameter points: the points to render (timestamps in Unix seconds).
    /// - Returns: the JSON text.
    public static func renderJSON(_ points: [MetricPoint]) -> String {
        var json = "["
        for (index, point) in points.enumerated() {
            if index > 0 { json += "," }
            json += "{\"name\":\(jsonString(point.name)),\"tags\":["
            json += point.tags.map { "{\"name\":\(jsonString($0.name)),\"value\":\(jsonString($0.value))}" }
                .joined(separator: ",")
            json += "],\"timestamp\":\(point.timestamp),\"value\":\(jsonNumber(point.value))}"
        }
        return json + "]"
    }

    /// One `line N, column C: message` line per diagnostic, each ending in a newline.
    ///
    /// - Parameter diagnostics: the diagnostics of an extraction.
    /// - Returns: the text for standard error (empty when there are none).
    public static func renderDiagnostics(_ diagnostics: [MetricDiagnostic]) -> String {
        diagnostics.map { "\($0.description)\n" }.joined()
    }

    /// Parses a `--tag` argument `key=value` (split at the first `=`; the value may be empty or contain `=`).
    ///
    /// - Parameter argument: the argument text.
    /// - Returns: the tag, or `nil` when there is no `=` or the key is empty.
    public static func tag(fromArgument argument: String) -> MetricTag? {
        guard let equals = argument.firstIndex(of: "="), equals > argument.startIndex else { return nil }
        return MetricTag(
            name: String(argument[..<equals]),
            value: String(argument[argument.index(after: equals)...])
        )
    }

    /// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped.
    private static func jsonString(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                literal += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }

    /// A JSON number, or a string for a non-finite value (see ``renderJSON(_:)``).
    private static func jsonNumber(_ value: Double) -> String {
        if value.isNaN { return "\"NaN\"" }
        if value.isInfinite { return value > 0 ? "\"+Inf\"" : "\"-Inf\"" }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return value.description
    }
}
