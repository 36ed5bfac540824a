import PharosCore

/// Identity of one aggregated StatsD series within one metric type: the name plus its sorted tags.
struct StatsDMetricKey: Sendable, Hashable {
    var name: String
    var tags: [MetricTag]

    /// Orders tag lists lexicographically by (name, value), shorter list first on a common prefix.
    static func tagsPrecede(_ lhs: [MetricTag], _ rhs: [MetricTag]) -> Bool {
        for (left, right) in zip(lhs, rhs) where left != right {
            return (left.name, left.value) < (right.name, right.value)
        }
        return lhs.count < rhs.count
    }
}
