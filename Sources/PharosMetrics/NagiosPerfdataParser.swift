public import PharosCore

/// Parses Nagios plugin performance data into metric points (`output_metric_format: nagios_perfdata`).
///
/// Source: Nagios plugin development guidelines §2.6 (multi-line output) and the performance data section
/// (`'label'=value[UOM];[warn];[crit];[min];[max]`, items separated by spaces).
///
/// Where perfdata is found, as Nagios itself reads plugin output:
/// - line 1: everything after the first `|`;
/// - later lines are long text until one contains `|`; the text after it and **every following line** are perfdata.
///
/// Each item gives one point:
/// - name = the label; a quoted label (`'Physical Memory Used'`) loses its quotes, `''` inside it is one `'`, and
///   each space or tab in it becomes `_` (`Physical_Memory_Used`, as Sensu Go names it); UTF-8 is kept as is;
/// - value = the number with its unit of measure stripped, no unit conversion (the unit is letters, `%`, `/` or
///   `_`: `s`, `ms`, `%`, `B`, `KB`, `c`, …); one `,` right after the value (`loss=0, rta=0.80`, as some plugins
///   print) is ignored;
/// - timestamp = the given timestamp (`check.executed`, Unix seconds);
/// - no tags (the extractor appends `output_metric_tags`).
/// Thresholds, minimum and maximum are not read.
///
/// A malformed item (a token without `=`, an empty or unterminated label, a value that is not a number, such as a
/// decimal comma `0,5`) gives no point and one diagnostic; the line's other items are still read. `U` (unknown)
/// is skipped with a diagnostic. Only the first `|` of a line starts perfdata; a later `|` on it is an ordinary
/// character (a lone `|` token is a malformed item).
///
/// Differences from Sensu Go 6.x (deliberate): long-output perfdata is read, scientific notation is accepted,
/// and a unit that is not letters/`%`/`/`/`_` (`12ab34`, `1.2.3`) is rejected instead of having its other
/// characters stripped out.
public enum NagiosPerfdataParser {
    /// Parses one line of performance data (the text after `|`, or a perfdata continuation line).
    ///
    /// - Parameters:
    ///   - line: the perfdata text; columns in errors are counted from its first character (1-based).
    ///   - timestamp: Unix seconds given to every point.
    ///   - skipped: receives one error per item left out: malformed (missing `=`, empty or unterminated label, a
    ///     value that is not a number) or unknown (`U`).
    /// - Returns: one point per well-formed item, in order.
    public static func parseLine(
        _ line: Substring,
        timestamp: Int64,
        skipped: inout [MetricParseError]
    ) -> [MetricPoint] {
        var points: [MetricPoint] = []
        var index = line.startIndex
        while true {
            while index < line.endIndex, OutputLines.isBlank(line[index]) { index = line.index(after: index) }
            guard index < line.endIndex else { break }
            do {
                if let point = try item(in: line, at: &index, timestamp: timestamp, skipped: &skipped) {
                    points.append(point)
                }
            } catch {
                skipped.append(error)
                while index < line.endIndex, !OutputLines.isBlank(line[index]) { index = line.index(after: index) }
            }
        }
        return points
    }

    /// Parses one line of performance data, requiring every item to be well-formed.
    ///
    /// - Parameters:
    ///   - line: the perfdata text (after `|`, or a continuation line).
    ///   - timestamp: Unix seconds given to every point.
    /// - Returns: one point per item with a number; `U` items are left out.
    /// - Throws: `MetricParseError`, the first malformed item's (see ``parseLine(_:timestamp:skipped:)``).
    public static func parseLine(_ line: Substring, timestamp: Int64) throws(MetricParseError) -> [MetricPoint] {
        var skipped: [MetricParseError] = []
        let points = parseLine(line, timestamp: timestamp, skipped: &skipped)
        if let malformed = skipped.first(where: { !$0.message.hasSuffix(unknownSuffix) }) { throw malformed }
        return points
    }

    private static let unknownSuffix = "is U (unknown); no point"

    /// Reads one item starting at `index` (not blank) and leaves `index` after it.
    /// - Returns: the point, or `nil` for a `U` value (recorded in `skipped`).
    /// - Throws: `MetricParseError` for a malformed item; `index` is then inside or after it.
    private static func item(
        in line: Substring, at index: inout Substring.Index, timestamp: Int64, skipped: inout [MetricParseError]
    ) throws(MetricParseError) -> MetricPoint? {
        func column(_ position: Substring.Index) -> Int { OutputLines.column(of: position, in: line) }
        let itemStart = index
        var label = ""
        if line[index] == "'" {
            index = line.index(after: index)
            var closed = false
            while index < line.endIndex {
                let character = line[index]
                index = line.index(after: index)
                if character != "'" {
                    label.append(OutputLines.isBlank(character) ? "_" : character)
                } else if index < line.endIndex, line[index] == "'" {
                    label.append("'")
                    index = line.index(after: index)
                } else {
                    closed = true
                    break
                }
            }
            guard closed else {
                throw MetricParseError(column: column(itemStart), message: "unterminated quoted label")
            }
        } else {
            while index < line.endIndex, line[index] != "=", !OutputLines.isBlank(line[index]) {
                label.append(line[index])
                index = line.index(after: index)
            }
        }
        guard index < line.endIndex, line[index] == "=" else {
            throw MetricParseError(column: column(index), message: "expected '=' after label '\(label)'")
        }
        guard !label.isEmpty else {
            throw MetricParseError(column: column(itemStart), message: "empty label")
        }
        index = line.index(after: index)
        let valueStart = index
        while index < line.endIndex, line[index] != ";", !OutputLines.isBlank(line[index]) {
            index = line.index(after: index)
        }
        var valueText = line[valueStart..<index]
        while index < line.endIndex, !OutputLines.isBlank(line[index]) { index = line.index(after: index) }
        if valueText.count > 1, valueText.last == "," {
            valueText = valueText.dropLast()  // `loss=0, rta=0.80`: the comma only ends the value
        }
        if valueText == "U" {
            skipped.append(
                MetricParseError(column: column(valueStart), message: "value of '\(label)' \(unknownSuffix)"))
            return nil
        }
        let value = try number(valueText, label: label, column: column)
        return MetricPoint(name: label, value: value, timestamp: timestamp)
    }

    /// Extracts every perfdata point of a complete plugin output (first line and long output).
    ///
    /// - Parameters:
    ///   - output: the check output, possibly multi-line.
    ///   - timestamp: Unix seconds given to every point (`check.executed`).
    /// - Returns: the points in output order, and one diagnostic per rejected line or skipped item, with line and
    ///   column in `output`.
    public static func parse(_ output: String, timestamp: Int64) -> MetricExtraction {
        var extraction = MetricExtraction()
        var inLongPerfdata = false
        for (number, line) in OutputLines.numbered(output) {
            let perfdata: Substring
            if inLongPerfdata {
                perfdata = line
            } else if let bar = line.firstIndex(of: "|") {
                perfdata = line[line.index(after: bar)...]
                inLongPerfdata = number > 1
            } else {
                continue
            }
            let offset = line.distance(from: line.startIndex, to: perfdata.startIndex)
            var skipped: [MetricParseError] = []
            extraction.points += parseLine(perfdata, timestamp: timestamp, skipped: &skipped)
            for item in skipped {
                extraction.diagnostics.append(
                    MetricDiagnostic(line: number, column: item.column + offset, message: item.message)
                )
            }
        }
        return extraction
    }

    /// The number in `text` (`value[UOM]`), or an error naming the label.
    private static func number(
        _ text: Substring,
        label: String,
        column: (Substring.Index) -> Int
    ) throws(MetricParseError) -> Double {
        guard let end = DecimalNumber.prefixEnd(in: text) else {
            throw MetricParseError(
                column: column(text.startIndex),
                message: text.isEmpty
                    ? "missing value for '\(label)'" : "value of '\(label)' is not a number: '\(text)'"
            )
        }
        let unit = text[end...]
        if unit.first == ",", unit.dropFirst().first?.isASCIIDigit == true {
            throw MetricParseError(
                column: column(end),
                message: "value of '\(label)' has a decimal comma, not a point: '\(text)'; no point"
            )
        }
        if let bad = unit.firstIndex(where: { !($0.isLetter || $0 == "%" || $0 == "/" || $0 == "_") }) {
            throw MetricParseError(
                column: column(bad),
                message: "value of '\(label)' is not a number: '\(text)'"
            )
        }
        guard let value = DecimalNumber.parse(text[..<end]) else {
            throw MetricParseError(
                column: column(text.startIndex),
                message: "value of '\(label)' is out of range: '\(text[..<end])'"
            )
        }
        return value
    }
}
