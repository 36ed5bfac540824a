import Foundation
import Testing

/// The seed's metrics path with real processes: event → `pharos-metric-tag-enrichment` → `pharos-influxdb-handler`
/// → a real InfluxDB 1.x, then read back with InfluxQL.
@Suite(.enabled(if: InfluxServer.influxdPath != nil, "influxd is not installed (Debian: apt-get install influxdb)"))
struct InfluxPipelineTests {
    static func fixture() throws -> Data {
        let url = try #require(
            Bundle.module.url(
                forResource: "tag-enrichment-event-with-metrics", withExtension: "json", subdirectory: "Fixtures"
            )
        )
        return try Data(contentsOf: url)
    }

    /// `results[0].series` of an InfluxQL answer.
    static func series(_ answer: Any) throws -> [[String: Any]] {
        let results = try #require((answer as? [String: Any])?["results"] as? [[String: Any]])
        return try #require(results.first?["series"] as? [[String: Any]], "no series in \(answer)")
    }

    @Test func writesTheEnrichedCompanionEventToInfluxDB() async throws {
        try await InfluxServer.with { server in
            _ = try await server.query("CREATE DATABASE sensu")

            let mutated = try ToolProcess.run("pharos-metric-tag-enrichment", stdin: Self.fixture())
            #expect(mutated.status == 0, "mutator stderr: \(mutated.stderr)")
            // Seed handler command line, pointed at this server (auth is off, so the credentials are ignored).
            let handled = try ToolProcess.run(
                "pharos-influxdb-handler",
                ["-a", server.baseURL, "-d", "sensu", "-u", "admin", "-p", "admin"],
                stdin: Data(mutated.stdout.utf8)
            )
            #expect(handled.status == 0, "handler stderr: \(handled.stderr)")
            #expect(handled.stderr == "")

            let measurements = try Self.series(await server.query("SHOW MEASUREMENTS", database: "sensu"))
            #expect(measurements.first?["values"] as? [[String]] == [["size"], ["time"]])

            let expectedColumns = ["time", "check", "entity", "namespace", "region", "sensu_entity_name", "value"]
            let tagValues = ["sensu_asset_index_response", "c6cc15000a01", "default", "us-west-1", "c6cc15000a01"]
            for (measurement, value) in [("time", 0.015248), ("size", 845.0)] {
                let series = try Self.series(await server.query("SELECT * FROM \"\(measurement)\"", database: "sensu"))
                #expect(series.count == 1)
                #expect(series.first?["name"] as? String == measurement)
                #expect(series.first?["columns"] as? [String] == expectedColumns)
                let rows = try #require(series.first?["values"] as? [[Any]])
                #expect(rows.count == 1)
                let row = try #require(rows.first)
                #expect((row[0] as? NSNumber)?.int64Value == 1_546_209_195)
                #expect(row[1...5].compactMap { $0 as? String } == tagValues)
                #expect((row[6] as? NSNumber)?.doubleValue == value)
            }
        }
    }

    @Test func writesInThePrecisionAndReadsTheAddressFromTheEnvironment() async throws {
        try await InfluxServer.with { server in
            _ = try await server.query("CREATE DATABASE sensu")
            // A 19-digit StatsD timestamp (ns) is normalised to seconds, then written in milliseconds.
            let event = """
                {"entity": {"metadata": {"name": "statsd-host"}},
                 "metrics": {"points": [{"name": "hits.count", "value": 12, "timestamp": 1700000000987654321,
                                         "tags": [{"name": "path", "value": "/a b,c=d"}]}]}}
                """
            let handled = try ToolProcess.run(
                "pharos-influxdb-handler", ["--precision", "ms"], stdin: Data(event.utf8),
                environment: ["INFLUXDB_ADDR": server.baseURL]
            )
            #expect(handled.status == 0, "handler stderr: \(handled.stderr)")
            let series = try Self.series(await server.query("SELECT * FROM hits", database: "sensu"))
            #expect(series.first?["columns"] as? [String] == ["time", "count", "path", "sensu_entity_name"])
            let row = try #require((series.first?["values"] as? [[Any]])?.first)
            #expect((row[0] as? NSNumber)?.int64Value == 1_700_000_000)
            #expect((row[1] as? NSNumber)?.doubleValue == 12)
            #expect(row[2] as? String == "/a b,c=d")
            #expect(row[3] as? String == "statsd-host")
        }
    }

    @Test func reportsInfluxDBsErrorForAMissingDatabase() async throws {
        try await InfluxServer.with { server in
            let handled = try ToolProcess.run(
                "pharos-influxdb-handler", ["-a", server.baseURL, "-d", "nope"], stdin: Self.fixture()
            )
            #expect(handled.status == 1)
            #expect(
                handled.stderr
                    == "pharos-influxdb-handler: InfluxDB at \(server.baseURL)/write?db=nope&precision=s answered "
                    + "404 Not Found: database not found: \"nope\"\n"
            )
        }
    }

    @Test func authenticatesWithTheFlagsOrTheEnvironment() async throws {
        try await InfluxServer.with(adminUser: "admin") { server in
            _ = try await server.query("CREATE DATABASE sensu")
            let wrong = try ToolProcess.run(
                "pharos-influxdb-handler", ["-a", server.baseURL, "-u", "admin", "-p", "wrong"], stdin: Self.fixture()
            )
            #expect(wrong.status == 1)
            #expect(wrong.stderr.hasSuffix("answered 401 Unauthorized: authorization failed\n"), "\(wrong.stderr)")

            // The flag wins over INFLUXDB_PASS.
            let flags = try ToolProcess.run(
                "pharos-influxdb-handler", ["-a", server.baseURL, "-u", "admin", "-p", "admin"], stdin: Self.fixture(),
                environment: ["INFLUXDB_PASS": "wrong"]
            )
            #expect(flags.status == 0, "stderr: \(flags.stderr)")
            let environment = try ToolProcess.run(
                "pharos-influxdb-handler", ["-a", server.baseURL + "/"], stdin: Self.fixture(),
                environment: ["INFLUXDB_USER": "admin", "INFLUXDB_PASS": "admin"]
            )
            #expect(environment.status == 0, "stderr: \(environment.stderr)")

            let series = try Self.series(await server.query("SELECT value FROM size", database: "sensu"))
            #expect((series.first?["values"] as? [[Any]])?.count == 1)
        }
    }
}
