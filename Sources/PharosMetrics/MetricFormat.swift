public import PharosCore

/// The check-output metric formats Sensu Go understands (`output_metric_format`, reference §6).
public enum MetricFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Nagios plugin guidelines §perfdata: `label=value[UOM];[warn];[crit];[min];[max]` after `|`.
    case nagiosPerfdata = "nagios_perfdata"
    /// Graphite plaintext protocol: `path value timestamp`.
    case graphitePlaintext = "graphite_plaintext"
    /// InfluxDB line protocol: `measurement[,tag=v] field=v[,field=v] [timestamp]`.
    case influxdbLine = "influxdb_line"
    /// OpenTSDB telnet `put`: `[put] metric timestamp value tag=v [tag=v]`.
    case opentsdbLine = "opentsdb_line"
    /// Prometheus text exposition format 0.0.4.
    case prometheusText = "prometheus_text"
}

/// A per-line problem found while extracting metrics: the line was rejected (or partly rejected) and no wrong
/// point was produced from it.
public struct MetricDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number in the check output.
    public var line: Int
    /// 1-based column of the problem within the line, when known.
    public var column: Int?
    /// What is wrong, safe to show a user.
    public var message: String

    public init(line: Int, column: Int? = nil, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line N[, column C]: message`.
    public var description: String {
        if let column { return "line \(line), column \(column): \(message)" }
        return "line \(line): \(message)"
    }
}

/// The result of extracting metrics from a check's output: the points, in output order, plus one diagnostic per
/// rejected line (or rejected item within a line).
public struct MetricExtraction: Sendable, Hashable {
    public var points: [MetricPoint]
    public var diagnostics: [MetricDiagnostic]

    public init(points: [MetricPoint] = [], diagnostics: [MetricDiagnostic] = []) {
        self.points = points
        self.diagnostics = diagnostics
    }
}
