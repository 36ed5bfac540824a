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
/// - name = the label (single quotes removed, `''` inside quotes is one `'`);
/// - value = the number with its unit of measure stripped, no unit conversion (the unit is letters, `%`, `/` or
///   `_`: `s`, `ms`, `%`, `B`, `KB`, `c`, …);
/// - timestamp = the given timestamp (`check.executed`, Unix seconds);
/// - no tags (the extractor appends `output_metric_tags`).
/// Thresholds, minimum and maximum are not read.
///
/// Differences from Sensu Go 6.x (deliberate): quoted labels may contain spaces and keep no quotes, long-output
/// perfdata and a second `|` are read, scientific notation is accepted, a unit that is not letters/`%`/`/`/`_`
/// (`12ab34`, `1.2.3`) is rejected instead of having its other characters stripped out, and `U` (unknown) is
/// skipped with a diagnostic. A line with a malformed item is rejected as a whole (no points from it).
public enum NagiosPerfdataParser {
    /// Parses one line of performance data (the text after `|`, or a perfdata continuation line).
    ///
    /// - Parameters:
    ///   - line: the perfdata text; columns in errors are counted from its first character (1-based).
    ///   - timestamp: Unix seconds given to every point.
    ///   - skipped: receives one error per item left out on purpose (value `U`); the other items are kept.
    /// - Returns: one point per item, in order.
    /// - Throws: `MetricParseError` for a malformed item (missing `=`, empty or unterminated label, a value that
    ///   is not a number); no points are returned for the line then.
    public static func parseLine(
        _ line: Substring,
        timestamp: Int64,
        skipped: inout [MetricParseError]
    ) throws(MetricParseError) -> [MetricPoint] {
        var points: [MetricPoint] = []
        var index = line.startIndex
        func column(_ position: Substring.Index) -> Int { OutputLines.column(of: position, in: line) }
        while true {
            while index < line.endIndex, OutputLines.isBlank(line[index]) { index = line.index(after: index) }
            guard index < line.endIndex else { break }
            let itemStart = index
            var label = ""
            if line[index] == "'" {
                index = line.index(after: index)
                var closed = false
                while index < line.endIndex {
                    let character = line[index]
                    index = line.index(after: index)
                    if character != "'" {
                        label.append(character)
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
                throw MetricParseError(
                    column: column(index),
                    message: "expected '=' after label '\(label)'"
                )
            }
            guard !label.isEmpty else {
                throw MetricParseError(column: column(itemStart), message: "empty label")
            }
            index = line.index(after: index)
            let valueStart = index
            while index < line.endIndex, line[index] != ";", !OutputLines.isBlank(line[index]) {
                index = line.index(after: index)
            }
            let valueText = line[valueStart..<index]
            while index < line.endIndex, !OutputLines.isBlank(line[index]) { index = line.index(after: index) }
            if valueText == "U" {
                skipped.append(
                    MetricParseError(
                        column: column(valueStart),
                        message: "value of '\(label)' is U (unknown); no point"
                    )
                )
                continue
            }
            let value = try number(valueText, label: label, column: column)
            points.append(MetricPoint(name: label, value: value, timestamp: timestamp))
        }
        return points
    }

    /// Parses one line of performance data, dropping the record of skipped `U` items.
    ///
    /// - Parameters:
    ///   - line: the perfdata text (after `|`, or a continuation line).
    ///   - timestamp: Unix seconds given to every point.
    /// - Returns: one point per item with a number.
    /// - Throws: `MetricParseError` for a malformed item (see ``parseLine(_:timestamp:skipped:)``).
    public static func parseLine(_ line: Substring, timestamp: Int64) throws(MetricParseError) -> [MetricPoint] {
        var skipped: [MetricParseError] = []
        return try parseLine(line, timestamp: timestamp, skipped: &skipped)
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
            do {
                extraction.points += try parseLine(perfdata, timestamp: timestamp, skipped: &skipped)
            } catch {
                skipped = [error]
            }
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
