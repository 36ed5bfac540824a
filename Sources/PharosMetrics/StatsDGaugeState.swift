/// The aggregator's memory of one gauge: its current value and when it last received a sample.
struct StatsDGaugeState: Sendable, Hashable {
    /// Current gauge value.
    var value: Double
    /// Flush timestamp (Unix nanoseconds) of the last flush whose interval contained a sample; `nil` until the first
    /// flush after the gauge was created.
    var lastUpdatedNanoseconds: Int64?
    /// Whether a sample arrived since the previous flush.
    var updatedSinceFlush: Bool
}
