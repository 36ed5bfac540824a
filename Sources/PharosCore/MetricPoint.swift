/// One metric tag (`{"name","value"}`), as in Sensu Go `core/v2` `MetricTag`.
public struct MetricTag: Sendable, Hashable, Codable {
    /// Tag key.
    public var name: String
    /// Tag value.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One metric point (`{"name","value","timestamp","tags"}`), as in Sensu Go `core/v2` `MetricPoint`.
///
/// `timestamp` is Unix time in **seconds** for points extracted from check output (Sensu Go 6.x normalises
/// Influx/OpenTSDB timestamps to seconds); StatsD flushes use nanoseconds as Sensu does (reference §4.6).
/// `tags` is always encoded, as `[]` when empty.
public struct MetricPoint: Sendable, Hashable, Codable {
    /// Metric name, e.g. `time` or `disk_usage.used`.
    public var name: String
    /// Sample value.
    public var value: Double
    /// Unix timestamp (seconds for check-output points).
    public var timestamp: Int64
    /// Tags in the order they were produced.
    public var tags: [MetricTag]

    public init(name: String, value: Double, timestamp: Int64, tags: [MetricTag] = []) {
        self.name = name
        self.value = value
        self.timestamp = timestamp
        self.tags = tags
    }

    private enum CodingKeys: String, CodingKey { case name, value, timestamp, tags }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        value = try container.decode(Double.self, forKey: .value)
        timestamp = try container.decodeIfPresent(Int64.self, forKey: .timestamp) ?? 0
        tags = try container.decodeIfPresent([MetricTag].self, forKey: .tags) ?? []
    }
}
