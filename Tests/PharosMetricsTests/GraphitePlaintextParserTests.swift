import PharosCore
import PharosMetrics
import Testing

@Suite struct GraphitePlaintextParserTests {
    static let wellFormed: [MetricVector] = [
        // Graphite docs, plaintext protocol and tag support.
        MetricVector("local.random.diceroll 4 123456789", [point("local.random.diceroll", 4, at: 123_456_789)]),
        MetricVector("foo.bar 42 1700000000", [point("foo.bar", 42)]),
        MetricVector(
            "disk.used;host=a;mount=/ 21479030784 1700000000",
            [point("disk.used", 21_479_030_784, [("host", "a"), ("mount", "/")])]
        ),
        MetricVector(
            "my.series;datacenter=dc1 1 1700000001", [point("my.series", 1, at: 1_700_000_001, [("datacenter", "dc1")])]
        ),
        MetricVector("x;q=a=b 1 1700000000", [point("x", 1, [("q", "a=b")])]),
        // -1 means "now" (carbon), i.e. check.executed.
        MetricVector("cpu.load 0.64 -1", [point("cpu.load", 0.64)]),
        MetricVector("x 1.5e+06 1700000000", [point("x", 1_500_000)]),
        MetricVector("temp -3.5 1700000000", [point("temp", -3.5)]),
        MetricVector("x .25 1700000000", [point("x", 0.25)]),
        MetricVector("x 123456789012 1700000000", [point("x", 123_456_789_012)]),
        MetricVector("a\t5  1700000000", [point("a", 5)]),
        MetricVector("a 1 1700000000.75", [point("a", 1)]),
        MetricVector("x 0 0", [point("x", 0, at: 0)]),
        MetricVector("my-host.cpu_user 3 1700000000", [point("my-host.cpu_user", 3)]),
        MetricVector(
            "servers.agent1.load1 0.64 1764400000\nservers.agent1.load5 0.5 1764400000\n",
            [
                point("servers.agent1.load1", 0.64, at: 1_764_400_000),
                point("servers.agent1.load5", 0.5, at: 1_764_400_000),
            ]
        ),
        MetricVector("a 1 1700000000\n\nb 2 1700000001", [point("a", 1), point("b", 2, at: 1_700_000_001)]),
        MetricVector("a 1 1700000000\r\nb 2 1700000001\r\n", [point("a", 1), point("b", 2, at: 1_700_000_001)]),
        MetricVector("", []),
    ]

    @Test(arguments: wellFormed)
    func extractsPoints(_ vector: MetricVector) {
        let extraction = GraphitePlaintextParser.parse(vector.input, timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == [])
    }

    static let malformed: [MalformedVector] = [
        MalformedVector("a 1", [diagnostic(1, 4, "expected 3 fields 'path value timestamp', found 2")]),
        MalformedVector("a 1 2 3", [diagnostic(1, 7, "expected 3 fields 'path value timestamp', found 4")]),
        MalformedVector("a x 1700000000", [diagnostic(1, 3, "value is not a number: 'x'")]),
        MalformedVector("a nan 1700000000", [diagnostic(1, 3, "value is not a number: 'nan'")]),
        MalformedVector("a 0x10 1700000000", [diagnostic(1, 3, "value is not a number: '0x10'")]),
        MalformedVector("a 1 soon", [diagnostic(1, 5, "timestamp is not Unix seconds (or -1): 'soon'")]),
        MalformedVector("a 1 -2", [diagnostic(1, 5, "timestamp is not Unix seconds (or -1): '-2'")]),
        MalformedVector("a;b 1 1700000000", [diagnostic(1, 3, "tag 'b' is not 'name=value' with both non-empty")]),
        MalformedVector("a;=v 1 1700000000", [diagnostic(1, 3, "tag '=v' is not 'name=value' with both non-empty")]),
        MalformedVector("a;k= 1 1700000000", [diagnostic(1, 3, "tag 'k=' is not 'name=value' with both non-empty")]),
        MalformedVector(";k=v 1 1700000000", [diagnostic(1, 1, "empty metric path")]),
        MalformedVector(
            "a 1 1700000000\nbad line\nc 2 1700000000",
            [diagnostic(2, 9, "expected 3 fields 'path value timestamp', found 2")],
            points: [point("a", 1), point("c", 2)]
        ),
    ]

    @Test(arguments: malformed)
    func reportsMalformedLines(_ vector: MalformedVector) {
        let extraction = GraphitePlaintextParser.parse(vector.input, timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == vector.diagnostics)
    }

    @Test func parseLineThrowsWithTheColumn() throws {
        #expect(try GraphitePlaintextParser.parseLine("a 2 -1", timestamp: 5) == [point("a", 2, at: 5)])
        #expect(throws: MetricParseError(column: 3, message: "value is not a number: 'two'")) {
            try GraphitePlaintextParser.parseLine("a two 1", timestamp: 5)
        }
    }
}
