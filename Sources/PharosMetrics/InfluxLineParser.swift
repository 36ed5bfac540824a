public import PharosCore

/// Parses InfluxDB line protocol (`output_metric_format: influxdb_line`).
///
/// Source: InfluxDB 1.x/2.x docs "Line protocol" —
/// `measurement[,tag_key=tag_value...] field_key=field_value[,field_key=field_value...] [timestamp]`.
///
/// Each field gives one point named `<measurement>.<field key>`, with the line's tags in order (the extractor then
/// appends `output_metric_tags`). Field values:
/// - float (`1`, `-1.5`, `1.5e+06`), integer `5i`, unsigned `5u` → that number;
/// - boolean `t`/`T`/`true`/`True`/`TRUE` → 1, `f`/`F`/`false`/`False`/`FALSE` → 0;
/// - string `"…"` → **no point for that field** and a skipped-item error; the line's other fields are kept
///   (a string has no numeric value, and dropping the whole line would lose valid numbers).
///
/// Escapes (backslash): `\,`, `\=`, `\ ` and `\\` in the measurement, tag keys, tag values and field keys stand
/// for the character itself (`\\` is one backslash); `\"` and `\\` in string values. Any other backslash is
/// literal (`path\to` keeps it).
///
/// Timestamp: optional integer; absent → the given timestamp. Its precision is not known from the text, so it is
/// chosen by magnitude: |t| < 10^11 → seconds, < 10^14 → milliseconds, < 10^17 → microseconds, otherwise
/// nanoseconds (the line protocol default); the result is Unix seconds rounded down. Each unit is thus read
/// correctly for dates between 1973 and 5138. (Sensu Go 6.x keeps the first 10 digits instead.)
///
/// Lines starting with `#` are comments; blank lines are ignored. Differences from Sensu Go 6.x (deliberate):
/// integers, booleans and escapes are understood, and one string field no longer drops the whole line.
public enum InfluxLineParser {
    /// The characters a backslash escapes in measurement, tag and field-key names.
    static let nameEscapes: Set<Character> = [",", "=", " ", "\\"]

    /// Parses one line.
    ///
    /// - Parameters:
    ///   - line: one line-protocol line.
    ///   - timestamp: Unix seconds used when the line has no timestamp.
    ///   - skipped: receives one error per string field left out; the line's other fields still give points.
    /// - Returns: one point per numeric or boolean field, in order; `[]` for a comment or blank line.
    /// - Throws: `MetricParseError` for a missing measurement or fields, a malformed tag or field, an
    ///   unterminated string, a value of no known type, or a malformed timestamp; no points for the line then.
    public static func parseLine(
        _ line: Substring,
        timestamp: Int64,
        skipped: inout [MetricParseError]
    ) throws(MetricParseError) -> [MetricPoint] {
        var cursor = InfluxCursor(line)
        cursor.skipSpaces()
        guard !cursor.isAtEnd, cursor.current != "#" else { return [] }
        let measurementStart = cursor.index
        let measurement = cursor.readName(stoppingAt: [",", " "], escapable: nameEscapes)
        guard !measurement.isEmpty else {
            throw cursor.error(at: measurementStart, "missing measurement name")
        }
        var tags: [MetricTag] = []
        while cursor.current == "," {
            cursor.advance()
            let keyStart = cursor.index
            let key = cursor.readName(stoppingAt: ["=", ",", " "], escapable: nameEscapes)
            guard !key.isEmpty else { throw cursor.error(at: keyStart, "empty tag key") }
            guard cursor.current == "=" else { throw cursor.error(at: keyStart, "tag '\(key)' has no '='") }
            cursor.advance()
            let valueStart = cursor.index
            let value = cursor.readName(stoppingAt: ["=", ",", " "], escapable: nameEscapes)
            guard cursor.current != "=" else {
                throw cursor.error(at: cursor.index, "unescaped '=' in the value of tag '\(key)'")
            }
            guard !value.isEmpty else { throw cursor.error(at: valueStart, "empty value for tag '\(key)'") }
            tags.append(MetricTag(name: key, value: value))
        }
        guard cursor.current == " " else {
            throw cursor.error(at: cursor.index, "expected a space and then the fields")
        }
        cursor.skipSpaces()
        guard !cursor.isAtEnd else { throw cursor.error(at: cursor.index, "missing fields") }
        var fields: [(key: String, value: Double)] = []
        repeat {
            if cursor.current == "," { cursor.advance() }
            let keyStart = cursor.index
            let key = cursor.readName(stoppingAt: ["=", ",", " "], escapable: nameEscapes)
            guard !key.isEmpty else { throw cursor.error(at: keyStart, "empty field key") }
            guard cursor.current == "=" else { throw cursor.error(at: keyStart, "field '\(key)' has no '='") }
            cursor.advance()
            if let value = try fieldValue(&cursor, key: key, skipped: &skipped) {
                fields.append((key, value))
            }
        } while cursor.current == ","
        var seconds = timestamp
        if cursor.current == " " {
            cursor.skipSpaces()
            if !cursor.isAtEnd {
                let start = cursor.index
                while let character = cursor.current, character != " " { cursor.advance() }
                let text = cursor.text[start..<cursor.index]
                guard let raw = DecimalNumber.parseInteger(text), text.first != "+" else {
                    throw cursor.error(at: start, "timestamp is not an integer: '\(text)'")
                }
                seconds = UnixTime.secondsByMagnitude(raw)
                cursor.skipSpaces()
            }
        }
        guard cursor.isAtEnd else {
            throw cursor.error(at: cursor.index, "unexpected text after the fields and timestamp")
        }
        return fields.map {
            MetricPoint(name: "\(measurement).\($0.key)", value: $0.value, timestamp: seconds, tags: tags)
        }
    }

    /// Parses one line, dropping the record of skipped string fields.
    ///
    /// - Parameters:
    ///   - line: one line-protocol line.
    ///   - timestamp: Unix seconds used when the line has no timestamp.
    /// - Returns: one point per numeric or boolean field.
    /// - Throws: `MetricParseError` as ``parseLine(_:timestamp:skipped:)``.
    public static func parseLine(_ line: Substring, timestamp: Int64) throws(MetricParseError) -> [MetricPoint] {
        var skipped: [MetricParseError] = []
        return try parseLine(line, timestamp: timestamp, skipped: &skipped)
    }

    /// Extracts the points of every line of `output`.
    ///
    /// - Parameters:
    ///   - output: the check output.
    ///   - timestamp: Unix seconds used for lines without a timestamp.
    /// - Returns: the points in output order, and one diagnostic per rejected line or skipped string field.
    public static func parse(_ output: String, timestamp: Int64) -> MetricExtraction {
        var extraction = MetricExtraction()
        for (number, line) in OutputLines.numbered(output) {
            var skipped: [MetricParseError] = []
            do {
                extraction.points += try parseLine(line, timestamp: timestamp, skipped: &skipped)
            } catch {
                skipped = [error]
            }
            extraction.diagnostics += skipped.map { $0.diagnostic(line: number) }
        }
        return extraction
    }

    /// Reads one field value at the cursor: the number, or `nil` for a (skipped) string.
    private static func fieldValue(
        _ cursor: inout InfluxCursor,
        key: String,
        skipped: inout [MetricParseError]
    ) throws(MetricParseError) -> Double? {
        let start = cursor.index
        if cursor.current == "\"" {
            cursor.advance()
            while let character = cursor.current, character != "\"" {
                cursor.advance()
                if character == "\\", cursor.current == "\"" || cursor.current == "\\" { cursor.advance() }
            }
            guard cursor.current == "\"" else {
                throw cursor.error(at: start, "unterminated string value for field '\(key)'")
            }
            cursor.advance()
            skipped.append(cursor.error(at: start, "field '\(key)' is a string; no point"))
            return nil
        }
        while let character = cursor.current, character != ",", character != " " { cursor.advance() }
        let text = cursor.text[start..<cursor.index]
        if let value = number(text) { return value }
        throw cursor.error(
            at: start,
            text.isEmpty ? "missing value for field '\(key)'" : "value of field '\(key)' is not a number: '\(text)'"
        )
    }

    /// A field value of type float, integer (`i`), unsigned (`u`) or boolean, as a `Double`.
    private static func number(_ text: Substring) -> Double? {
        switch text {
        case "t", "T", "true", "True", "TRUE": return 1
        case "f", "F", "false", "False", "FALSE": return 0
        default: break
        }
        if text.last == "i", let value = DecimalNumber.parseInteger(text.dropLast()), text.first != "+" {
            return Double(value)
        }
        if text.last == "u", DecimalNumber.isDigits(text.dropLast()), let value = UInt64(String(text.dropLast())) {
            return Double(value)
        }
        return DecimalNumber.parse(text)
    }
}
