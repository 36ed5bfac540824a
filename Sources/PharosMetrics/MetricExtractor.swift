public import PharosCore

/// Turns a check's output into metric points, as the agent does when `output_metric_format` is set
/// (Sensu Go 6.x reference §6, with the deliberate fixes listed on each parser).
public enum MetricExtractor {
    /// Extracts the metric points of `output` in `format`.
    ///
    /// - Parameters:
    ///   - output: the check output (all of it; Nagios perfdata may span several lines).
    ///   - format: the check's `output_metric_format`.
    ///   - timestamp: Unix seconds (`check.executed`) for points whose line carries no timestamp.
    ///   - tags: the check's `output_metric_tags` (already token-substituted), appended to every point's tags in
    ///     this order. For `prometheus_text` a label with the same name as one of these is removed first, so the
    ///     output tag replaces it.
    /// - Returns: the points in output order and one diagnostic per rejected line or skipped item. Never fails.
    public static func extract(
        _ output: String,
        format: MetricFormat,
        timestamp: Int64,
        tags: [MetricTag]
    ) -> MetricExtraction {
        var extraction: MetricExtraction
        switch format {
        case .nagiosPerfdata: extraction = NagiosPerfdataParser.parse(output, timestamp: timestamp)
        case .graphitePlaintext: extraction = GraphitePlaintextParser.parse(output, timestamp: timestamp)
        case .influxdbLine: extraction = InfluxLineParser.parse(output, timestamp: timestamp)
        case .opentsdbLine: extraction = OpenTSDBLineParser.parse(output, timestamp: timestamp)
        case .prometheusText: extraction = PrometheusTextParser.parse(output, timestamp: timestamp)
        }
        guard !tags.isEmpty else { return extraction }
        let overridden = format == .prometheusText ? Set(tags.map(\.name)) : []
        for index in extraction.points.indices {
            if !overridden.isEmpty {
                extraction.points[index].tags.removeAll { overridden.contains($0.name) }
            }
            extraction.points[index].tags += tags
        }
        return extraction
    }
}
