public import PharosCore

/// Aggregates StatsD samples between flushes and turns them into the points Sensu Go's agent emits.
///
/// Behaviour (Sensu Go 6.x `agent/statsd_server.go` on top of gostatsd; deviations are marked):
/// - **Counters** sum `value / sampleRate` and emit `<name>.value` and `<name>.per_second` (value ÷ interval in
///   seconds). Values stay fractional (gostatsd truncates each sample to an integer).
/// - **Timers** (`ms`, `h`, `d`) emit `.min .max .count .per_second .mean .median .stddev .sum .sum_squares` and, per
///   configured percentile `p`, `.percentile_count_<p> .percentile_mean_<p> .percentile_sum_<p>
///   .percentile_sum_squares_<p> .percentile_upper_<p>` — the names Sensu produces from gostatsd's percentile
///   strings (`count_90`, …). Statistics: see gostatsd `MetricAggregator.Flush`.
/// - **Gauges** emit `<name>.value`, keep their value across flushes and keep being emitted until `gaugeExpiry` passes
///   without a sample (gostatsd's `expiry-interval`, default 5 minutes); then they are forgotten.
/// - **Sets** emit `<name>.value` = number of distinct members seen in the interval.
/// - After a flush, counters, timers and sets are cleared. A counter, timer or set that received no sample in an
///   interval is **not emitted** (deviation: gostatsd keeps emitting zeros until the series expires).
/// - Points carry the DogStatsD tags (sorted by name then value) and `timestamp` in Unix **seconds**, like the points
///   of every check-output format (deviation: Sensu's StatsD points carry nanoseconds, reference §4.6, which metric
///   handlers then write with the wrong unit).
/// - Points are sorted by name, then tags; ties (a counter, gauge and set sharing a name and tags) keep the order
///   counter, gauge, set.
///
/// Memory is bounded: at most `maxKeys` distinct series (metric type + name + tags) exist at once, and a timer or
/// set holds at most `maxValuesPerKey` values per interval. A sample that would exceed a bound, that carries a
/// non-finite value or a sample rate outside `(0, 1]`, whose timer value exceeds ``maxTimerMagnitude``, or that would
/// make a counter or gauge overflow is dropped and counted in ``droppedSamples``.
public struct StatsDAggregator: Sendable, Hashable {
    /// Default ``maxKeys``: 10 000 series.
    public static let defaultMaxKeys = 10_000
    /// Default ``maxValuesPerKey``: 100 000 timer values or set members per series and interval.
    public static let defaultMaxValuesPerKey = 100_000
    /// Largest accepted timer magnitude (1e150, in the client's unit), so sums of squares of up to 1 000 000 values
    /// stay finite.
    public static let maxTimerMagnitude = 1e150

    /// Percentiles reported for timers, each in `(0, 100]`.
    public let percentiles: [Double]
    /// Maximum number of distinct series held at once.
    public let maxKeys: Int
    /// Maximum number of values (timer) or distinct members (set) per series per interval.
    public let maxValuesPerKey: Int
    /// How long a gauge keeps being emitted without receiving a sample; `nil` keeps gauges forever.
    public let gaugeExpiry: Duration?
    /// Number of samples dropped since this aggregator was created (never reset by ``flush(at:interval:)``).
    public private(set) var droppedSamples = 0

    private var counters: [StatsDMetricKey: Double] = [:]
    private var gauges: [StatsDMetricKey: StatsDGaugeState] = [:]
    private var timers: [StatsDMetricKey: StatsDTimerAccumulator] = [:]
    private var sets: [StatsDMetricKey: Set<String>] = [:]

    /// Creates an empty aggregator.
    ///
    /// - Parameters:
    ///   - percentiles: Timer percentiles, each in `(0, 100]` (gostatsd default `[90]`); duplicates are ignored.
    ///   - maxKeys: Maximum distinct series held at once (≥ 0).
    ///   - maxValuesPerKey: Maximum timer values or set members per series per interval (1 … 1 000 000).
    ///   - gaugeExpiry: Time without samples after which a gauge stops being emitted; `nil` = never (default 300 s).
    /// - Precondition: The bounds above hold; the agent validates its configuration before building an aggregator.
    public init(
        percentiles: [Double] = [90],
        maxKeys: Int = defaultMaxKeys,
        maxValuesPerKey: Int = defaultMaxValuesPerKey,
        gaugeExpiry: Duration? = .seconds(300)
    ) {
        precondition(percentiles.allSatisfy { $0 > 0 && $0 <= 100 }, "StatsD percentiles must be in (0, 100]")
        precondition(maxKeys >= 0, "StatsD maxKeys must not be negative")
        precondition((1...1_000_000).contains(maxValuesPerKey), "StatsD maxValuesPerKey must be in 1...1_000_000")
        var unique: [Double] = []
        for percentile in percentiles where !unique.contains(percentile) { unique.append(percentile) }
        self.percentiles = unique
        self.maxKeys = maxKeys
        self.maxValuesPerKey = maxValuesPerKey
        self.gaugeExpiry = gaugeExpiry
    }

    /// Number of series currently held (counters, timers and sets of this interval plus live gauges).
    public var keyCount: Int { counters.count + gauges.count + timers.count + sets.count }

    /// Adds one sample to the current interval, or drops and counts it (see the type's documentation).
    ///
    /// - Parameter sample: A parsed sample, usually from ``StatsDParser``.
    public mutating func add(_ sample: StatsDSample) {
        if !accept(sample) { droppedSamples += 1 }
    }

    /// Adds every sample in order; see ``add(_:)``.
    ///
    /// - Parameter samples: Parsed samples, e.g. ``StatsDParseResult/samples``.
    public mutating func add(contentsOf samples: some Sequence<StatsDSample>) {
        for sample in samples { add(sample) }
    }

    /// Emits the points of the interval that just ended and starts a new one.
    ///
    /// - Parameters:
    ///   - timestampNanoseconds: Flush time, Unix **nanoseconds** (kept at that precision for gauge expiry); every
    ///     point's `timestamp` is this time in whole Unix **seconds**.
    ///   - interval: Length of the interval that ended (`statsd-flush-interval`, default 10 s); must be positive.
    ///     Used for `per_second` values and gauge expiry.
    /// - Returns: Points sorted by name, then tags (see the type's documentation).
    public mutating func flush(at timestampNanoseconds: Int64, interval: Duration) -> [MetricPoint] {
        precondition(interval > .zero, "StatsD flush interval must be positive")
        let (wholeSeconds, attoseconds) = interval.components
        let seconds = Double(wholeSeconds) + Double(attoseconds) * 1e-18
        let pointTimestamp = timestampNanoseconds / 1_000_000_000
        var points: [MetricPoint] = []

        for key in counters.keys.sorted(by: Self.precedes) {
            let value = counters[key] ?? 0
            points.append(
                MetricPoint(name: "\(key.name).value", value: value, timestamp: pointTimestamp, tags: key.tags))
            points.append(
                MetricPoint(
                    name: "\(key.name).per_second",
                    value: value / seconds,
                    timestamp: pointTimestamp,
                    tags: key.tags
                )
            )
        }
        for key in gauges.keys.sorted(by: Self.precedes) {
            guard var state = gauges[key] else { continue }
            if state.updatedSinceFlush {
                state.updatedSinceFlush = false
                state.lastUpdatedNanoseconds = timestampNanoseconds
                gauges[key] = state
            } else if isExpired(state, at: timestampNanoseconds) {
                gauges[key] = nil
                continue
            }
            points.append(
                MetricPoint(
                    name: "\(key.name).value", value: state.value, timestamp: pointTimestamp, tags: key.tags)
            )
        }
        for key in sets.keys.sorted(by: Self.precedes) {
            let count = Double(sets[key]?.count ?? 0)
            points.append(
                MetricPoint(name: "\(key.name).value", value: count, timestamp: pointTimestamp, tags: key.tags))
        }
        for key in timers.keys.sorted(by: Self.precedes) {
            guard let timer = timers[key] else { continue }
            points += timer.points(
                name: key.name,
                tags: key.tags,
                percentiles: percentiles,
                intervalSeconds: seconds,
                timestamp: pointTimestamp
            )
        }

        counters = [:]
        timers = [:]
        sets = [:]

        return points.enumerated()
            .sorted { lhs, rhs in
                if lhs.element.name != rhs.element.name { return lhs.element.name < rhs.element.name }
                if lhs.element.tags != rhs.element.tags {
                    return StatsDMetricKey.tagsPrecede(lhs.element.tags, rhs.element.tags)
                }
                return lhs.offset < rhs.offset
            }
            .map(\.element)
    }

    // MARK: - Implementation

    private static func precedes(_ lhs: StatsDMetricKey, _ rhs: StatsDMetricKey) -> Bool {
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        return StatsDMetricKey.tagsPrecede(lhs.tags, rhs.tags)
    }

    /// Whether a new series may be created.
    private var hasRoomForKey: Bool { keyCount < maxKeys }

    /// Applies `sample`; returns `false` when it must be dropped.
    private mutating func accept(_ sample: StatsDSample) -> Bool {
        switch sample {
        case .counter(let name, let value, let sampleRate, let tags):
            guard value.isFinite, sampleRate > 0, sampleRate <= 1 else { return false }
            let key = StatsDMetricKey(name: name, tags: tags)
            let current = counters[key]
            guard current != nil || hasRoomForKey else { return false }
            let sum = (current ?? 0) + value / sampleRate
            guard sum.isFinite else { return false }
            counters[key] = sum
        case .gauge(let name, let value, let tags):
            guard value.isFinite else { return false }
            return setGauge(StatsDMetricKey(name: name, tags: tags)) { _ in value }
        case .gaugeDelta(let name, let delta, let tags):
            guard delta.isFinite else { return false }
            return setGauge(StatsDMetricKey(name: name, tags: tags)) { ($0 ?? 0) + delta }
        case .timer(let name, let value, let sampleRate, let tags):
            guard abs(value) <= Self.maxTimerMagnitude, sampleRate > 0, sampleRate <= 1 else { return false }
            let key = StatsDMetricKey(name: name, tags: tags)
            var timer = timers[key] ?? StatsDTimerAccumulator()
            guard timers[key] != nil || hasRoomForKey, timer.values.count < maxValuesPerKey else { return false }
            timer.values.append(value)
            timer.sampledCount += 1 / sampleRate
            timers[key] = timer
        case .set(let name, let member, let tags):
            let key = StatsDMetricKey(name: name, tags: tags)
            var members = sets[key] ?? []
            guard sets[key] != nil || hasRoomForKey else { return false }
            guard members.contains(member) || members.count < maxValuesPerKey else { return false }
            members.insert(member)
            sets[key] = members
        }
        return true
    }

    /// Sets a gauge to `update(current)` (current is `nil` for a new or expired gauge); `false` when dropped.
    private mutating func setGauge(_ key: StatsDMetricKey, _ update: (Double?) -> Double) -> Bool {
        let state = gauges[key]
        guard state != nil || hasRoomForKey else { return false }
        let value = update(state?.value)
        guard value.isFinite else { return false }
        gauges[key] = StatsDGaugeState(
            value: value,
            lastUpdatedNanoseconds: state?.lastUpdatedNanoseconds,
            updatedSinceFlush: true
        )
        return true
    }

    /// Whether a gauge without a sample in this interval has gone unreported for longer than ``gaugeExpiry``.
    private func isExpired(_ state: StatsDGaugeState, at now: Int64) -> Bool {
        guard let gaugeExpiry, let last = state.lastUpdatedNanoseconds else { return false }
        let (elapsed, overflow) = now.subtractingReportingOverflow(last)
        if overflow { return true }
        return Duration.nanoseconds(elapsed) > gaugeExpiry
    }
}
