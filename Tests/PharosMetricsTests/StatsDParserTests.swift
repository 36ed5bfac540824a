import PharosCore
import PharosMetrics
import Testing

@Suite struct StatsDParserTests {
    static let validLines: [(String, [StatsDSample])] = [
        ("hits:1|c", [.counter("hits", 1, sampleRate: 1)]),
        ("hits:1|c|@0.1", [.counter("hits", 1, sampleRate: 0.1)]),
        ("hits:1|c|@1", [.counter("hits", 1)]),
        ("hits:-2|c", [.counter("hits", -2)]),
        ("hits:1e3|c", [.counter("hits", 1000)]),
        ("hits:5.|c", [.counter("hits", 5)]),
        ("hits:1|c\r", [.counter("hits", 1)]),
        ("temp:5|g", [.gauge("temp", 5)]),
        ("temp:.5|g", [.gauge("temp", 0.5)]),
        ("temp:+3|g", [.gaugeDelta("temp", 3)]),
        ("temp:-3|g", [.gaugeDelta("temp", -3)]),
        ("temp:+0|g|@0.5", [.gaugeDelta("temp", 0)]),
        ("latency:320|ms", [.timer("latency", 320)]),
        ("latency:320.5|ms|@0.5", [.timer("latency", 320.5, sampleRate: 0.5)]),
        ("size:12|h", [.timer("size", 12)]),
        ("size:7|d", [.timer("size", 7)]),
        ("users:abc|s", [.set("users", "abc")]),
        ("users:a:b|s", [.set("users", "a:b")]),
        ("users:42|s|#env:prod", [.set("users", "42", tags: [MetricTag(name: "env", value: "prod")])]),
        (
            "hits:1|c|#env:prod,region:eu",
            [
                .counter(
                    "hits", 1, tags: [MetricTag(name: "env", value: "prod"), MetricTag(name: "region", value: "eu")])
            ]
        ),
        (
            "hits:1|c|#region:eu,env:prod,env:prod",
            [
                .counter(
                    "hits", 1, tags: [MetricTag(name: "env", value: "prod"), MetricTag(name: "region", value: "eu")])
            ]
        ),
        ("hits:1|c|@0.5|#canary", [.counter("hits", 1, sampleRate: 0.5, tags: [MetricTag(name: "canary", value: "")])]),
        (
            "hits:1|c|#env:prod|@0.5",
            [.counter("hits", 1, sampleRate: 0.5, tags: [MetricTag(name: "env", value: "prod")])]
        ),
        ("hits:1|c|#url:http://x", [.counter("hits", 1, tags: [MetricTag(name: "url", value: "http://x")])]),
        (
            "hits:1|c|#b:2,,a:1,",
            [.counter("hits", 1, tags: [MetricTag(name: "a", value: "1"), MetricTag(name: "b", value: "2")])]
        ),
        ("hits:1|c|#", [.counter("hits", 1)]),
        ("hits:1:2:3|c", [.counter("hits", 1), .counter("hits", 2), .counter("hits", 3)]),
        ("temp:4:+1:-2|g", [.gauge("temp", 4), .gaugeDelta("temp", 1), .gaugeDelta("temp", -2)]),
        ("my app/requests:1|c", [.counter("my_app-requests", 1)]),
        ("caf\u{E9}.hits%:1|c", [.counter("caf.hits", 1)]),
        ("api.v2_get-users:3|c", [.counter("api.v2_get-users", 3)]),
    ]

    @Test(arguments: validLines)
    func parsesValidLine(_ line: String, expected: [StatsDSample]) throws {
        #expect(try StatsDParser.parseLine(line) == expected)
    }

    static let malformedLines: [(String, Int, String)] = [
        ("name|c", 5, "missing ':' between metric name and value"),
        ("name", 5, "missing ':' between metric name and value"),
        ("name:abc|c", 6, "invalid number 'abc'"),
        ("name:1|x", 8, "unknown metric type 'x'; expected c, g, ms, h, d or s"),
        ("name:1|cc", 8, "unknown metric type 'cc'; expected c, g, ms, h, d or s"),
        (":1|c", 1, "empty metric name"),
        ("name:1|c|@2", 11, "sample rate '2' must be greater than 0 and at most 1"),
        ("name:1|c|@0", 11, "sample rate '0' must be greater than 0 and at most 1"),
        ("name:1|c|@-0.5", 11, "sample rate '-0.5' must be greater than 0 and at most 1"),
        ("name:1|c|@abc", 11, "invalid sample rate 'abc'"),
        ("name:1|c|@", 11, "missing sample rate after '@'"),
        ("name:1", 7, "missing '|' before the metric type"),
        ("name:1|", 8, "missing metric type"),
        ("name:|c", 6, "missing value"),
        ("name:|s", 6, "missing value"),
        ("name:1::2|c", 8, "missing value"),
        ("name:1|c|", 10, "empty section after '|'"),
        ("name:1|c|x", 10, "unknown section 'x'; expected '@<sample rate>' or '#<tags>'"),
        ("name:1|c|@0.5|@0.5", 15, "duplicate sample rate"),
        ("name:1|c|#a|#b", 13, "duplicate tag section"),
        ("name:1|c|#a:1,:v", 15, "tag ':v' has an empty name"),
        ("name:NaN|g", 6, "invalid number 'NaN'"),
        ("name:inf|g", 6, "invalid number 'inf'"),
        ("name:1e400|g", 6, "invalid number '1e400'"),
        ("name:0x10|c", 6, "invalid number '0x10'"),
        ("name:1 |c", 6, "invalid number '1 '"),
        ("name:1e|c", 6, "invalid number '1e'"),
        ("name:-|g", 6, "invalid number '-'"),
        ("%%%:1|c", 1, "metric name has no ASCII letters, digits, '.', '-' or '_'"),
        ("_e{5,4}:title|text", 1, "DogStatsD events and service checks are not supported"),
        ("_sc|db|0", 1, "DogStatsD events and service checks are not supported"),
        ("", 1, "empty line"),
    ]

    @Test(arguments: malformedLines)
    func rejectsMalformedLine(_ line: String, column: Int, message: String) {
        #expect(throws: StatsDParseError(column: column, message: message)) {
            try StatsDParser.parseLine(line)
        }
    }

    @Test func longInputIsCutInMessages() {
        let value = String(repeating: "x", count: 100)
        #expect(throws: StatsDParseError(column: 6, message: "invalid number '\(String(repeating: "x", count: 40))…'"))
        {
            try StatsDParser.parseLine("name:\(value)|c")
        }
    }

    @Test func errorDescriptionNamesColumn() {
        #expect(
            StatsDParseError(column: 8, message: "missing metric type").description == "column 8: missing metric type")
    }

    @Test func datagramKeepsGoodLinesAndReportsBadOnesWithLineNumbers() {
        let datagram = "hits:1|c\n\nbad|c\r\n   \nlatency:320|ms|#env:prod\nname:1|c|@2\nusers:a|s\n"
        let result = StatsDParser.parse(datagram)
        #expect(
            result.samples == [
                .counter("hits", 1),
                .timer("latency", 320, tags: [MetricTag(name: "env", value: "prod")]),
                .set("users", "a"),
            ]
        )
        #expect(
            result.diagnostics == [
                MetricDiagnostic(line: 3, column: 4, message: "missing ':' between metric name and value"),
                MetricDiagnostic(
                    line: 6,
                    column: 11,
                    message: "sample rate '2' must be greater than 0 and at most 1"
                ),
            ]
        )
    }

    @Test func emptyDatagramGivesNothing() {
        #expect(StatsDParser.parse("") == StatsDParseResult())
        #expect(StatsDParser.parse("\n\n\r\n") == StatsDParseResult())
    }

    @Test func invalidUTF8NeverCrashes() {
        let bytes: [UInt8] =
            Array("ok:1|c\n".utf8) + [0xFF, 0xFE, 0x3A, 0x31, 0x7C, 0x63, 0x0A] + Array("s:".utf8)
            + [0xC3] + Array("|s".utf8)
        let result = StatsDParser.parse(bytes: bytes)
        #expect(result.samples == [.counter("ok", 1), .set("s", "\u{FFFD}")])
        #expect(
            result.diagnostics == [
                MetricDiagnostic(
                    line: 2,
                    column: 1,
                    message: "metric name has no ASCII letters, digits, '.', '-' or '_'"
                )
            ]
        )
    }

    @Test func randomGarbageNeverCrashes() {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("ab:|@#,.+-e0123456789\n\r gsmhcd_{}".utf8)
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let result = StatsDParser.parse(bytes: bytes)
            for diagnostic in result.diagnostics {
                #expect(diagnostic.line >= 1)
                #expect((diagnostic.column ?? 0) >= 1)
            }
            for sample in result.samples {
                #expect(!sample.name.isEmpty)
            }
        }
    }

    /// Deterministic pseudo-random numbers for the fuzz-style test (SplitMix64).
    private struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
