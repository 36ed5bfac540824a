public import PharosCore

/// Parses the Graphite plaintext protocol (`output_metric_format: graphite_plaintext`).
///
/// Source: Graphite docs "Feeding in your data" (plaintext protocol, `<path> <value> <timestamp>`) and "Graphite
/// Tag Support" (`path;tag=value;tag2=value2`). One point per line:
/// - name = the path without its tags; tags = the path's tags in order (the extractor then appends
///   `output_metric_tags` — Sensu Go puts those first);
/// - value = a decimal number (scientific notation allowed; `nan`/`inf` rejected);
/// - timestamp = Unix seconds as written (a fraction is truncated), or the given timestamp when it is `-1`
///   ("now", as carbon reads it).
/// Fields are separated by runs of spaces or tabs; exactly three are required. Blank lines are ignored.
public enum GraphitePlaintextParser {
    /// Parses one plaintext line.
    ///
    /// - Parameters:
    ///   - line: `path[;k=v...] value timestamp`.
    ///   - timestamp: Unix seconds used when the line's timestamp is `-1`.
    /// - Returns: exactly one point.
    /// - Throws: `MetricParseError` when the field count is not 3, the path or a tag is malformed, or the value or
    ///   timestamp is not a number.
    public static func parseLine(_ line: Substring, timestamp: Int64) throws(MetricParseError) -> [MetricPoint] {
        let fields = OutputLines.fields(line)
        func column(_ index: Substring.Index) -> Int { OutputLines.column(of: index, in: line) }
        guard fields.count == 3 else {
            let at = fields.count > 3 ? fields[3].startIndex : line.endIndex
            throw MetricParseError(
                column: column(at),
                message: "expected 3 fields 'path value timestamp', found \(fields.count)"
            )
        }
        let (name, tags) = try pathAndTags(fields[0], column: column)
        guard let value = DecimalNumber.parse(fields[1]) else {
            throw MetricParseError(
                column: column(fields[1].startIndex), message: "value is not a number: '\(fields[1])'")
        }
        return [
            MetricPoint(
                name: name, value: value, timestamp: try seconds(fields[2], now: timestamp, column: column), tags: tags)
        ]
    }

    /// Extracts one point per line of `output`.
    ///
    /// - Parameters:
    ///   - output: the check output.
    ///   - timestamp: Unix seconds used for `-1` timestamps.
    /// - Returns: the points in output order and one diagnostic per rejected line.
    public static func parse(_ output: String, timestamp: Int64) -> MetricExtraction {
        var extraction = MetricExtraction()
        for (number, line) in OutputLines.numbered(output) where !line.allSatisfy(OutputLines.isBlank) {
            do {
                extraction.points += try parseLine(line, timestamp: timestamp)
            } catch {
                extraction.diagnostics.append(error.diagnostic(line: number))
            }
        }
        return extraction
    }

    private static func pathAndTags(
        _ path: Substring,
        column: (Substring.Index) -> Int
    ) throws(MetricParseError) -> (String, [MetricTag]) {
        let parts = path.split(separator: ";", omittingEmptySubsequences: false)
        guard let name = parts.first, !name.isEmpty else {
            throw MetricParseError(column: column(path.startIndex), message: "empty metric path")
        }
        var tags: [MetricTag] = []
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "="), equals > part.startIndex,
                part.index(after: equals) < part.endIndex
            else {
                throw MetricParseError(
                    column: column(part.startIndex),
                    message: "tag '\(part)' is not 'name=value' with both non-empty"
                )
            }
            tags.append(MetricTag(name: String(part[..<equals]), value: String(part[part.index(after: equals)...])))
        }
        return (String(name), tags)
    }

    private static func seconds(
        _ text: Substring,
        now: Int64,
        column: (Substring.Index) -> Int
    ) throws(MetricParseError) -> Int64 {
        if text == "-1" { return now }
        let whole = text.firstIndex(of: ".").map { text[..<$0] } ?? text
        let fraction = text[whole.endIndex...].dropFirst()
        guard DecimalNumber.isDigits(whole), fraction.allSatisfy(\.isASCIIDigit), let seconds = Int64(String(whole))
        else {
            throw MetricParseError(
                column: column(text.startIndex),
                message: "timestamp is not Unix seconds (or -1): '\(text)'"
            )
        }
        return seconds
    }
}
