public import PharosCore
import PharosMetrics

/// One sample the collector writes: a metric name, its labels and a value, as an exporter scrape or a Prometheus
/// instant query yields it (the `model.Sample` of Prometheus' Go client, without its timestamp: the collector stamps
/// every line with the time of the run, as sensu-prometheus-collector does).
public struct CollectedSample: Sendable, Hashable {
    /// The metric name (`__name__`), e.g. `node_load1` or `http_request_duration_seconds_bucket`.
    public var name: String
    /// The labels without `__name__`, sorted by label name.
    public var labels: [MetricTag]
    /// The sample value; ±Inf is kept here and left out by the renderers that cannot carry it.
    public var value: Double

    /// Creates a sample; `labels` are sorted by name.
    public init(name: String, labels: [MetricTag] = [], value: Double) {
        self.name = name
        self.labels = labels.sorted { $0.name < $1.name }
        self.value = value
    }

    /// The samples of a text exposition (format 0.0.4), read with Pharos' ``PrometheusTextParser``.
    ///
    /// Histograms and summaries come out as Prometheus writes and stores them: one sample per `_bucket` series (with
    /// its `le` label), `_sum` and `_count`, and one per quantile (with its `quantile` label). `NaN` samples are left
    /// out (InfluxDB cannot store them). The parser's `prom_type`/`prom_help` tags are not labels and are dropped.
    ///
    /// - Parameter text: the body an exporter answered.
    /// - Returns: the samples in exposition order.
    /// - Throws: ``CollectorError/unparsableBody(_:)`` naming the first line that is not valid exposition text,
    ///   as Prometheus' own parser refuses the whole scrape for one bad line.
    public static func fromExposition(_ text: String) throws(CollectorError) -> [CollectedSample] {
        let extraction = PrometheusTextParser.parse(text, timestamp: 0)
        if let first = extraction.diagnostics.first {
            let more = extraction.diagnostics.count - 1
            throw .unparsableBody(more > 0 ? "\(first) (and \(more) more bad lines)" : "\(first)")
        }
        return extraction.points.map { point in
            var tags = point.tags
            if let typeIndex = tags.lastIndex(where: { $0.name == "prom_type" }) {
                tags.removeSubrange(typeIndex...)
            }
            return CollectedSample(name: point.name, labels: tags, value: point.value)
        }
    }
}
