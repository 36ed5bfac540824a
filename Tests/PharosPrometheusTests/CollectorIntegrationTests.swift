import Foundation
import PharosCore
import PharosMetrics
import Testing

/// `pharos-prometheus-collector` as a process against real servers on loopback: Debian's node exporter, Debian's
/// Prometheus scraping it, nginx answering 500 and garbage, a closed port; and its output through the seed's
/// InfluxDB handler into a real InfluxDB.
@Suite(.serialized) struct CollectorIntegrationTests {
    static let canRun =
        Programs.installed(Programs.nodeExporter) && Programs.installed(Programs.prometheus)
        && Programs.installed(Programs.nginx) && InfluxServer.influxdPath != nil

    @Test(.enabled(if: canRun, "needs Debian's prometheus-node-exporter, prometheus, nginx and influxdb"))
    func scrapesTheNodeExporter() async throws {
        try await PrometheusLab.with { lab in
            let result = try Programs.run("pharos-prometheus-collector", ["-exporter-url", lab.nodeExporterURL])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.isEmpty)
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count > 100)
            let load = try #require(lines.first { $0.hasPrefix("node_load1 value=") })
            #expect(load.split(separator: " ").count == 3)
            #expect(lines.contains { $0.hasPrefix("node_cpu_seconds_total,cpu=0,mode=idle value=") })
            #expect(lines.contains { $0.hasPrefix("go_gc_duration_seconds,quantile=0.5 value=") })
            #expect(lines.contains { $0.hasPrefix("node_memory_MemAvailable_bytes value=") })
            // What the agent does with the check output (output_metric_format: influxdb_line): no line is refused.
            let parsed = MetricExtractor.extract(result.stdout, format: .influxdbLine, timestamp: 0, tags: [])
            #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.prefix(3))")
            #expect(parsed.points.count == lines.count)
        }
    }

    @Test(.enabled(if: canRun, "needs Debian's prometheus-node-exporter, prometheus, nginx and influxdb"))
    func queriesPrometheusAndExpandsItsHistograms() async throws {
        try await PrometheusLab.with(prometheus: true) { lab in
            let query = try Programs.run(
                "pharos-prometheus-collector", ["-prom-url", lab.prometheusURL, "-prom-query", "up{job=\"node\"}"])
            #expect(query.status == 0, "\(query.stderr)")
            let line = query.stdout.trimmingCharacters(in: .newlines)
            #expect(line.hasPrefix("up,instance=127.0.0.1:\(lab.nodeExporterPort),job=node value=1 "), "\(line)")
            #expect(!line.contains("\n"))

            let json = try Programs.run(
                "pharos-prometheus-collector", ["--prom-url", lab.prometheusURL, "--output-format", "json"])
            #expect(json.status == 0, "\(json.stderr)")
            #expect(json.stdout.contains(#"{"Name":"__name__","Value":"up"}"#))

            let bad = try Programs.run(
                "pharos-prometheus-collector", ["-prom-url", lab.prometheusURL, "-prom-query", "up{"])
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("pharos-prometheus-collector: the Prometheus query failed: bad_data: "))
            #expect(bad.stderr.split(separator: "\n").count == 1)

            // Prometheus' own /metrics has histograms: each bucket, _sum and _count becomes a line.
            let own = try Programs.run(
                "pharos-prometheus-collector", ["-exporter-url", "\(lab.prometheusURL)/metrics"])
            #expect(own.status == 0, "\(own.stderr)")
            let buckets = own.stdout.split(separator: "\n").filter {
                $0.hasPrefix("prometheus_http_request_duration_seconds_bucket,")
            }
            #expect(buckets.contains { $0.contains(",le=+Inf") })
            #expect(own.stdout.contains("\nprometheus_http_request_duration_seconds_count,"))
            #expect(own.stdout.contains("\nprometheus_http_request_duration_seconds_sum,"))
        }
    }

    @Test(.enabled(if: canRun, "needs Debian's prometheus-node-exporter, prometheus, nginx and influxdb"))
    func scrapeFailuresExitTwoWithOneLine() async throws {
        try await PrometheusLab.with(nginx: true) { lab in
            let closedPort = try InfluxServer.freePort()
            let cases: [(url: String, message: String)] = [
                (
                    "http://127.0.0.1:\(closedPort)/metrics",
                    "scrape of http://127.0.0.1:\(closedPort)/metrics failed: connection refused"
                ),
                (
                    "http://127.0.0.1:\(lab.nginxPort)/error",
                    "scrape of http://127.0.0.1:\(lab.nginxPort)/error failed: HTTP 500 Internal Server Error: exporter broke"
                ),
                (
                    "http://127.0.0.1:\(lab.nginxPort)/garbage",
                    "the exporter's answer is not Prometheus text format: line 1, column 1: "
                ),
            ]
            for (url, message) in cases {
                let result = try Programs.run("pharos-prometheus-collector", ["-exporter-url", url])
                #expect(result.status == 2, "\(url): \(result.stderr)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderr.hasPrefix("pharos-prometheus-collector: \(message)"), "\(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            }
        }
    }

    @Test(.enabled(if: canRun, "needs Debian's prometheus-node-exporter, prometheus, nginx and influxdb"))
    func nodeMetricsReachInfluxDBThroughTheSeedHandler() async throws {
        try await PrometheusLab.with { lab in
            try await InfluxServer.with { influx in
                _ = try await influx.query("CREATE DATABASE sensu")
                let collected = try Programs.run("pharos-prometheus-collector", ["-exporter-url", lab.nodeExporterURL])
                #expect(collected.status == 0, "\(collected.stderr)")
                let event = try Pipeline.event(
                    entity: "node-1", check: "node-prometheus", output: collected.stdout, format: .influxdbLine)
                try Pipeline.handle(event, influx: influx)

                let load = try await influx.rows("SELECT * FROM node_load1", database: "sensu")
                #expect(load.count == 1)
                #expect(load.first?["sensu_entity_name"] as? String == "node-1")
                #expect(load.first?["value"] is Double)
                let cpu = try await influx.rows(
                    "SELECT value FROM node_cpu_seconds_total WHERE cpu = '0' AND mode = 'idle' AND sensu_entity_name = 'node-1'",
                    database: "sensu")
                #expect(cpu.count == 1)
                let measurements = try await influx.rows("SHOW MEASUREMENTS", database: "sensu").compactMap {
                    $0["name"] as? String
                }
                #expect(measurements.contains("node_memory_MemAvailable_bytes"))
                #expect(measurements.contains("node_filesystem_avail_bytes"))
            }
        }
    }
}
