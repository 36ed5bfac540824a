import PharosCore
import PharosMetrics
import Testing

@Suite struct OpenTSDBLineParserTests {
    static let wellFormed: [MetricVector] = [
        // OpenTSDB docs, telnet `put`.
        MetricVector(
            "put sys.cpu.user 1356998400 42.5 host=webserver01 cpu=0",
            [point("sys.cpu.user", 42.5, at: 1_356_998_400, [("host", "webserver01"), ("cpu", "0")])]
        ),
        MetricVector(
            "sys.cpu.user 1356998400 42.5 host=webserver01",
            [point("sys.cpu.user", 42.5, at: 1_356_998_400, [("host", "webserver01")])]
        ),
        MetricVector(
            "put sys.cpu.nice 1346846400000 50 hostname=host01",
            [point("sys.cpu.nice", 50, at: 1_346_846_400, [("hostname", "host01")])]
        ),
        MetricVector(
            "put sys.cpu.nice 1346846400999 50 hostname=host01",
            [point("sys.cpu.nice", 50, at: 1_346_846_400, [("hostname", "host01")])]
        ),
        MetricVector(
            "env.temperature 1700000000 21.5 room=kitchen unit=celsius",
            [point("env.temperature", 21.5, [("room", "kitchen"), ("unit", "celsius")])]
        ),
        MetricVector("m 1700000000 1.5e+06 a=b", [point("m", 1_500_000, [("a", "b")])]),
        MetricVector("m 1700000000 -3 a=b", [point("m", -3, [("a", "b")])]),
        MetricVector("m 1700000000 .5 a=b", [point("m", 0.5, [("a", "b")])]),
        MetricVector("m 1700000000 123456789 a=b", [point("m", 123_456_789, [("a", "b")])]),
        MetricVector("m 1700000000 1 z=1 a=2 m=3", [point("m", 1, [("z", "1"), ("a", "2"), ("m", "3")])]),
        MetricVector("m 1700000000 1 path=/var/log", [point("m", 1, [("path", "/var/log")])]),
        MetricVector("put  m  1700000000  1  a=b", [point("m", 1, [("a", "b")])]),
        MetricVector("put\tm\t1700000000\t1\ta=b", [point("m", 1, [("a", "b")])]),
        MetricVector("m 0 1 a=b", [point("m", 1, at: 0, [("a", "b")])]),
        MetricVector("m 999999999 1 a=b", [point("m", 1, at: 999_999_999, [("a", "b")])]),
        MetricVector(
            "put a 1700000000 1 h=x\r\n\r\nput b 1700000001 2 h=y\r\n",
            [point("a", 1, [("h", "x")]), point("b", 2, at: 1_700_000_001, [("h", "y")])]
        ),
        // Issue 18 item 24: seconds with a milliseconds fraction (OpenTSDB docs, "put").
        MetricVector(
            "put sys.cpu.user 1364410924.250 42.5 host=web01",
            [point("sys.cpu.user", 42.5, at: 1_364_410_924, [("host", "web01")])]
        ),
        MetricVector("m 1700000000.999 1 a=b", [point("m", 1, [("a", "b")])]),
    ]

    @Test(arguments: wellFormed)
    func extractsPoints(_ vector: MetricVector) {
        let extraction = OpenTSDBLineParser.parse(vector.input, timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == [])
    }

    static let malformed: [MalformedVector] = [
        MalformedVector("put m 1700000000 1", [diagnostic(1, 19, "at least one tag 'key=value' is required")]),
        MalformedVector(
            "m 1700000000",
            [diagnostic(1, 13, "expected '[put] metric timestamp value tag=value...', found 2 fields")]
        ),
        MalformedVector(
            "put", [diagnostic(1, 4, "expected '[put] metric timestamp value tag=value...', found 0 fields")]),
        MalformedVector(
            "m 17000000000 1 a=b",
            [
                diagnostic(
                    1, 3,
                    "timestamp must be Unix seconds (up to 10 digits, optionally with a 3-digit fraction) or milliseconds (13 digits): '17000000000'"
                )
            ]
        ),
        MalformedVector(
            "m 1700000000.5 1 a=b",
            [
                diagnostic(
                    1, 3,
                    "timestamp must be Unix seconds (up to 10 digits, optionally with a 3-digit fraction) or milliseconds (13 digits): '1700000000.5'"
                )
            ]
        ),
        MalformedVector(
            "m 1700000000.25 1 a=b",
            [
                diagnostic(
                    1, 3,
                    "timestamp must be Unix seconds (up to 10 digits, optionally with a 3-digit fraction) or milliseconds (13 digits): '1700000000.25'"
                )
            ]
        ),
        MalformedVector(
            "m 1700000000123.250 1 a=b",
            [
                diagnostic(
                    1, 3,
                    "timestamp must be Unix seconds (up to 10 digits, optionally with a 3-digit fraction) or milliseconds (13 digits): '1700000000123.250'"
                )
            ]
        ),
        MalformedVector(
            "m -1 1 a=b",
            [
                diagnostic(
                    1, 3,
                    "timestamp must be Unix seconds (up to 10 digits, optionally with a 3-digit fraction) or milliseconds (13 digits): '-1'"
                )
            ]
        ),
        MalformedVector("m 1700000000 x a=b", [diagnostic(1, 14, "value is not a number: 'x'")]),
        MalformedVector("m 1700000000 NaN a=b", [diagnostic(1, 14, "value is not a number: 'NaN'")]),
        MalformedVector("m 1700000000 1 a", [diagnostic(1, 16, "tag 'a' is not 'key=value' with exactly one '='")]),
        MalformedVector(
            "m 1700000000 1 a=b=c", [diagnostic(1, 16, "tag 'a=b=c' is not 'key=value' with exactly one '='")]),
        MalformedVector("m 1700000000 1 a=", [diagnostic(1, 16, "tag 'a=' is not 'key=value' with exactly one '='")]),
        MalformedVector("m 1700000000 1 a=b a=c", [diagnostic(1, 20, "tag 'a' appears twice")]),
        MalformedVector(
            "m 1700000000 1 a=b\nm 1700000000 1\nn 1700000000 2 a=c",
            [diagnostic(2, 15, "at least one tag 'key=value' is required")],
            points: [point("m", 1, [("a", "b")]), point("n", 2, [("a", "c")])]
        ),
    ]

    @Test(arguments: malformed)
    func reportsMalformedLines(_ vector: MalformedVector) {
        let extraction = OpenTSDBLineParser.parse(vector.input, timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == vector.diagnostics)
    }

    @Test func parseLineThrowsWithTheColumn() throws {
        #expect(
            try OpenTSDBLineParser.parseLine("m 1700000000123 4 a=b", timestamp: 0) == [point("m", 4, [("a", "b")])])
        #expect(throws: MetricParseError(column: 16, message: "tag 'x' is not 'key=value' with exactly one '='")) {
            try OpenTSDBLineParser.parseLine("m 1700000000 4 x", timestamp: 0)
        }
    }
}
