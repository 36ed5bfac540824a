import PharosCore

/// One sample line of the Prometheus text format, before family metadata is applied.
struct PrometheusSample: Hashable {
    /// The metric name (`__name__`).
    var name: String
    /// Labels in the order written (without `__name__`).
    var labels: [MetricTag]
    /// The sample value; may be NaN or ±Inf.
    var value: Double
    /// The optional timestamp, in milliseconds since the Unix epoch.
    var timestampMilliseconds: Int64?
}
