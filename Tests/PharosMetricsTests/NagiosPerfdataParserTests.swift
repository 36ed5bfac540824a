import PharosCore
import PharosMetrics
import Testing

@Suite struct NagiosPerfdataParserTests {
    static let wellFormed: [MetricVector] = [
        // Real plugin output (environment.md, monitoring-plugins 2.3.3).
        MetricVector(
            "HTTP OK: HTTP/1.1 200 OK - 160 bytes in 0.000 second response time |time=0.000447s;;;0.000000;10.000000 size=160B;;;0;",
            [point("time", 0.000447), point("size", 160)]
        ),
        MetricVector(
            "HTTP CRITICAL: HTTP/1.1 200 OK - string 'nomatch' not found on 'http://127.0.0.1:8088/' - 160 bytes in 0.000 second response time |time=0.000254s;;;0.000000;10.000000 size=160B;;;0;",
            [point("time", 0.000254), point("size", 160)]
        ),
        MetricVector(
            "LOAD OK - total load average: 1.89, 2.58, 2.02|load1=1.890;5.000;10.000;0; load5=2.580;4.000;8.000;0; load15=2.020;3.000;6.000;0; ",
            [point("load1", 1.89), point("load5", 2.58), point("load15", 2.02)]
        ),
        MetricVector(
            "DISK OK - free space: / 76259MiB (78% inode=97%);| /=21479030784B;216442024755;243497277849;0;270552530944",
            [point("/", 21_479_030_784)]
        ),
        MetricVector(
            "PING OK - Packet loss = 0%, RTA = 0.09 ms|rta=0.086000ms;100.000000;500.000000;0.000000 pl=0%;20;60;0;",
            [point("rta", 0.086), point("pl", 0)]
        ),
        MetricVector(
            "TCP OK - 0.000 second response time on 127.0.0.1 port 8088|time=0.000240s;;;0.000000;10.000000",
            [point("time", 0.00024)]
        ),
        MetricVector("PROCS OK: 74 processes | procs=74;500;1000;0;", [point("procs", 74)]),
        MetricVector(
            "SWAP CRITICAL - 0% free (0MB out of 0MB) - Swap is either disabled, not present, or of zero size. |swap=0B;0;0;0;0",
            [point("swap", 0)]
        ),
        MetricVector(
            " OK - database postgres (0.003948 sec.)|time=0.003948s;2.000000;8.000000;0.000000",
            [point("time", 0.003948)]
        ),
        MetricVector("WARNING: fake warning", []),
        // Nagios plugin guidelines, performance data.
        MetricVector("OK | 'my disk'=5GB;", [point("my_disk", 5)]),
        MetricVector("OK | 'it''s'=1", [point("it's", 1)]),
        MetricVector("OK | 'a=b'=3", [point("a=b", 3)]),
        MetricVector("OK | big=1.5e+06 small=2E-3s", [point("big", 1_500_000), point("small", 0.002)]),
        MetricVector("OK | temp=-12.5C;0;10", [point("temp", -12.5)]),
        MetricVector("OK | packets=1234c;;;0; cpu=97%;80;90;0;100", [point("packets", 1234), point("cpu", 97)]),
        MetricVector("OK | ratio=.5 events=5events", [point("ratio", 0.5), point("events", 5)]),
        MetricVector("OK |  a=1   b=2\t c=3", [point("a", 1), point("b", 2), point("c", 3)]),
        MetricVector("OK |", []),
        MetricVector("OK | a=1\r\nsecond line\r\n", [point("a", 1)]),
        // Guidelines §2.6: long text, then `|` and perfdata continuing on further lines.
        MetricVector("OK\nlong text\nmore | b=2\nc=3 d=4", [point("b", 2), point("c", 3), point("d", 4)]),
        MetricVector("OK | a=1\nlong | text=2", [point("a", 1), point("text", 2)]),
        // Issue 18 item 24: quoted labels with spaces, `''`, UTF-8, a comma ending a value.
        MetricVector(
            "Memory usage: 45% | 'Physical Memory Used'=12345B;;;0; 'Physical Memory Utilisation'=45%;80;90;0;100",
            [point("Physical_Memory_Used", 12345), point("Physical_Memory_Utilisation", 45)]
        ),
        MetricVector("OK | 'it''s here'=1", [point("it's_here", 1)]),
        MetricVector(
            "OK | 'température cœur'=21.5C température=3 日本=4",
            [point("température_cœur", 21.5), point("température", 3), point("日本", 4)]
        ),
        MetricVector(
            "PING OK - Packet loss = 0%, RTA = 0.80 ms|percent_packet_loss=0, rta=0.80",
            [point("percent_packet_loss", 0), point("rta", 0.8)]
        ),
        MetricVector("OK | a=1%,;80;90 b=2,", [point("a", 1), point("b", 2)]),
    ]

    @Test(arguments: wellFormed)
    func extractsPerfdata(_ vector: MetricVector) {
        let extraction = NagiosPerfdataParser.parse(vector.input, timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == [])
    }

    static let malformed: [MalformedVector] = [
        MalformedVector(
            "OK | a=1 b=U",
            [diagnostic(1, 12, "value of 'b' is U (unknown); no point")],
            points: [point("a", 1)]
        ),
        MalformedVector("OK | a=xyz", [diagnostic(1, 8, "value of 'a' is not a number: 'xyz'")]),
        MalformedVector("OK | a=1 b", [diagnostic(1, 11, "expected '=' after label 'b'")], points: [point("a", 1)]),
        MalformedVector("OK | 'open=1", [diagnostic(1, 6, "unterminated quoted label")]),
        MalformedVector("OK | =5", [diagnostic(1, 6, "empty label")]),
        MalformedVector("OK | ''=5", [diagnostic(1, 6, "empty label")]),
        MalformedVector("OK | a=", [diagnostic(1, 8, "missing value for 'a'")]),
        MalformedVector("OK | a=;1;2", [diagnostic(1, 8, "missing value for 'a'")]),
        MalformedVector("OK | a=12ab34", [diagnostic(1, 12, "value of 'a' is not a number: '12ab34'")]),
        MalformedVector("OK | a=1.2.3", [diagnostic(1, 11, "value of 'a' is not a number: '1.2.3'")]),
        MalformedVector("OK | a=1e999", [diagnostic(1, 8, "value of 'a' is out of range: '1e999'")]),
        MalformedVector("OK | 'x'y=1", [diagnostic(1, 9, "expected '=' after label 'x'")]),
        MalformedVector(
            "OK\nlong text\n| a=1 x\nb=2",
            [diagnostic(3, 8, "expected '=' after label 'x'")],
            points: [point("a", 1), point("b", 2)]
        ),
        // Issue 18 item 24: a malformed token or value loses only itself; only the first `|` of a line starts
        // perfdata.
        MalformedVector(
            "OK | a=1 | b=2",
            [diagnostic(1, 11, "expected '=' after label '|'")],
            points: [point("a", 1), point("b", 2)]
        ),
        MalformedVector(
            "OK | foo a=1 b=2",
            [diagnostic(1, 9, "expected '=' after label 'foo'")],
            points: [point("a", 1), point("b", 2)]
        ),
        MalformedVector(
            "OK | load=0,5 users=3",
            [diagnostic(1, 12, "value of 'load' has a decimal comma, not a point: '0,5'; no point")],
            points: [point("users", 3)]
        ),
        MalformedVector(
            "OK\nlong text | x=1 | y=2\nz=3",
            [diagnostic(2, 18, "expected '=' after label '|'")],
            points: [point("x", 1), point("y", 2), point("z", 3)]
        ),
        MalformedVector(
            "OK | 'open=1 b=2",
            [diagnostic(1, 6, "unterminated quoted label")]
        ),
    ]

    @Test(arguments: malformed)
    func reportsMalformedPerfdata(_ vector: MalformedVector) {
        let extraction = NagiosPerfdataParser.parse(vector.input, timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == vector.diagnostics)
    }

    @Test func parseLineCountsColumnsFromThePerfdataText() throws {
        #expect(throws: MetricParseError(column: 3, message: "value of 'a' is not a number: 'x'")) {
            try NagiosPerfdataParser.parseLine("a=x", timestamp: executed)
        }
        #expect(throws: MetricParseError(column: 2, message: "expected '=' after label 'x'")) {
            try NagiosPerfdataParser.parseLine("x a=1", timestamp: executed)
        }
        #expect(try NagiosPerfdataParser.parseLine("a=U b=2", timestamp: 7) == [point("b", 2, at: 7)])
        var skipped: [MetricParseError] = []
        let points = NagiosPerfdataParser.parseLine("a=U b=2", timestamp: 7, skipped: &skipped)
        #expect(points == [point("b", 2, at: 7)])
        #expect(skipped == [MetricParseError(column: 3, message: "value of 'a' is U (unknown); no point")])
    }

    @Test func readsTheGuidelinesMultiLineExample() throws {
        let extraction = NagiosPerfdataParser.parse(try fixture("nagios-multiline", "txt"), timestamp: executed)
        #expect(
            extraction.points == [
                point("/", 2643), point("/boot", 68), point("/home", 69357), point("/var/log", 818),
            ]
        )
        #expect(extraction.diagnostics == [])
    }

    @Test func readsQuotedLabelsAndUnknownValuesInLongOutput() throws {
        let extraction = NagiosPerfdataParser.parse(try fixture("nagios-long-output", "txt"), timestamp: executed)
        #expect(
            extraction.points == [
                point("Data_Volume", 881), point("Backup_'Archive'", 1200),
                point("scratch", 12.5), point("inodes", 97), point("/tmp", 0.3),
            ]
        )
        #expect(extraction.diagnostics == [diagnostic(4, 52, "value of 'Scratch_Space' is U (unknown); no point")])
    }
}
