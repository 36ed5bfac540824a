/// A tag a metric must carry for a `MetricThreshold` to apply, as in Sensu Go `core/v2` `MetricThresholdTag`.
public struct MetricThresholdTag: Sendable, Hashable, Codable {
    /// Tag name.
    public var name: String
    /// Tag value.
    public var value: String

    /// Creates a threshold tag.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.lenient(.name, "")
        value = try container.lenient(.value, "")
    }
}
