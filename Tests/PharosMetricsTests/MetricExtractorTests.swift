import PharosCore
import PharosMetrics
import Testing

@Suite struct MetricExtractorTests {
    static let outputTags = [MetricTag(name: "env", value: "prod"), MetricTag(name: "region", value: "eu")]

    static let formats: [(MetricFormat, String, [MetricPoint])] = [
        (
            .nagiosPerfdata, "PROCS OK: 74 processes | procs=74;500;1000;0;",
            [point("procs", 74, [("env", "prod"), ("region", "eu")])]
        ),
        (
            .graphitePlaintext, "disk.used;host=a 5 1700000001",
            [point("disk.used", 5, at: 1_700_000_001, [("host", "a"), ("env", "prod"), ("region", "eu")])]
        ),
        (
            .influxdbLine, "disk_usage,host=a used=42.5,free=100 1700000000123456789",
            [
                point("disk_usage.used", 42.5, [("host", "a"), ("env", "prod"), ("region", "eu")]),
                point("disk_usage.free", 100, [("host", "a"), ("env", "prod"), ("region", "eu")]),
            ]
        ),
        (
            .opentsdbLine, "put sys.cpu.user 1356998400 42.5 host=web01 env=dev",
            [
                point(
                    "sys.cpu.user", 42.5, at: 1_356_998_400,
                    [("host", "web01"), ("env", "dev"), ("env", "prod"), ("region", "eu")])
            ]
        ),
        // Prometheus: output_metric_tags replace same-named labels.
        (
            .prometheusText, "# TYPE up gauge\nup{env=\"dev\",job=\"api\"} 1\n",
            [point("up", 1, [("job", "api"), ("prom_type", "gauge"), ("env", "prod"), ("region", "eu")])]
        ),
    ]

    @Test(arguments: formats)
    func appendsOutputMetricTags(_ format: MetricFormat, _ output: String, _ expected: [MetricPoint]) {
        let extraction = MetricExtractor.extract(output, format: format, timestamp: executed, tags: Self.outputTags)
        #expect(extraction.points == expected)
        #expect(extraction.diagnostics == [])
    }

    @Test func keepsDiagnosticsAndPointsTogether() {
        let extraction = MetricExtractor.extract(
            "cpu v=1\ncpu\n",
            format: .influxdbLine,
            timestamp: executed,
            tags: [MetricTag(name: "k", value: "v")]
        )
        #expect(extraction.points == [point("cpu.v", 1, [("k", "v")])])
        #expect(extraction.diagnostics == [diagnostic(2, 4, "expected a space and then the fields")])
    }

    // The logic behind `pharos-agent extract-metrics` (the executable only reads stdin and writes these strings).

    @Test func rendersTheCheckHTTPExampleAsJSON() {
        let extraction = MetricExtractor.extract(
            "HTTP OK: HTTP/1.1 200 OK - 160 bytes in 0.000 second response time |time=0.000447s;;;0.000000;10.000000 size=160B;;;0;\n",
            format: .nagiosPerfdata,
            timestamp: executed,
            tags: []
        )
        #expect(
            MetricExtractor.renderJSON(extraction.points)
                == #"[{"name":"time","tags":[],"timestamp":1700000000,"value":0.000447},"#
                + #"{"name":"size","tags":[],"timestamp":1700000000,"value":160}]"#
        )
        #expect(MetricExtractor.renderDiagnostics(extraction.diagnostics) == "")
    }

    @Test func rendersTagsEscapesAndNonFiniteValues() {
        let points = [
            point("a\"b\\c", .infinity, at: -5, [("k", "line\nbreak\u{1}"), ("t", "tab\t/")]),
            point("n", -.infinity),
            point("m", .nan),
            point("big", 1e20),
            point("small", 1e-7),
            point("neg", -2.5),
        ]
        #expect(
            MetricExtractor.renderJSON(points)
                == #"[{"name":"a\"b\\c","tags":[{"name":"k","value":"line\nbreak\u0001"},{"name":"t","value":"tab\t/"}],"#
                + #""timestamp":-5,"value":"+Inf"},{"name":"n","tags":[],"timestamp":1700000000,"value":"-Inf"},"#
                + #"{"name":"m","tags":[],"timestamp":1700000000,"value":"NaN"},"#
                + #"{"name":"big","tags":[],"timestamp":1700000000,"value":1e+20},"#
                + #"{"name":"small","tags":[],"timestamp":1700000000,"value":1e-07},"#
                + #"{"name":"neg","tags":[],"timestamp":1700000000,"value":-2.5}]"#
        )
        #expect(MetricExtractor.renderJSON([]) == "[]")
    }

    @Test func rendersOneDiagnosticLinePerRejectedLine() {
        let extraction = MetricExtractor.extract(
            "a 1\nb 2 3\nc", format: .graphitePlaintext, timestamp: executed, tags: [])
        #expect(
            MetricExtractor.renderDiagnostics(extraction.diagnostics)
                == "line 1, column 4: expected 3 fields 'path value timestamp', found 2\n"
                + "line 3, column 2: expected 3 fields 'path value timestamp', found 1\n"
        )
        #expect(extraction.points == [point("b", 2, at: 3)])
    }

    @Test(arguments: [
        ("env=prod", MetricTag(name: "env", value: "prod")),
        ("env=", MetricTag(name: "env", value: "")),
        ("q=a=b", MetricTag(name: "q", value: "a=b")),
        ("=v", nil),
        ("env", nil),
        ("", nil),
    ])
    func parsesTagArguments(_ argument: String, _ expected: MetricTag?) {
        #expect(MetricExtractor.tag(fromArgument: argument) == expected)
    }
}
