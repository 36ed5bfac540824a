/// A threshold applied to a metric extracted from check output (`output_metric_thresholds`), as in Sensu Go
/// `core/v2` `MetricThreshold` (6.5+, reference §6.7).
public struct MetricThreshold: Sendable, Hashable, Codable {
    /// Metric name to match.
    public var name: String
    /// Tags the metric must carry.
    public var tags: [MetricThresholdTag]
    /// Rules evaluated when the metric matches.
    public var thresholds: [MetricThresholdRule]
    /// Status reported when the metric is missing from the output.
    public var nullStatus: UInt32

    /// Creates a metric threshold.
    public init(
        name: String, tags: [MetricThresholdTag] = [], thresholds: [MetricThresholdRule] = [], nullStatus: UInt32 = 0
    ) {
        self.name = name
        self.tags = tags
        self.thresholds = thresholds
        self.nullStatus = nullStatus
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, tags, thresholds
        case nullStatus = "null_status"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.lenient(.name, "")
        tags = try container.lenient(.tags, [])
        thresholds = try container.lenient(.thresholds, [])
        nullStatus = try container.lenient(.nullStatus, 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeNilIfEmpty(tags, forKey: .tags)
        try container.encodeNilIfEmpty(thresholds, forKey: .thresholds)
        try container.encode(nullStatus, forKey: .nullStatus)
    }
}
