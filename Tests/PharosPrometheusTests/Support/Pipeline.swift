import Foundation
import PharosCore
import PharosMetrics
import Testing

/// What the agent and backend do with a metric check's output on the way to InfluxDB, with the real programs where
/// the quickstart has them: metric extraction (the agent's parser), the seed's `pharos-metric-tag-enrichment`
/// mutator, and `pharos-influxdb-handler` reading the event on stdin.
enum Pipeline {
    /// An event as the backend hands it to the pipeline: entity, check and the extracted metric points.
    static func event(
        entity: String, namespace: String = "webinar", check: String, output: String, format: MetricFormat,
        labels: [String: String] = [:]
    ) throws -> Data {
        let now = Int64(Date().timeIntervalSince1970)
        let extraction = MetricExtractor.extract(output, format: format, timestamp: now, tags: [])
        #expect(extraction.diagnostics.isEmpty, "\(extraction.diagnostics.prefix(3))")
        #expect(!extraction.points.isEmpty, "no points in: \(output)")
        let points = try JSONSerialization.jsonObject(with: JSONEncoder().encode(extraction.points))
        let object: [String: Any] = [
            "timestamp": now,
            "entity": [
                "metadata": ["name": entity, "namespace": namespace, "labels": labels], "entity_class": "agent",
            ],
            "check": [
                "metadata": ["name": check, "namespace": namespace], "output": output, "status": 0, "executed": now,
            ],
            "metrics": ["handlers": ["influxdb"], "points": points],
            "metadata": ["namespace": namespace],
        ]
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Runs the event through `pharos-influxdb-handler` (optionally after `pharos-metric-tag-enrichment`, as the
    /// seed's `influxdb` handler does) into database `sensu` of `influx`.
    static func handle(_ event: Data, influx: InfluxServer, enrich: Bool = false) throws {
        var input = event
        if enrich {
            let mutated = try Programs.run("pharos-metric-tag-enrichment", stdin: event)
            #expect(mutated.status == 0, "\(mutated.stderr)")
            input = Data(mutated.stdout.utf8)
        }
        let handled = try Programs.run(
            "pharos-influxdb-handler", ["-a", influx.baseURL, "-d", "sensu", "-u", "admin", "-p", "admin"], stdin: input
        )
        #expect(handled.status == 0, "\(handled.stderr)")
    }
}

extension InfluxServer {
    /// The rows of the first series of an InfluxQL answer as dictionaries (column → value); `[]` without series.
    func rows(_ statement: String, database: String) async throws -> [[String: Any]] {
        try await series(statement, database: database).first ?? []
    }

    /// Every series of an InfluxQL answer, each as rows of column → value (tags of GROUP BY included).
    func series(_ statement: String, database: String) async throws -> [[[String: Any]]] {
        let answer = try await query(statement, database: database)
        let results = (answer as? [String: Any])?["results"] as? [[String: Any]] ?? []
        if let error = results.first?["error"] as? String {
            Issue.record("InfluxDB refused \(statement): \(error)")
        }
        let series = results.first?["series"] as? [[String: Any]] ?? []
        return series.map { one in
            let columns = one["columns"] as? [String] ?? []
            let tags = one["tags"] as? [String: Any] ?? [:]
            return (one["values"] as? [[Any]] ?? []).map { values in
                var row = tags
                for (column, value) in zip(columns, values) { row[column] = value }
                return row
            }
        }
    }
}
