import PharosCore
import PharosMetrics
import Testing

@Suite struct PrometheusTextParserTests {
    static let wellFormed: [MetricVector] = [
        // Prometheus docs, text-based exposition format.
        MetricVector("http_requests_total 1027", [point("http_requests_total", 1027, [("prom_type", "untyped")])]),
        MetricVector(
            """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            """,
            [
                point(
                    "http_requests_total", 1027, at: 1_395_066_363,
                    [
                        ("code", "200"), ("method", "post"), ("prom_type", "counter"),
                        ("prom_help", "The total number of HTTP requests."),
                    ]
                )
            ]
        ),
        MetricVector(
            #"msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9"#,
            [
                point(
                    "msdos_file_access_time_seconds", 1_458_255_915,
                    [
                        ("error", "Cannot find file:\n\"FILE.TXT\""), ("path", #"C:\DIR\FILE.TXT"#),
                        ("prom_type", "untyped"),
                    ]
                )
            ]
        ),
        MetricVector(
            "metric_without_timestamp_and_labels 12.47",
            [point("metric_without_timestamp_and_labels", 12.47, [("prom_type", "untyped")])]
        ),
        MetricVector(
            #"something_weird{problem="division by zero"} +Inf -3982045"#,
            [
                point(
                    "something_weird", .infinity, at: -3983,
                    [("problem", "division by zero"), ("prom_type", "untyped")])
            ]
        ),
        MetricVector("x -Inf", [point("x", -.infinity, [("prom_type", "untyped")])]),
        MetricVector("x NaN\ny 1", [point("y", 1, [("prom_type", "untyped")])]),
        MetricVector(#"x{a="1",} 2"#, [point("x", 2, [("a", "1"), ("prom_type", "untyped")])]),
        MetricVector(#"x{ a = "1" , b="2" } 3"#, [point("x", 3, [("a", "1"), ("b", "2"), ("prom_type", "untyped")])]),
        MetricVector(#"x {} 3"#, [point("x", 3, [("prom_type", "untyped")])]),
        MetricVector(
            #"x{z="1",a="2",m="3"} 4"#,
            [point("x", 4, [("a", "2"), ("m", "3"), ("z", "1"), ("prom_type", "untyped")])]
        ),
        MetricVector(
            "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 0.7\nh_count 2",
            [
                point("h_bucket", 1, [("le", "0.5"), ("prom_type", "histogram")]),
                point("h_bucket", 2, [("le", "+Inf"), ("prom_type", "histogram")]),
                point("h_sum", 0.7, [("prom_type", "histogram")]),
                point("h_count", 2, [("prom_type", "histogram")]),
            ]
        ),
        MetricVector(
            "# TYPE s summary\ns{quantile=\"0.5\"} 0.2\ns_sum 3\ns_count 10",
            [
                point("s", 0.2, [("quantile", "0.5"), ("prom_type", "summary")]),
                point("s_sum", 3, [("prom_type", "summary")]),
                point("s_count", 10, [("prom_type", "summary")]),
            ]
        ),
        MetricVector(
            #"# HELP x Line one\nwith \\ backslash"# + "\n# TYPE x gauge\nx 1",
            [point("x", 1, [("prom_type", "gauge"), ("prom_help", "Line one\nwith \\ backslash")])]
        ),
        MetricVector("# TYPE x GAUGE\nx 1", [point("x", 1, [("prom_type", "gauge")])]),
        MetricVector("# just a comment\n#\n\nx 1", [point("x", 1, [("prom_type", "untyped")])]),
        MetricVector("job:request_rate:5m 3.5", [point("job:request_rate:5m", 3.5, [("prom_type", "untyped")])]),
        MetricVector(
            "# TYPE requests counter\nrequests_count 5", [point("requests_count", 5, [("prom_type", "untyped")])]),
        MetricVector(
            "x 1\n# HELP x late help", [point("x", 1, [("prom_type", "untyped"), ("prom_help", "late help")])]),
        MetricVector("# HELP x\nx 1", [point("x", 1, [("prom_type", "untyped")])]),
        MetricVector("x 1 1700000000999\ny 2 -1", [point("x", 1), point("y", 2, at: -1)].map(untyped)),
        MetricVector("x\t1.5e-3 \t\n", [point("x", 0.0015, [("prom_type", "untyped")])]),
        // Issue 18 item 24: quoted UTF-8 metric and label names (current exposition format).
        MetricVector(#"{"my.metric"} 1"#, [point("my.metric", 1, [("prom_type", "untyped")])]),
        MetricVector(
            "# TYPE \"my.metric\" gauge\n# HELP \"my.metric\" Dotted.\n" + #"{"my.metric", "label.é"="v", b="2"} 3"#,
            [point("my.metric", 3, [("b", "2"), ("label.é", "v"), ("prom_type", "gauge"), ("prom_help", "Dotted.")])]
        ),
        MetricVector(#"x{"quoted.label"="1"} 2"#, [point("x", 2, [("quoted.label", "1"), ("prom_type", "untyped")])]),
        MetricVector(
            #"{"température_°C",room="a"} 21.5"#,
            [point("température_°C", 21.5, [("room", "a"), ("prom_type", "untyped")])]),
    ]

    /// The vectors are written without the line feed the format requires after the last line; the tests add it.
    static func terminated(_ input: String) -> String {
        input.hasSuffix("\n") ? input : input + "\n"
    }

    /// `point` with the `prom_type=untyped` tag appended.
    static func untyped(_ point: MetricPoint) -> MetricPoint {
        var point = point
        point.tags.append(MetricTag(name: "prom_type", value: "untyped"))
        return point
    }

    @Test(arguments: wellFormed)
    func extractsSamples(_ vector: MetricVector) {
        let extraction = PrometheusTextParser.parse(Self.terminated(vector.input), timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == [])
    }

    static let malformed: [MalformedVector] = [
        MalformedVector("1x 5", [diagnostic(1, 1, "expected a metric name [a-zA-Z_:][a-zA-Z0-9_:]*")]),
        MalformedVector(#"x{a="1" 5"#, [diagnostic(1, 9, "expected ',' or '}' after the value of label 'a'")]),
        MalformedVector(#"x{a="1\q"} 5"#, [diagnostic(1, 7, "invalid escape in the value of label 'a'")]),
        MalformedVector(#"x{a="1} 5"#, [diagnostic(1, 5, "unterminated value for label 'a'")]),
        MalformedVector(#"x{a=1} 5"#, [diagnostic(1, 5, "expected '\"' to open the value of label 'a'")]),
        MalformedVector(#"x{a "1"} 5"#, [diagnostic(1, 5, "expected '=' after label 'a'")]),
        MalformedVector(#"x{a="1",a="2"} 5"#, [diagnostic(1, 9, "label 'a' appears twice")]),
        MalformedVector(#"x{1a="b"} 5"#, [diagnostic(1, 3, "expected a label name [a-zA-Z_][a-zA-Z0-9_]*")]),
        MalformedVector(#"x{__name__="y"} 1"#, [diagnostic(1, 3, "label name '__name__' is reserved")]),
        MalformedVector("x", [diagnostic(1, 2, "missing sample value")]),
        MalformedVector("x abc", [diagnostic(1, 3, "sample value is not a number: 'abc'")]),
        MalformedVector("x 1 12.5", [diagnostic(1, 5, "timestamp is not an integer (milliseconds): '12.5'")]),
        MalformedVector("x 1 2 3", [diagnostic(1, 7, "unexpected text after the timestamp")]),
        MalformedVector("# TYPE x foo", [diagnostic(1, 10, "unknown TYPE 'foo' for 'x'")]),
        MalformedVector("# TYPE x gauge extra", [diagnostic(1, 16, "unexpected text after TYPE")]),
        MalformedVector(#"# HELP x bad \t escape"#, [diagnostic(1, 14, "invalid escape in HELP text")]),
        MalformedVector(
            "# TYPE h histogram\nh_bucket 1\nh_count 1",
            [diagnostic(2, 1, "histogram bucket 'h_bucket' has no 'le' label")],
            points: [point("h_count", 1, [("prom_type", "histogram")])]
        ),
        MalformedVector(
            "# TYPE h histogram\nh 1",
            [diagnostic(2, 1, "histogram sample 'h' must end in _bucket, _sum or _count")]
        ),
        MalformedVector("# TYPE s summary\ns 1", [diagnostic(2, 1, "summary sample 's' has no 'quantile' label")]),
        MalformedVector(
            "# TYPE x gauge\n# TYPE x counter\nx 1",
            [diagnostic(2, 1, "second TYPE line for 'x'")],
            points: [point("x", 1, [("prom_type", "gauge")])]
        ),
        MalformedVector(
            "# HELP x one\nx 1\n# HELP x two",
            [diagnostic(3, 1, "second HELP line for 'x'")],
            points: [point("x", 1, [("prom_type", "untyped"), ("prom_help", "one")])]
        ),
        MalformedVector(#"{"a" "b"} 1"#, [diagnostic(1, 6, "expected '=' after label 'a'")]),
        MalformedVector(
            #"{a="b"} 1"#, [diagnostic(1, 1, "expected a metric name before '{' or as its first quoted item")]),
        MalformedVector(#"{"unterminated} 1"#, [diagnostic(1, 2, "unterminated value for name")]),
    ]

    // Issue 18 item 24: `\n` is the only line ending and the last line must have one.
    @Test func theLastLineMustEndWithALineFeed() {
        let extraction = PrometheusTextParser.parse("a 1\nb 2", timestamp: executed)
        #expect(extraction.points == [point("a", 1, [("prom_type", "untyped")])])
        #expect(
            extraction.diagnostics == [
                diagnostic(2, 4, "the last line does not end with \\n (unexpected end of input)")
            ])
        #expect(PrometheusTextParser.parse("a 1\nb 2\n", timestamp: executed).points.count == 2)
        #expect(PrometheusTextParser.parse("a 1\n  \t", timestamp: executed).diagnostics == [])
    }

    @Test func crlfIsNotALineEnding() {
        let extraction = PrometheusTextParser.parse("# TYPE a gauge\r\na 1\r\nb 2\n", timestamp: executed)
        #expect(extraction.points == [point("b", 2, [("prom_type", "untyped")])])
        #expect(
            extraction.diagnostics == [
                diagnostic(1, 15, "line ends with \\r\\n; lines of the text format end with \\n only"),
                diagnostic(2, 4, "line ends with \\r\\n; lines of the text format end with \\n only"),
            ])
    }

    @Test(arguments: malformed)
    func reportsMalformedLines(_ vector: MalformedVector) {
        let extraction = PrometheusTextParser.parse(Self.terminated(vector.input), timestamp: executed)
        #expect(extraction.points == vector.points)
        #expect(extraction.diagnostics == vector.diagnostics)
    }

    @Test func parseLineWorksWithoutMetadata() throws {
        #expect(
            try PrometheusTextParser.parseLine(#"up{job="a"} 1"#, timestamp: 9) == [
                point("up", 1, at: 9, [("job", "a"), ("prom_type", "untyped")])
            ])
        #expect(try PrometheusTextParser.parseLine("# TYPE up gauge", timestamp: 9) == [])
        #expect(throws: MetricParseError(column: 4, message: "sample value is not a number: 'one'")) {
            try PrometheusTextParser.parseLine("up one", timestamp: 9)
        }
    }

    @Test func readsTheDocumentationExpositionWithHistogramAndSummary() throws {
        let extraction = PrometheusTextParser.parse(try fixture("prometheus-exposition", "txt"), timestamp: executed)
        let requestsHelp = ("prom_help", "The total number of HTTP requests.")
        let histogram = [("prom_type", "histogram"), ("prom_help", "A histogram of the request duration.")]
        let summary = [("prom_type", "summary"), ("prom_help", "A summary of the RPC duration in seconds.")]
        let expected: [MetricPoint] = [
            point(
                "http_requests_total", 1027, at: 1_395_066_363,
                [("code", "200"), ("method", "post"), ("prom_type", "counter"), requestsHelp]),
            point(
                "http_requests_total", 3, at: 1_395_066_363,
                [("code", "400"), ("method", "post"), ("prom_type", "counter"), requestsHelp]),
            point(
                "msdos_file_access_time_seconds", 1_458_255_915,
                [("error", "Cannot find file:\n\"FILE.TXT\""), ("path", #"C:\DIR\FILE.TXT"#), ("prom_type", "untyped")]
            ),
            point("metric_without_timestamp_and_labels", 12.47, [("prom_type", "untyped")]),
            point(
                "something_weird", .infinity, at: -3983, [("problem", "division by zero"), ("prom_type", "untyped")]),
            point("http_request_duration_seconds_bucket", 24054, [("le", "0.05")] + histogram),
            point("http_request_duration_seconds_bucket", 33444, [("le", "0.1")] + histogram),
            point("http_request_duration_seconds_bucket", 100_392, [("le", "0.2")] + histogram),
            point("http_request_duration_seconds_bucket", 129_389, [("le", "0.5")] + histogram),
            point("http_request_duration_seconds_bucket", 133_988, [("le", "1")] + histogram),
            point("http_request_duration_seconds_bucket", 144_320, [("le", "+Inf")] + histogram),
            point("http_request_duration_seconds_sum", 53423, histogram),
            point("http_request_duration_seconds_count", 144_320, histogram),
            point("rpc_duration_seconds", 3102, [("quantile", "0.01")] + summary),
            point("rpc_duration_seconds", 3272, [("quantile", "0.05")] + summary),
            point("rpc_duration_seconds", 4773, [("quantile", "0.5")] + summary),
            point("rpc_duration_seconds", 9001, [("quantile", "0.9")] + summary),
            point("rpc_duration_seconds", 76656, [("quantile", "0.99")] + summary),
            point("rpc_duration_seconds_sum", 17_560_473, summary),
            point("rpc_duration_seconds_count", 2693, summary),
            point("temperature_celsius", 21.5, [("room", "office"), ("prom_type", "gauge")]),
        ]
        #expect(extraction.points == expected)
        #expect(extraction.diagnostics == [])
    }
}
