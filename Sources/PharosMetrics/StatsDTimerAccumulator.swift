import PharosCore

/// The values one timer received during the current flush interval, and the statistics Sensu Go reports for them.
///
/// Statistics follow gostatsd's `MetricAggregator.Flush` (the aggregator bundled with Sensu Go 6.x): values are
/// sorted; `mean`, `stddev` (population) and `median` (mean of the two middle values for an even count) are over the
/// values; `count` is the sample-rate-scaled count rounded half up, and `per_second` is that unrounded scaled count
/// divided by the interval. For each percentile `p`, `n = round(p / 100 × count)` of the smallest values give
/// `count_p`, `mean_p`, `sum_p`, `sum_squares_p` and `upper_p` (the n-th smallest value); `n = 0` emits nothing, and
/// a single value is its own percentile.
struct StatsDTimerAccumulator: Sendable, Hashable {
    /// Raw values as received (milliseconds for `ms`).
    var values: [Double] = []
    /// Sum of `1 / sampleRate` over the received values.
    var sampledCount: Double = 0

    /// The points of this timer, named `<name>.min`, `.max`, `.count`, `.per_second`, `.mean`, `.median`, `.stddev`,
    /// `.sum`, `.sum_squares`, then `.percentile_{count,mean,sum,sum_squares,upper}_<p>` per percentile.
    func points(
        name: String,
        tags: [MetricTag],
        percentiles: [Double],
        intervalSeconds: Double,
        timestamp: Int64
    ) -> [MetricPoint] {
        let sorted = values.sorted()
        guard let min = sorted.first, let max = sorted.last else { return [] }
        let count = sorted.count
        var cumulative: [Double] = []
        var cumulativeSquares: [Double] = []
        cumulative.reserveCapacity(count)
        cumulativeSquares.reserveCapacity(count)
        var sum = 0.0
        var sumSquares = 0.0
        for value in sorted {
            sum += value
            sumSquares += value * value
            cumulative.append(sum)
            cumulativeSquares.append(sumSquares)
        }
        let mean = sum / Double(count)
        var sumOfSquaredDifferences = 0.0
        for value in sorted { sumOfSquaredDifferences += (value - mean) * (value - mean) }
        let middle = count / 2
        let median = count % 2 == 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]

        func point(_ suffix: String, _ value: Double) -> MetricPoint {
            MetricPoint(name: "\(name).\(suffix)", value: value, timestamp: timestamp, tags: tags)
        }
        var result = [
            point("min", min),
            point("max", max),
            point("count", (sampledCount + 0.5).rounded(.down)),
            point("per_second", sampledCount / intervalSeconds),
            point("mean", mean),
            point("median", median),
            point("stddev", (sumOfSquaredDifferences / Double(count)).squareRoot()),
            point("sum", sum),
            point("sum_squares", sumSquares),
        ]
        for percentile in percentiles {
            let inThreshold = count == 1 ? 1 : Int((percentile / 100 * Double(count) + 0.5).rounded(.down))
            guard inThreshold > 0 else { continue }
            let label = Self.label(of: percentile)
            let thresholdSum = cumulative[inThreshold - 1]
            result += [
                point("percentile_count_\(label)", Double(inThreshold)),
                point("percentile_mean_\(label)", thresholdSum / Double(inThreshold)),
                point("percentile_sum_\(label)", thresholdSum),
                point("percentile_sum_squares_\(label)", cumulativeSquares[inThreshold - 1]),
                point("percentile_upper_\(label)", sorted[inThreshold - 1]),
            ]
        }
        return result
    }

    /// `90` for 90, `99_9` for 99.9 (etsy/statsd's naming; gostatsd would truncate to `99`).
    static func label(of percentile: Double) -> String {
        if percentile == percentile.rounded(), let whole = Int(exactly: percentile) { return String(whole) }
        return String(String(percentile).map { $0 == "." ? "_" : $0 })
    }
}
