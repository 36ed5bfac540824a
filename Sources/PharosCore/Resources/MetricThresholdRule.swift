/// One min/max rule of a metric threshold, as in Sensu Go `core/v2` `MetricThresholdRule` (reference §6.7).
public struct MetricThresholdRule: Sendable, Hashable, Codable {
    /// Lowest value considered OK, as a decimal string; empty for no minimum.
    public var min: String
    /// Highest value considered OK, as a decimal string; empty for no maximum.
    public var max: String
    /// Check status to report when the value is outside `min`…`max`.
    public var status: UInt32

    /// Creates a threshold rule.
    public init(min: String = "", max: String = "", status: UInt32) {
        self.min = min
        self.max = max
        self.status = status
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case min, max, status }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        min = try container.lenient(.min, "")
        max = try container.lenient(.max, "")
        status = try container.lenient(.status, 0)
    }
}
