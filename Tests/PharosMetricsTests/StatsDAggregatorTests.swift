import PharosCore
import PharosMetrics
import Testing

@Suite struct StatsDAggregatorTests {
    /// 2023-11-14T22:13:20Z in Unix nanoseconds.
    static let now: Int64 = 1_700_000_000_000_000_000
    static let tenSeconds: Int64 = 10_000_000_000

    static func point(_ name: String, _ value: Double, at timestamp: Int64 = now, tags: [MetricTag] = []) -> MetricPoint
    {
        MetricPoint(name: name, value: value, timestamp: timestamp / 1_000_000_000, tags: tags)
    }

    /// Field failure #18 item 15: StatsD points carried 19-digit nanosecond timestamps while every other format
    /// carries seconds, so a metrics handler wrote them with the wrong unit.
    @Test func pointsCarryUnixSecondsLikeEveryOtherFormat() throws {
        var aggregator = StatsDAggregator()
        try Self.aggregate("hits:1|c\ntemp:3|g\nlatency:12|ms\nusers:a|s", into: &aggregator)
        let points = aggregator.flush(at: 1_700_000_000_123_456_789, interval: .seconds(10))
        #expect(!points.isEmpty)
        #expect(points.allSatisfy { $0.timestamp == 1_700_000_000 })
    }

    static func aggregate(
        _ datagram: String,
        into aggregator: inout StatsDAggregator
    ) throws {
        let parsed = StatsDParser.parse(datagram)
        try #require(parsed.diagnostics.isEmpty)
        aggregator.add(contentsOf: parsed.samples)
    }

    static let env = MetricTag(name: "env", value: "prod")
    static let region = MetricTag(name: "region", value: "eu")

    /// One interval of input and the exact points a flush after 10 s must give.
    static let singleFlushVectors: [(String, String, [MetricPoint])] = [
        (
            "counter with sample rate 0.1",
            "hits:1|c|@0.1\nhits:1|c|@0.1\nhits:1|c|@0.1",
            [point("hits.per_second", 3), point("hits.value", 30)]
        ),
        (
            "counter with multiple values and a decrement",
            "hits:1:2:3|c\nhits:-1|c",
            [point("hits.per_second", 0.5), point("hits.value", 5)]
        ),
        (
            "counter that sums to zero is still emitted",
            "hits:1|c\nhits:-1|c",
            [point("hits.per_second", 0), point("hits.value", 0)]
        ),
        (
            "gauge delta from nothing starts at zero",
            "temp:-3|g\ntemp:+1.5|g",
            [point("temp.value", -1.5)]
        ),
        (
            "gauge set after deltas overrides them",
            "temp:+3|g\ntemp:7|g",
            [point("temp.value", 7)]
        ),
        (
            "set counts distinct members",
            "users:alice|s\nusers:bob|s\nusers:alice|s\nusers:carol|s|@0.5",
            [point("users.value", 3)]
        ),
        (
            "dogstatsd tags make series, in any order",
            "hits:1|c|#env:prod,region:eu\nhits:2|c|#region:eu,env:prod\nhits:5|c|#env:dev",
            [
                point("hits.per_second", 0.5, tags: [MetricTag(name: "env", value: "dev")]),
                point("hits.per_second", 0.3, tags: [env, region]),
                point("hits.value", 5, tags: [MetricTag(name: "env", value: "dev")]),
                point("hits.value", 3, tags: [env, region]),
            ]
        ),
        (
            "untagged series sorts before tagged one",
            "hits:1|c|#env:prod\nhits:2|c",
            [
                point("hits.per_second", 0.2),
                point("hits.per_second", 0.1, tags: [env]),
                point("hits.value", 2),
                point("hits.value", 1, tags: [env]),
            ]
        ),
        (
            "counter, gauge and set sharing a name keep the order counter, gauge, set",
            "x:a|s\nx:4|g\nx:2|c",
            [point("x.per_second", 0.2), point("x.value", 2), point("x.value", 4), point("x.value", 1)]
        ),
        (
            "timer over 2, 4, 12 (gostatsd's aggregator vector)",
            "rt:12|ms\nrt:2|ms\nrt:4|ms",
            [
                point("rt.count", 3),
                point("rt.max", 12),
                point("rt.mean", 6),
                point("rt.median", 4),
                point("rt.min", 2),
                point("rt.per_second", 0.3),
                point("rt.percentile_count_90", 3),
                point("rt.percentile_mean_90", 6),
                point("rt.percentile_sum_90", 18),
                point("rt.percentile_sum_squares_90", 164),
                point("rt.percentile_upper_90", 12),
                point("rt.stddev", (56.0 / 3).squareRoot()),
                point("rt.sum", 18),
                point("rt.sum_squares", 164),
            ]
        ),
        (
            "single timer value is its own percentile; histogram type",
            "size:7|h",
            [
                point("size.count", 1),
                point("size.max", 7),
                point("size.mean", 7),
                point("size.median", 7),
                point("size.min", 7),
                point("size.per_second", 0.1),
                point("size.percentile_count_90", 1),
                point("size.percentile_mean_90", 7),
                point("size.percentile_sum_90", 7),
                point("size.percentile_sum_squares_90", 49),
                point("size.percentile_upper_90", 7),
                point("size.stddev", 0),
                point("size.sum", 7),
                point("size.sum_squares", 49),
            ]
        ),
        (
            "timer sample rate scales count and per_second only",
            "rt:100|ms|@0.5\nrt:300|ms|@0.5\nrt:200|ms|@0.5|#env:prod",
            [
                point("rt.count", 4),
                point("rt.count", 2, tags: [env]),
                point("rt.max", 300),
                point("rt.max", 200, tags: [env]),
                point("rt.mean", 200),
                point("rt.mean", 200, tags: [env]),
                point("rt.median", 200),
                point("rt.median", 200, tags: [env]),
                point("rt.min", 100),
                point("rt.min", 200, tags: [env]),
                point("rt.per_second", 0.4),
                point("rt.per_second", 0.2, tags: [env]),
                point("rt.percentile_count_90", 2),
                point("rt.percentile_count_90", 1, tags: [env]),
                point("rt.percentile_mean_90", 200),
                point("rt.percentile_mean_90", 200, tags: [env]),
                point("rt.percentile_sum_90", 400),
                point("rt.percentile_sum_90", 200, tags: [env]),
                point("rt.percentile_sum_squares_90", 100_000),
                point("rt.percentile_sum_squares_90", 40_000, tags: [env]),
                point("rt.percentile_upper_90", 300),
                point("rt.percentile_upper_90", 200, tags: [env]),
                point("rt.stddev", 100),
                point("rt.stddev", 0, tags: [env]),
                point("rt.sum", 400),
                point("rt.sum", 200, tags: [env]),
                point("rt.sum_squares", 100_000),
                point("rt.sum_squares", 40_000, tags: [env]),
            ]
        ),
    ]

    @Test(arguments: singleFlushVectors)
    func flushGivesExactPoints(_ label: String, datagram: String, expected: [MetricPoint]) throws {
        var aggregator = StatsDAggregator()
        try Self.aggregate(datagram, into: &aggregator)
        #expect(aggregator.flush(at: Self.now, interval: .seconds(10)) == expected, "\(label)")
        #expect(aggregator.droppedSamples == 0)
    }

    @Test func timerPercentilesOverOneToTen() throws {
        var aggregator = StatsDAggregator(percentiles: [50, 90, 99.9])
        try Self.aggregate((1...10).map { "t:\($0)|ms" }.joined(separator: "\n"), into: &aggregator)
        let points = aggregator.flush(at: Self.now, interval: .seconds(5))
        let values = Dictionary(uniqueKeysWithValues: points.map { ($0.name, $0.value) })
        #expect(
            values == [
                "t.min": 1, "t.max": 10, "t.count": 10, "t.per_second": 2, "t.mean": 5.5, "t.median": 5.5,
                "t.stddev": 8.25.squareRoot(), "t.sum": 55, "t.sum_squares": 385,
                "t.percentile_count_50": 5, "t.percentile_mean_50": 3, "t.percentile_sum_50": 15,
                "t.percentile_sum_squares_50": 55, "t.percentile_upper_50": 5,
                "t.percentile_count_90": 9, "t.percentile_mean_90": 5, "t.percentile_sum_90": 45,
                "t.percentile_sum_squares_90": 285, "t.percentile_upper_90": 9,
                "t.percentile_count_99_9": 10, "t.percentile_mean_99_9": 5.5, "t.percentile_sum_99_9": 55,
                "t.percentile_sum_squares_99_9": 385, "t.percentile_upper_99_9": 10,
            ]
        )
        #expect(points.map(\.name) == points.map(\.name).sorted())
        #expect(points.allSatisfy { $0.timestamp == Self.now / 1_000_000_000 && $0.tags.isEmpty })
    }

    @Test func percentileRoundingToZeroEmitsNothing() throws {
        var aggregator = StatsDAggregator(percentiles: [10])
        try Self.aggregate("t:1|ms\nt:2|ms\nt:3|ms\nt:4|ms", into: &aggregator)
        let names = aggregator.flush(at: Self.now, interval: .seconds(10)).map(\.name)
        #expect(!names.contains { $0.contains("percentile") })
        #expect(names.count == 9)
    }

    @Test func gaugeDeltasCarryAcrossFlushesAndCountersReset() throws {
        var aggregator = StatsDAggregator()
        try Self.aggregate("temp:10|g\ntemp:+5|g\ntemp:-3|g\nhits:2|c\nusers:a|s\nrt:5|ms", into: &aggregator)
        let first = aggregator.flush(at: Self.now, interval: .seconds(10))
        #expect(first.filter { $0.name == "temp.value" } == [Self.point("temp.value", 12)])
        #expect(first.count == 2 + 1 + 1 + 14)

        try Self.aggregate("temp:+1|g", into: &aggregator)
        let second = Self.now + Self.tenSeconds
        #expect(
            aggregator.flush(at: second, interval: .seconds(10)) == [Self.point("temp.value", 13, at: second)]
        )

        let third = second + Self.tenSeconds
        #expect(aggregator.flush(at: third, interval: .seconds(10)) == [Self.point("temp.value", 13, at: third)])
        #expect(aggregator.keyCount == 1)
    }

    @Test func gaugeExpiresAfterGaugeExpiryWithoutSamples() throws {
        var aggregator = StatsDAggregator(gaugeExpiry: .seconds(20))
        try Self.aggregate("temp:1|g", into: &aggregator)
        var emitted: [Int] = []
        for flush in 0..<5 {
            let points = aggregator.flush(at: Self.now + Int64(flush) * Self.tenSeconds, interval: .seconds(10))
            emitted.append(points.count)
        }
        #expect(emitted == [1, 1, 1, 0, 0])
        #expect(aggregator.keyCount == 0)

        try Self.aggregate("temp:+2|g", into: &aggregator)
        let later = Self.now + 6 * Self.tenSeconds
        #expect(aggregator.flush(at: later, interval: .seconds(10)) == [Self.point("temp.value", 2, at: later)])
    }

    @Test func gaugeWithoutExpiryPersists() throws {
        var aggregator = StatsDAggregator(gaugeExpiry: nil)
        try Self.aggregate("temp:1|g", into: &aggregator)
        for flush in 0..<100 {
            let at = Self.now + Int64(flush) * 3_600 * 1_000_000_000
            #expect(aggregator.flush(at: at, interval: .seconds(10)) == [Self.point("temp.value", 1, at: at)])
        }
    }

    @Test func subSecondIntervalScalesPerSecond() throws {
        var aggregator = StatsDAggregator()
        try Self.aggregate("hits:1|c", into: &aggregator)
        #expect(
            aggregator.flush(at: Self.now, interval: .milliseconds(500))
                == [Self.point("hits.per_second", 2), Self.point("hits.value", 1)]
        )
    }

    @Test func newKeysBeyondMaxKeysAreDroppedAndCounted() throws {
        var aggregator = StatsDAggregator(maxKeys: 2)
        try Self.aggregate("a:1|c\nb:1|g\nc:1|c\na:1|c\nb:+1|g\nc:x|s\na:1|c|#env:prod", into: &aggregator)
        #expect(aggregator.droppedSamples == 3)
        #expect(aggregator.keyCount == 2)
        #expect(
            aggregator.flush(at: Self.now, interval: .seconds(10))
                == [Self.point("a.per_second", 0.2), Self.point("a.value", 2), Self.point("b.value", 2)]
        )

        // The counter's slot is free again; the gauge still holds one.
        try Self.aggregate("c:1|c\nd:1|c", into: &aggregator)
        #expect(aggregator.droppedSamples == 4)
        #expect(
            aggregator.flush(at: Self.now, interval: .seconds(10))
                == [Self.point("b.value", 2), Self.point("c.per_second", 0.1), Self.point("c.value", 1)]
        )
    }

    @Test func valuesBeyondMaxValuesPerKeyAreDroppedAndCounted() throws {
        var aggregator = StatsDAggregator(maxValuesPerKey: 2)
        try Self.aggregate("t:1|ms\nt:2|ms\nt:3|ms\nu:a|s\nu:b|s\nu:a|s\nu:c|s", into: &aggregator)
        #expect(aggregator.droppedSamples == 2)
        let values = Dictionary(
            uniqueKeysWithValues: aggregator.flush(at: Self.now, interval: .seconds(10)).map { ($0.name, $0.value) }
        )
        #expect(values["t.count"] == 2)
        #expect(values["t.max"] == 2)
        #expect(values["u.value"] == 2)
    }

    static let invalidSamples: [StatsDSample] = [
        .counter("c", .nan),
        .counter("c", 1, sampleRate: 0),
        .counter("c", 1, sampleRate: 1.5),
        .gauge("g", .infinity),
        .gaugeDelta("g", -.infinity),
        .timer("t", .nan),
        .timer("t", 1e200),
        .timer("t", 1, sampleRate: -1),
    ]

    @Test(arguments: invalidSamples)
    func invalidSamplesAreDroppedAndCounted(_ sample: StatsDSample) {
        var aggregator = StatsDAggregator()
        aggregator.add(sample)
        #expect(aggregator.droppedSamples == 1)
        #expect(aggregator.keyCount == 0)
        #expect(aggregator.flush(at: Self.now, interval: .seconds(10)).isEmpty)
    }

    @Test func overflowingCounterAndGaugeKeepLastFiniteValue() {
        var aggregator = StatsDAggregator()
        aggregator.add(.counter("c", 1e308))
        aggregator.add(.counter("c", 1e308))
        aggregator.add(.gauge("g", 1e308))
        aggregator.add(.gaugeDelta("g", 1e308))
        #expect(aggregator.droppedSamples == 2)
        #expect(
            aggregator.flush(at: Self.now, interval: .seconds(1))
                == [Self.point("c.per_second", 1e308), Self.point("c.value", 1e308), Self.point("g.value", 1e308)]
        )
    }

    @Test func emptyAggregatorFlushesNothing() {
        var aggregator = StatsDAggregator()
        #expect(aggregator.flush(at: Self.now, interval: .seconds(10)).isEmpty)
        #expect(aggregator.droppedSamples == 0)
    }
}
