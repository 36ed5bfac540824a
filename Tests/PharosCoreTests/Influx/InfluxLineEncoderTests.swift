import PharosCore
import Testing

@Suite struct InfluxLineEncoderTests {
    static let entity = "web-1"

    @Test(arguments: [
        // Field naming: no dot → `value`; first dot splits measurement and field key.
        (
            MetricPoint(name: "time", value: 0.015248, timestamp: 1_546_209_195),
            "time,sensu_entity_name=web-1 value=0.015248 1546209195"
        ),
        (
            MetricPoint(name: "disk_usage.used", value: 42.5, timestamp: 1_700_000_000),
            "disk_usage,sensu_entity_name=web-1 used=42.5 1700000000"
        ),
        (
            MetricPoint(name: "a.b.c", value: 1, timestamp: 1_700_000_000),
            "a,sensu_entity_name=web-1 b.c=1.0 1700000000"
        ),
        (
            MetricPoint(name: "size", value: 845, timestamp: 1_546_209_195),
            "size,sensu_entity_name=web-1 value=845.0 1546209195"
        ),
        // Tags sorted by key byte-wise (uppercase before lowercase), entity tag merged in order.
        (
            MetricPoint(
                name: "cpu", value: 1, timestamp: 1_700_000_000,
                tags: [
                    MetricTag(name: "zone", value: "b"), MetricTag(name: "Host", value: "x"),
                    MetricTag(name: "az", value: "1"),
                ]),
            "cpu,Host=x,az=1,sensu_entity_name=web-1,zone=b value=1.0 1700000000"
        ),
        // A point tag named sensu_entity_name wins; a repeated tag keeps its last value; empty values are left out.
        (
            MetricPoint(
                name: "cpu", value: 2, timestamp: 1_700_000_000,
                tags: [
                    MetricTag(name: "sensu_entity_name", value: "proxy"), MetricTag(name: "k", value: "1"),
                    MetricTag(name: "k", value: "2"), MetricTag(name: "empty", value: ""),
                ]),
            "cpu,k=2,sensu_entity_name=proxy value=2.0 1700000000"
        ),
        // Escaping: measurement `,` and space; keys and tag values `,`, `=` and space.
        (
            MetricPoint(
                name: "my disk,x.used=a b", value: 3, timestamp: 1_700_000_000,
                tags: [
                    MetricTag(name: "mount point", value: "/a,b=c d")
                ]),
            #"my\ disk\,x,mount\ point=/a\,b\=c\ d,sensu_entity_name=web-1 used\=a\ b=3.0 1700000000"#
        ),
        // Backslashes not before a separator are written as they are.
        (
            MetricPoint(name: #"C:\temp.free"#, value: 1, timestamp: 1_700_000_000),
            #"C:\temp,sensu_entity_name=web-1 free=1.0 1700000000"#
        ),
        // Nanosecond (19 digits), microsecond and millisecond timestamps are normalised to seconds.
        (
            MetricPoint(name: "hits", value: 7, timestamp: 1_700_000_000_987_654_321),
            "hits,sensu_entity_name=web-1 value=7.0 1700000000"
        ),
        (
            MetricPoint(name: "hits", value: 7, timestamp: 1_700_000_000_987_654),
            "hits,sensu_entity_name=web-1 value=7.0 1700000000"
        ),
        (
            MetricPoint(name: "hits", value: 7, timestamp: 1_700_000_000_987),
            "hits,sensu_entity_name=web-1 value=7.0 1700000000"
        ),
        // Timestamp 0 (absent) is left out; negative values, very small and very large floats are written.
        (MetricPoint(name: "t", value: -1.5, timestamp: 0), "t,sensu_entity_name=web-1 value=-1.5"),
        (MetricPoint(name: "t", value: 1e-7, timestamp: -86_400), "t,sensu_entity_name=web-1 value=1e-07 -86400"),
        (MetricPoint(name: "t", value: 1e20, timestamp: 1), "t,sensu_entity_name=web-1 value=1e+20 1"),
    ])
    func encodesOnePoint(_ point: MetricPoint, expected: String) throws {
        #expect(try InfluxLineEncoder().line(for: point, entityName: Self.entity) == expected)
    }

    @Test func leavesOutTheEntityTagWhenTheEntityNameIsEmpty() throws {
        let point = MetricPoint(name: "cpu.idle", value: 99, timestamp: 1_700_000_000)
        #expect(try InfluxLineEncoder().line(for: point, entityName: "") == "cpu idle=99.0 1700000000")
    }

    @Test(arguments: [
        (InfluxPrecision.nanoseconds, "1700000000000000000"),
        (.microseconds, "1700000000000000"),
        (.milliseconds, "1700000000000"),
        (.seconds, "1700000000"),
        (.minutes, "28333333"),
        (.hours, "472222"),
    ])
    func writesTheTimestampInThePrecision(_ precision: InfluxPrecision, expected: String) throws {
        // 1700000000123456789 ns is normalised to 1700000000 s first, then expressed in the precision.
        let point = MetricPoint(name: "x", value: 1, timestamp: 1_700_000_000_123_456_789)
        let line = try InfluxLineEncoder(precision: precision).line(for: point, entityName: "e")
        #expect(line == "x,sensu_entity_name=e value=1.0 " + expected)
    }

    @Test(
        arguments: [
            (Int64(1_700_000_000), Int64(1_700_000_000)),
            (1_700_000_000_123_456_789, 1_700_000_000),
            (1_700_000_000_123, 1_700_000_000),
            (999_999_999, 999_999_999),
            (-1_700_000_000_123, -1_700_000_000),
            (Int64.min, -9_223_372_036),
            (Int64.max, 9_223_372_036),
        ] as [(Int64, Int64)])
    func normalisesTimestampsByMagnitude(_ raw: Int64, seconds: Int64) {
        #expect(InfluxLineEncoder.normalizedSeconds(raw) == seconds)
    }

    @Test(arguments: [
        (MetricPoint(name: ".used", value: 1, timestamp: 1_700_000_000), InfluxLineError.Reason.emptyMeasurement),
        (MetricPoint(name: "disk.", value: 1, timestamp: 1_700_000_000), .emptyFieldKey),
        (MetricPoint(name: "#disk", value: 1, timestamp: 1_700_000_000), .commentMeasurement),
        (MetricPoint(name: "disk.time", value: 1, timestamp: 1_700_000_000), .reservedKey("time")),
        (
            MetricPoint(name: "disk", value: 1, timestamp: 1_700_000_000, tags: [MetricTag(name: "time", value: "x")]),
            .reservedKey("time")
        ),
        (
            MetricPoint(name: "disk", value: 1, timestamp: 1_700_000_000, tags: [MetricTag(name: "", value: "x")]),
            .emptyTagKey
        ),
        (
            MetricPoint(name: "disk", value: 1, timestamp: 1_700_000_000, tags: [MetricTag(name: "k", value: "a\nb")]),
            .lineBreak("a\nb")
        ),
        (MetricPoint(name: #"disk\"#, value: 1, timestamp: 1_700_000_000), .ambiguousBackslash(#"disk\"#)),
        (
            MetricPoint(
                name: "disk", value: 1, timestamp: 1_700_000_000, tags: [MetricTag(name: "k", value: #"a\ b"#)]),
            .ambiguousBackslash(#"a\ b"#)
        ),
        (MetricPoint(name: "disk", value: .nan, timestamp: 1_700_000_000), .nonFiniteValue(.nan)),
        (MetricPoint(name: "disk", value: 1, timestamp: 9_999_999_999), .timestampOutOfRange(9_999_999_999)),
    ])
    func refusesPointsLineProtocolCannotCarry(_ point: MetricPoint, reason: InfluxLineError.Reason) {
        #expect(throws: InfluxLineError.self) { try InfluxLineEncoder().line(for: point, entityName: "e") }
        let batch = InfluxLineEncoder().encode([point], entityName: "e")
        #expect(batch.lines.isEmpty)
        #expect(batch.skipped.count == 1)
        if case .nonFiniteValue = reason {
            #expect(
                batch.skipped.first.map { "\($0)" } == #"metrics.points[0] "disk": value nan is not a finite number"#)
        } else {
            #expect(batch.skipped.first?.reason == reason)
        }
    }

    @Test func encodesABatchAndReportsSkippedPointsByIndex() {
        let points = [
            MetricPoint(name: "time", value: 0.5, timestamp: 1_700_000_000),
            MetricPoint(name: "bad.", value: 1, timestamp: 1_700_000_000),
            MetricPoint(name: "size", value: 845, timestamp: 1_700_000_000),
        ]
        let batch = InfluxLineEncoder(precision: .milliseconds).encode(points, entityName: "e")
        #expect(
            batch.lines == [
                "time,sensu_entity_name=e value=0.5 1700000000000",
                "size,sensu_entity_name=e value=845.0 1700000000000",
            ]
        )
        #expect(batch.body == batch.lines.joined(separator: "\n") + "\n")
        #expect(batch.skipped == [InfluxLineError(pointIndex: 1, pointName: "bad.", reason: .emptyFieldKey)])
        #expect(
            batch.skipped.first?.description
                == #"metrics.points[1] "bad.": nothing after the first '.', so the field key would be empty"#
        )
        #expect(InfluxLineEncoder().encode([], entityName: "e").body == "")
    }

    @Test(
        arguments: [
            (Int64(1_700_000_000), InfluxPrecision.minutes, Int64?(28_333_333)),
            (-1, .minutes, -1),
            (-3_600, .hours, -1),
            (-3_601, .hours, -2),
            (9_223_372_037, .nanoseconds, nil),
            (9_223_372_036, .nanoseconds, 9_223_372_036_000_000_000),
        ] as [(Int64, InfluxPrecision, Int64?)])
    func convertsSecondsToPrecisionUnits(_ seconds: Int64, precision: InfluxPrecision, expected: Int64?) {
        #expect(precision.timestamp(fromSeconds: seconds) == expected)
    }
}
