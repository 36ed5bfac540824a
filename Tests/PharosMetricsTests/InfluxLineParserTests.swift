import PharosCore
import PharosMetrics
import Testing

@Suite struct InfluxLineParserTests {
    static let wellFormed: [MetricVector] = [
        // InfluxDB line protocol docs.
        MetricVector(
            "weather,location=us-midwest temperature=82 1465839830100400200",
            [point("weather.temperature", 82, at: 1_465_839_830, [("location", "us-midwest")])]
        ),
        MetricVector(
            "mem,host=server01,region=us-west used_percent=23.43234543 1556813561098000000",
            [point("mem.used_percent", 23.43234543, at: 1_556_813_561, [("host", "server01"), ("region", "us-west")])]
        ),
        // Reference §6.6 mapping example.
        MetricVector(
            "disk_usage,host=a used=42.5,free=100 1700000000123456789",
            [point("disk_usage.used", 42.5, [("host", "a")]), point("disk_usage.free", 100, [("host", "a")])]
        ),
        MetricVector("cpu load=0.64", [point("cpu.load", 0.64)]),
        MetricVector(
            "mem used=5i,free=7u,delta=-5i", [point("mem.used", 5), point("mem.free", 7), point("mem.delta", -5)]),
        MetricVector(
            "s a=t,b=T,c=true,d=True,e=TRUE,f=f,g=F,h=false,i=False,j=FALSE",
            [
                point("s.a", 1), point("s.b", 1), point("s.c", 1), point("s.d", 1), point("s.e", 1),
                point("s.f", 0), point("s.g", 0), point("s.h", 0), point("s.i", 0), point("s.j", 0),
            ]
        ),
        MetricVector(
            #"my\ measure,tag\,key=tag\ value,k\=1=v\=1 field\=key=1"#,
            [point("my measure.field=key", 1, [("tag,key", "tag value"), ("k=1", "v=1")])]
        ),
        MetricVector(#"cpu\,1 v=1"#, [point("cpu,1.v", 1)]),
        MetricVector(#"path\to v=1"#, [point(#"path\to.v"#, 1)]),
        // Issue 18 item 24: escaped spaces, commas and equals are literal everywhere in names; `\\` is one backslash.
        MetricVector(
            #"my\ measure\,x\=y,tag\ key=tag\=val\,ue field\ key\,2\=3=1"#,
            [point("my measure,x=y.field key,2=3", 1, [("tag key", "tag=val,ue")])]
        ),
        MetricVector(
            #"back\\slash,t\\k=v\\v f\\k=1,g=2"#,
            [point(#"back\slash.f\k"#, 1, [(#"t\k"#, #"v\v"#)]), point(#"back\slash.g"#, 2, [(#"t\k"#, #"v\v"#)])]
        ),
        MetricVector(#"trail\\ v=1"#, [point(#"trail\.v"#, 1)]),
        MetricVector("# a comment line\ncpu v=1\n  # indented comment", [point("cpu.v", 1)]),
        MetricVector("cpu v=1 1700000000", [point("cpu.v", 1)]),
        MetricVector("cpu v=1 1700000000123", [point("cpu.v", 1)]),
        MetricVector("cpu v=1 1700000000123456", [point("cpu.v", 1)]),
        MetricVector("cpu v=1 1700000000999999999", [point("cpu.v", 1)]),
        MetricVector("cpu v=1 -1500", [point("cpu.v", 1, at: -1500)]),
        MetricVector("cpu v=1 -1700000000123", [point("cpu.v", 1, at: -1_700_000_001)]),
        MetricVector(
            "cpu v=1.5e+06,w=-2E-3,x=1.,y=.5",
            [point("cpu.v", 1_500_000), point("cpu.w", -0.002), point("cpu.x", 1), point("cpu.y", 0.5)]),
        MetricVector("cpu,host=a  v=1  1700000000 ", [point("cpu.v", 1, [("host", "a")])]),
        MetricVector(
            "system,host=agent1 load1=0.64,load5=0.5,n_cpus=2i 1764400000000000000\nmem,host=agent1 used=1024i 1764400000000000000\n",
            [
                point("system.load1", 0.64, at: 1_764_400_000, [("host", "agent1")]),
                point("system.load5", 0.5, at: 1_764_400_000, [("host", "agent1")]),
                point("system.n_cpus", 2, at: 1_764_400_000, [("host", "agent1")]),
                point("mem.used", 1024, at: 1_764_400_000, [("host", "agent1")]),
            ]
        ),
        MetricVector("a b=1\r\n\r\nc d=2\r\n", [point("a.b", 1), point("c.d", 2)]),
        MetricVector("big v=18446744073709551615u", [point("big.v", Double(UInt64.max))]),
    ]

    @Test(arguments: wellFormed)
    func extractsPoints(_ vector: MetricVector) {
        let extraction = InfluxLineParser.parse(vector.input, timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == [])
    }

    static let malformed: [MalformedVector] = [
        // String fields: no point for them, the line's other fields are kept.
        MalformedVector(
            #"weather,location=us-midwest temperature=82,note="too hot" 1465839830"#,
            [diagnostic(1, 49, "field 'note' is a string; no point")],
            points: [point("weather.temperature", 82, at: 1_465_839_830, [("location", "us-midwest")])]
        ),
        MalformedVector(
            #"log msg="a, b \"c\" d=1",v=2"#,
            [diagnostic(1, 9, "field 'msg' is a string; no point")],
            points: [point("log.v", 2)]
        ),
        MalformedVector(#"log msg="only""#, [diagnostic(1, 9, "field 'msg' is a string; no point")]),
        MalformedVector("cpu", [diagnostic(1, 4, "expected a space and then the fields")]),
        MalformedVector("cpu ", [diagnostic(1, 4, "expected a space and then the fields")]),
        MalformedVector(",host=a v=1", [diagnostic(1, 1, "missing measurement name")]),
        MalformedVector("cpu v", [diagnostic(1, 5, "field 'v' has no '='")]),
        MalformedVector("cpu v=", [diagnostic(1, 7, "missing value for field 'v'")]),
        MalformedVector("cpu v=abc", [diagnostic(1, 7, "value of field 'v' is not a number: 'abc'")]),
        MalformedVector("cpu v=5.5i", [diagnostic(1, 7, "value of field 'v' is not a number: '5.5i'")]),
        MalformedVector("cpu v=-5u", [diagnostic(1, 7, "value of field 'v' is not a number: '-5u'")]),
        MalformedVector("cpu v=NaN", [diagnostic(1, 7, "value of field 'v' is not a number: 'NaN'")]),
        MalformedVector("cpu v=1,w=bad", [diagnostic(1, 11, "value of field 'w' is not a number: 'bad'")]),
        MalformedVector("cpu v=1,", [diagnostic(1, 9, "empty field key")]),
        MalformedVector("cpu,host v=1", [diagnostic(1, 5, "tag 'host' has no '='")]),
        MalformedVector("cpu,host= v=1", [diagnostic(1, 10, "empty value for tag 'host'")]),
        MalformedVector("cpu,=a v=1", [diagnostic(1, 5, "empty tag key")]),
        MalformedVector("cpu,a=b=c v=1", [diagnostic(1, 8, "unescaped '=' in the value of tag 'a'")]),
        MalformedVector("cpu v=1 12ab", [diagnostic(1, 9, "timestamp is not an integer: '12ab'")]),
        MalformedVector(
            "cpu v=1 1700000000 extra", [diagnostic(1, 20, "unexpected text after the fields and timestamp")]),
        MalformedVector(#"cpu v="unterminated"#, [diagnostic(1, 7, "unterminated string value for field 'v'")]),
        MalformedVector(#"cpu v="s"x"#, [diagnostic(1, 10, "unexpected text after the fields and timestamp")]),
        MalformedVector(
            "ok v=1\nbad\nok w=2",
            [diagnostic(2, 4, "expected a space and then the fields")],
            points: [point("ok.v", 1), point("ok.w", 2)]
        ),
    ]

    @Test(arguments: malformed)
    func reportsMalformedLines(_ vector: MalformedVector) {
        let extraction = InfluxLineParser.parse(vector.input, timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == vector.diagnostics)
    }

    @Test func parseLineReportsSkippedStringFieldsSeparately() throws {
        var skipped: [MetricParseError] = []
        let points = try InfluxLineParser.parseLine(#"m s="x",v=3i 1700000000"#, timestamp: 0, skipped: &skipped)
        #expect(points == [point("m.v", 3)])
        #expect(skipped == [MetricParseError(column: 5, message: "field 's' is a string; no point")])
        #expect(throws: MetricParseError(column: 3, message: "field 'x' has no '='")) {
            try InfluxLineParser.parseLine("m x", timestamp: 0)
        }
    }
}
