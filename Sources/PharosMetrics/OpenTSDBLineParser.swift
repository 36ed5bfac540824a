public import PharosCore

/// Parses OpenTSDB telnet-style `put` lines (`output_metric_format: opentsdb_line`).
///
/// Source: OpenTSDB 2.x docs "Telnet API: put" — `put <metric> <timestamp> <value> <tagk=tagv> [<tagk=tagv> ...]`.
/// The `put` word is optional, as in Sensu Go. One point per line:
/// - name = the metric; tags = the line's tags in order (at least one is required, each exactly one `=` with
///   both sides non-empty, no key twice), then the extractor appends `output_metric_tags`;
/// - value = a decimal number (integer or float, scientific notation allowed);
/// - timestamp = Unix seconds: 1–10 digits are seconds, 13 digits are milliseconds (divided by 1000, rounded
///   down), and up to 10 digits, `.` and 3 digits are seconds with a milliseconds fraction (`1364410924.250`,
///   the fraction dropped); other forms are rejected, as OpenTSDB does.
/// Fields are separated by runs of spaces or tabs. Blank lines are ignored.
public enum OpenTSDBLineParser {
    /// Parses one `put` line.
    ///
    /// - Parameters:
    ///   - line: `[put] metric timestamp value tag=v [tag=v...]`.
    ///   - timestamp: unused (every OpenTSDB line carries its own); kept for a uniform parser shape.
    /// - Returns: exactly one point.
    /// - Throws: `MetricParseError` for fewer than 4 fields, no tag, a malformed or repeated tag, a timestamp that
    ///   is not 10-digit seconds or 13-digit milliseconds, or a value that is not a number.
    public static func parseLine(_ line: Substring, timestamp: Int64) throws(MetricParseError) -> [MetricPoint] {
        var fields = OutputLines.fields(line)
        func column(_ index: Substring.Index) -> Int { OutputLines.column(of: index, in: line) }
        if fields.first == "put" {
            fields.removeFirst()
        }
        guard fields.count >= 4 else {
            throw MetricParseError(
                column: column(line.endIndex),
                message: fields.count == 3
                    ? "at least one tag 'key=value' is required"
                    : "expected '[put] metric timestamp value tag=value...', found \(fields.count) fields"
            )
        }
        let stamp = fields[1]
        guard let seconds = seconds(stamp) else {
            throw MetricParseError(
                column: column(stamp.startIndex),
                message: "timestamp must be Unix seconds (up to 10 digits, optionally with a 3-digit fraction) "
                    + "or milliseconds (13 digits): '\(stamp)'"
            )
        }
        guard let value = DecimalNumber.parse(fields[2]) else {
            throw MetricParseError(
                column: column(fields[2].startIndex), message: "value is not a number: '\(fields[2])'")
        }
        var tags: [MetricTag] = []
        for field in fields[3...] {
            let parts = field.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw MetricParseError(
                    column: column(field.startIndex),
                    message: "tag '\(field)' is not 'key=value' with exactly one '='"
                )
            }
            let tag = MetricTag(name: String(parts[0]), value: String(parts[1]))
            guard !tags.contains(where: { $0.name == tag.name }) else {
                throw MetricParseError(column: column(field.startIndex), message: "tag '\(tag.name)' appears twice")
            }
            tags.append(tag)
        }
        return [MetricPoint(name: String(fields[0]), value: value, timestamp: seconds, tags: tags)]
    }

    /// Unix seconds of an OpenTSDB timestamp: `S` (1–10 digits), `S.mmm` (a milliseconds fraction, dropped) or
    /// `MMMMMMMMMMMMM` (13-digit milliseconds, rounded down); `nil` for any other form.
    private static func seconds(_ stamp: Substring) -> Int64? {
        let parts = stamp.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, DecimalNumber.isDigits(whole), let raw = Int64(String(whole)) else {
            return nil
        }
        if parts.count == 2 {
            return whole.count <= 10 && parts[1].count == 3 && DecimalNumber.isDigits(parts[1]) ? raw : nil
        }
        if whole.count <= 10 { return raw }
        return whole.count == 13 ? UnixTime.floorDivide(raw, by: 1_000) : nil
    }

    /// Extracts one point per line of `output`.
    ///
    /// - Parameters:
    ///   - output: the check output.
    ///   - timestamp: unused (see ``parseLine(_:timestamp:)``).
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
}
