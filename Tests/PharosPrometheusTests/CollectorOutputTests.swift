import ArgumentParser
import Foundation
import PharosCore
import PharosMetrics
import PharosPrometheus
import Testing

/// The collector's pure parts: exposition → samples, the three output formats, the query API answer, the flags.
@Suite struct CollectorOutputTests {
    /// An exposition as exporters serve it: every line, the last one included, ends with `\n`.
    static let exposition = """
        # HELP http_request_duration_seconds Request latency.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{handler="/api",le="0.1"} 3
        http_request_duration_seconds_bucket{handler="/api",le="+Inf"} 5
        http_request_duration_seconds_sum{handler="/api"} 1.25
        http_request_duration_seconds_count{handler="/api"} 5
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.5"} 0.002
        rpc_duration_seconds_sum 12
        rpc_duration_seconds_count 4
        # TYPE node_filesystem_avail_bytes gauge
        node_filesystem_avail_bytes{device="/dev/sda1",mountpoint="/mnt/my disk,a=b",fstype=""} 1.5e+09
        weird_value NaN

        """

    @Test func histogramsAndSummariesExpandAsPrometheusStoresThem() throws {
        let samples = try CollectedSample.fromExposition(Self.exposition)
        #expect(
            samples.map(\.name) == [
                "http_request_duration_seconds_bucket", "http_request_duration_seconds_bucket",
                "http_request_duration_seconds_sum", "http_request_duration_seconds_count", "rpc_duration_seconds",
                "rpc_duration_seconds_sum", "rpc_duration_seconds_count", "node_filesystem_avail_bytes",
            ])
        #expect(samples[1].labels == [MetricTag(name: "handler", value: "/api"), MetricTag(name: "le", value: "+Inf")])
        #expect(samples[1].value == 5)
        #expect(samples[4].labels == [MetricTag(name: "quantile", value: "0.5")])
        #expect(samples[7].value == 1.5e9)
        #expect(!samples.contains { $0.labels.contains { $0.name.hasPrefix("prom_") } })
    }

    @Test func influxLinesEscapeLabelValuesInsteadOfDroppingThem() throws {
        let samples = try CollectedSample.fromExposition(Self.exposition)
        let rendering = CollectorOutput.render(samples, format: .influx, prefix: "", timestamp: 1_700_000_000)
        let lines = rendering.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines[0] == "http_request_duration_seconds_bucket,handler=/api,le=0.1 value=3 1700000000")
        #expect(lines[2] == "http_request_duration_seconds_sum,handler=/api value=1.25 1700000000")
        #expect(
            lines[7]
                == #"node_filesystem_avail_bytes,device=/dev/sda1,mountpoint=/mnt/my\ disk\,a\=b value=1500000000 1700000000"#
        )
        #expect(rendering.skipped.isEmpty)
        // Pharos' own line-protocol parser (what the agent runs for output_metric_format: influxdb_line) reads
        // every line back, the escaped tag value included.
        let parsed = InfluxLineParser.parse(rendering.text, timestamp: 0)
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.points.count == 8)
        #expect(parsed.points[7].name == "node_filesystem_avail_bytes.value")
        #expect(parsed.points[7].tags.contains(MetricTag(name: "mountpoint", value: "/mnt/my disk,a=b")))
    }

    @Test func prefixGraphiteAndJSON() throws {
        let samples = [
            CollectedSample(name: "up", labels: [MetricTag(name: "job", value: "node")], value: 1),
            CollectedSample(name: "ratio", value: 0.25),
            CollectedSample(name: "overflow", value: .infinity),
        ]
        let influx = CollectorOutput.render(samples, format: .influx, prefix: "k8s.", timestamp: 5)
        #expect(influx.text == "k8s.up,job=node value=1 5\nk8s.ratio value=0.25 5\n")
        #expect(influx.skipped == ["k8s.overflow: value inf cannot be written in line protocol"])
        let graphite = CollectorOutput.render(samples, format: .graphite, prefix: "foo.bar.", timestamp: 7)
        #expect(graphite.text == "foo.bar.up 1 7\nfoo.bar.ratio 0.25 7\n")
        let json = CollectorOutput.render(samples, format: .json, prefix: "ignored.", timestamp: 7)
        #expect(
            json.text
                == #"[{"Tags":[{"Name":"__name__","Value":"up"},{"Name":"job","Value":"node"}],"Value":1},"#
                + #"{"Tags":[{"Name":"__name__","Value":"ratio"}],"Value":0.25}]"# + "\n")
        #expect(json.skipped.count == 1)
    }

    @Test func emptyLabelsAreLeftOutAndLineBreaksWrittenAsEscapes() {
        let sample = CollectedSample(
            name: "m",
            labels: [
                MetricTag(name: "empty", value: ""), MetricTag(name: "multi", value: "a\nb"),
                MetricTag(name: "trailing", value: #"C:\"#),
            ], value: 2)
        let rendering = CollectorOutput.render([sample], format: .influx, prefix: "", timestamp: 1)
        #expect(rendering.text == #"m,multi=a\nb value=2 1"# + "\n")
        #expect(rendering.skipped == ["m: label trailing ends in a backslash, left out"])
    }

    @Test(arguments: [
        ("<html><body>not metrics</body></html>\n", "line 1"),
        ("up 1\nthis is not a sample\n", "line 2"),
        ("up 1\n# TYPE up gauge\nup{job=\"x\" 1\n", "line 3"),
    ])
    func unparsableBodiesNameTheLine(body: String, line: String) {
        #expect {
            try CollectedSample.fromExposition(body)
        } throws: { error in
            let text = "\(error)"
            return text.contains(line) && !text.contains("\n")
        }
    }

    @Test func queryVectorScalarAndErrors() throws {
        let vector = #"""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"up","job":"node","instance":"127.0.0.1:9100"},"value":[1700000000.5,"1"]},
              {"metric":{"job":"node"},"value":[1700000000.5,"+Inf"]}]}}
            """#
        let samples = try PrometheusQueryResponse.samples(from: Data(vector.utf8))
        #expect(
            samples == [
                CollectedSample(
                    name: "up",
                    labels: [
                        MetricTag(name: "instance", value: "127.0.0.1:9100"), MetricTag(name: "job", value: "node"),
                    ],
                    value: 1),
                CollectedSample(
                    name: "query_result", labels: [MetricTag(name: "job", value: "node")], value: .infinity),
            ])
        let scalar = #"{"status":"success","data":{"resultType":"scalar","result":[1700000000,"42"]}}"#
        #expect(
            try PrometheusQueryResponse.samples(from: Data(scalar.utf8)) == [
                CollectedSample(name: "query_result", value: 42)
            ])
        let failed = #"{"status":"error","errorType":"bad_data","error":"parse error at char 3"}"#
        #expect(throws: CollectorError.queryFailed(type: "bad_data", message: "parse error at char 3")) {
            try PrometheusQueryResponse.samples(from: Data(failed.utf8))
        }
        let matrix = #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#
        #expect(
            throws: CollectorError.badQueryResponse("result type 'matrix' is not supported (only vector and scalar)")
        ) {
            try PrometheusQueryResponse.samples(from: Data(matrix.utf8))
        }
    }

    @Test func flagsTakeOneOrTwoDashesAndTheEnvironment() throws {
        let single = try CollectorOptions.parse([
            "-exporter-url", "https://10.0.0.1:10250/metrics/cadvisor", "-exporter-authorization", "Bearer abc",
            "-insecure-skip-verify", "-output-format", "graphite", "-metric-prefix", "kube.", "-timeout", "3",
        ])
        let configuration = try single.configuration(environment: ["EXPORTER_USER": "u", "EXPORTER_PASSWORD": "p"])
        #expect(configuration.target == .exporter(try #require(HTTPURL("https://10.0.0.1:10250/metrics/cadvisor"))))
        #expect(configuration.authorization == "Bearer abc")
        #expect(configuration.format == .graphite)
        #expect(configuration.metricPrefix == "kube.")
        #expect(configuration.tls.insecureSkipVerify)
        #expect(configuration.timeoutSeconds == 3)

        let double = try CollectorOptions.parse(["--exporter-url", "http://127.0.0.1:9100/metrics"])
        #expect(
            try double.configuration(environment: ["EXPORTER_USER": "u", "EXPORTER_PASSWORD": "p"]).authorization
                == "Basic dTpw")
        #expect(try double.configuration(environment: ["EXPORTER_HEADER": "Bearer t"]).authorization == "Bearer t")
        #expect(try double.configuration(environment: ["EXPORTER_USER": "u"]).authorization == nil)

        let query = try CollectorOptions.parse([
            "-prom-url", "http://127.0.0.1:9090/", "-prom-query", "rate(x[5m]) + 1",
        ])
        let collector = PrometheusCollector(configuration: try query.configuration(environment: [:]))
        #expect(collector.requestURL == "http://127.0.0.1:9090/api/v1/query?query=rate%28x%5B5m%5D%29%20%2B%201")

        #expect(throws: (any Error).self) { try CollectorOptions.parse(["-output-format", "xml"]) }
        #expect(throws: CollectorError.invalidURL(flag: "exporter-url", url: "localhost:9100")) {
            try CollectorOptions.parse(["-exporter-url", "localhost:9100"]).configuration(environment: [:])
        }
    }
}
