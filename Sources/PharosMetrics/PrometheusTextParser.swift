public import PharosCore

/// Parses the Prometheus text exposition format 0.0.4 (`output_metric_format: prometheus_text`).
///
/// Source: Prometheus docs "Exposition formats" (text-based format). Each sample line gives one point:
/// - name = the metric name (`__name__`); histogram and summary families appear as their `_bucket` (with `le`),
///   `_sum`, `_count` and quantile (with `quantile`) series, exactly as written;
/// - tags = the sample's labels **sorted by label name** (deterministic; Sensu Go uses map order), then
///   `prom_type` (the family's lower-case TYPE, `untyped` without one) and `prom_help` (the unescaped HELP text,
///   when present and non-empty); the extractor then appends `output_metric_tags`, which replace same-named labels;
/// - value = the sample value; `+Inf`/`-Inf` are kept, `NaN` samples are dropped (valid input, no diagnostic);
/// - timestamp = the optional sample timestamp (milliseconds) as Unix seconds rounded down, else the given one.
///
/// A sample named `X_bucket` belongs to histogram family `X` and must have an `le` label; `X_sum` and `X_count`
/// belong to histogram or summary `X`; a sample of summary `X` must have a `quantile` label. Label values are
/// kept as written (`le="1.0"` stays `1.0`; Sensu Go re-formats them as Go floats).
///
/// Lines end with `\n` only, as the format says: `\r\n` is not a line ending (a line ending in `\r` is rejected
/// with a diagnostic), and the last line must end with `\n` (a final line without it gives a diagnostic and no
/// point, as Prometheus' own parser reports "unexpected end of input stream"). Metric and label names may be
/// quoted UTF-8 strings (current exposition format): `{"my.metric"} 1`, `{"my.metric","label.x"="v"} 1`,
/// `# TYPE "my.metric" gauge`.
///
/// Metadata is read before samples, so HELP/TYPE apply wherever they appear in the text. Unlike Sensu Go (where
/// one bad line loses the whole exposition), a malformed line only loses itself: a diagnostic is reported for a
/// malformed sample, an unknown TYPE, or a second HELP/TYPE line for a family (the first one wins).
public enum PrometheusTextParser {
    /// Parses one sample line without family metadata (`prom_type` is `untyped`, no `prom_help`).
    ///
    /// - Parameters:
    ///   - line: a sample line `name[{label="value",...}] value [timestamp_ms]`; `#` lines and blank lines give `[]`.
    ///   - timestamp: Unix seconds used when the sample has no timestamp.
    /// - Returns: one point, or none for a NaN sample, comment or blank line.
    /// - Throws: `MetricParseError` for an invalid metric or label name, a bad escape, an unterminated or repeated
    ///   label, or a value or timestamp that is not a number.
    public static func parseLine(_ line: Substring, timestamp: Int64) throws(MetricParseError) -> [MetricPoint] {
        try parseLine(line, timestamp: timestamp, families: [:])
    }

    /// Extracts the points of a whole exposition.
    ///
    /// - Parameters:
    ///   - output: the check output in text exposition format.
    ///   - timestamp: Unix seconds used for samples without a timestamp.
    /// - Returns: the points in output order and one diagnostic per rejected line, sorted by line.
    public static func parse(_ output: String, timestamp: Int64) -> MetricExtraction {
        var extraction = MetricExtraction()
        var lines: [(number: Int, text: Substring)] = []
        let split = output.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, scalars) in split.enumerated() {
            let number = offset + 1
            let line = OutputLines.trimmingTrailingSpacesAndTabs(Substring(scalars))
            if line.allSatisfy(OutputLines.isBlank) { continue }
            if line.unicodeScalars.last == "\r" {
                extraction.diagnostics.append(
                    MetricDiagnostic(
                        line: number, column: line.unicodeScalars.count,
                        message: "line ends with \\r\\n; lines of the text format end with \\n only"))
            } else if offset == split.count - 1 {
                extraction.diagnostics.append(
                    MetricDiagnostic(
                        line: number, column: line.unicodeScalars.count + 1,
                        message: "the last line does not end with \\n (unexpected end of input)"))
            } else {
                lines.append((number, line))
            }
        }
        var families: [String: PrometheusFamily] = [:]
        for (number, line) in lines {
            do {
                try readMetadata(line, into: &families)
            } catch {
                extraction.diagnostics.append(error.diagnostic(line: number))
            }
        }
        var sampleDiagnostics: [MetricDiagnostic] = []
        for (number, line) in lines {
            do {
                extraction.points += try parseLine(line, timestamp: timestamp, families: families)
            } catch {
                sampleDiagnostics.append(error.diagnostic(line: number))
            }
        }
        extraction.diagnostics = (extraction.diagnostics + sampleDiagnostics).enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return extraction
    }

    /// Records a `# HELP` or `# TYPE` line in `families`; other lines are left alone.
    private static func readMetadata(
        _ line: Substring,
        into families: inout [String: PrometheusFamily]
    ) throws(MetricParseError) {
        var scanner = PrometheusLineScanner(line)
        scanner.skipBlanks()
        guard scanner.current == "#" else { return }
        scanner.advance()
        scanner.skipBlanks()
        let keyword = scanner.readToken()
        guard keyword == "HELP" || keyword == "TYPE" else { return }
        scanner.skipBlanks()
        let name =
            scanner.current == "\""
            ? try scanner.readQuotedValue(of: "metric name") : try scanner.readName(allowingColon: true)
        guard scanner.isAtEnd || scanner.current.map(OutputLines.isBlank) == true else {
            throw scanner.error(at: scanner.index, "unexpected character in metric name of \(keyword) line")
        }
        scanner.skipBlanks()
        var family = families[name] ?? PrometheusFamily()
        if keyword == "HELP" {
            guard family.help == nil else { throw scanner.error(at: line.startIndex, "second HELP line for '\(name)'") }
            family.help = try PrometheusLineScanner.unescapeHelp(line[scanner.index...], scanner: scanner)
        } else {
            let typeStart = scanner.index
            let type = scanner.readToken().lowercased()
            guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(type) else {
                throw scanner.error(at: typeStart, "unknown TYPE '\(line[typeStart...])' for '\(name)'")
            }
            scanner.skipBlanks()
            guard scanner.isAtEnd else { throw scanner.error(at: scanner.index, "unexpected text after TYPE") }
            guard family.type == nil else { throw scanner.error(at: line.startIndex, "second TYPE line for '\(name)'") }
            family.type = type
        }
        families[name] = family
    }

    /// Parses one sample line using the family metadata gathered from the whole text.
    private static func parseLine(
        _ line: Substring,
        timestamp: Int64,
        families: [String: PrometheusFamily]
    ) throws(MetricParseError) -> [MetricPoint] {
        var scanner = PrometheusLineScanner(line)
        scanner.skipBlanks()
        guard !scanner.isAtEnd, scanner.current != "#" else { return [] }
        let sample = try readSample(&scanner)
        let family = try family(of: sample, in: families, scanner: scanner)
        guard !sample.value.isNaN else { return [] }
        var tags = sample.labels.sorted { $0.name < $1.name }
        tags.append(MetricTag(name: "prom_type", value: family.type ?? "untyped"))
        if let help = family.help, !help.isEmpty {
            tags.append(MetricTag(name: "prom_help", value: help))
        }
        let seconds = sample.timestampMilliseconds.map { UnixTime.floorDivide($0, by: 1_000) } ?? timestamp
        return [MetricPoint(name: sample.name, value: sample.value, timestamp: seconds, tags: tags)]
    }

    /// Reads `name[{labels}] value [timestamp]`, the scanner being at the name.
    private static func readSample(_ scanner: inout PrometheusLineScanner) throws(MetricParseError) -> PrometheusSample
    {
        let nameStart = scanner.index
        var name: String? = scanner.current == "{" ? nil : try scanner.readName(allowingColon: true)
        scanner.skipBlanks()
        var labels: [MetricTag] = []
        if scanner.current == "{" {
            scanner.advance()
            while true {
                scanner.skipBlanks()
                if scanner.current == "}" { break }
                let labelStart = scanner.index
                let label: String
                if scanner.current == "\"" {
                    let quoted = try scanner.readQuotedValue(of: "name")
                    scanner.skipBlanks()
                    if name == nil, labels.isEmpty, scanner.current == "," || scanner.current == "}" {
                        // `{"my.metric", ...}`: a quoted metric name as the first item.
                        name = quoted
                        if scanner.current == "," { scanner.advance() }
                        continue
                    }
                    label = quoted
                } else {
                    label = try scanner.readName(allowingColon: false)
                }
                guard label != "__name__" else {
                    throw scanner.error(at: labelStart, "label name '__name__' is reserved")
                }
                guard !labels.contains(where: { $0.name == label }) else {
                    throw scanner.error(at: labelStart, "label '\(label)' appears twice")
                }
                scanner.skipBlanks()
                guard scanner.current == "=" else {
                    throw scanner.error(at: scanner.index, "expected '=' after label '\(label)'")
                }
                scanner.advance()
                scanner.skipBlanks()
                guard scanner.current == "\"" else {
                    throw scanner.error(at: scanner.index, "expected '\"' to open the value of label '\(label)'")
                }
                labels.append(MetricTag(name: label, value: try scanner.readQuotedValue(of: "label '\(label)'")))
                scanner.skipBlanks()
                if scanner.current == "," {
                    scanner.advance()
                } else if scanner.current != "}" {
                    throw scanner.error(at: scanner.index, "expected ',' or '}' after the value of label '\(label)'")
                }
            }
            scanner.advance()
            scanner.skipBlanks()
        }
        guard let name else {
            throw scanner.error(at: nameStart, "expected a metric name before '{' or as its first quoted item")
        }
        let valueStart = scanner.index
        let valueText = scanner.readToken()
        guard let value = sampleValue(valueText) else {
            throw scanner.error(
                at: valueStart,
                valueText.isEmpty ? "missing sample value" : "sample value is not a number: '\(valueText)'"
            )
        }
        scanner.skipBlanks()
        var milliseconds: Int64?
        if !scanner.isAtEnd {
            let stampStart = scanner.index
            let stampText = scanner.readToken()
            guard let stamp = DecimalNumber.parseInteger(stampText) else {
                throw scanner.error(at: stampStart, "timestamp is not an integer (milliseconds): '\(stampText)'")
            }
            milliseconds = stamp
            scanner.skipBlanks()
            guard scanner.isAtEnd else { throw scanner.error(at: scanner.index, "unexpected text after the timestamp") }
        }
        return PrometheusSample(name: name, labels: labels, value: value, timestampMilliseconds: milliseconds)
    }

    /// The family a sample belongs to (see the type's documentation), checking `le`/`quantile` labels.
    private static func family(
        of sample: PrometheusSample,
        in families: [String: PrometheusFamily],
        scanner: PrometheusLineScanner
    ) throws(MetricParseError) -> PrometheusFamily {
        let start = scanner.text.startIndex
        if let family = families[sample.name] {
            if family.type == "summary", !sample.labels.contains(where: { $0.name == "quantile" }) {
                throw scanner.error(at: start, "summary sample '\(sample.name)' has no 'quantile' label")
            }
            if family.type == "histogram" {
                throw scanner.error(at: start, "histogram sample '\(sample.name)' must end in _bucket, _sum or _count")
            }
            return family
        }
        for suffix in ["_bucket", "_sum", "_count"] where sample.name.hasSuffix(suffix) {
            let base = String(sample.name.dropLast(suffix.count))
            guard let family = families[base] else { continue }
            if family.type == "histogram" {
                if suffix == "_bucket", !sample.labels.contains(where: { $0.name == "le" }) {
                    throw scanner.error(at: start, "histogram bucket '\(sample.name)' has no 'le' label")
                }
                return family
            }
            if family.type == "summary", suffix != "_bucket" {
                return family
            }
        }
        return PrometheusFamily()
    }

    /// A sample value: a decimal number, or `NaN`, `Inf`, `+Inf`, `-Inf` in any letter case (as Go's
    /// `strconv.ParseFloat`, which the reference parser uses).
    private static func sampleValue(_ text: Substring) -> Double? {
        switch text.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return DecimalNumber.parse(text)
        }
    }
}
