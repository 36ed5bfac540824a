import Foundation
import PharosMetrics
import Testing

/// The Grafana material under `deploy/grafana/`: every dashboard has what Grafana needs to import it, and every
/// panel query — with `$timeFilter`, `$__interval` and the entity variable substituted as Grafana does — returns
/// series from an InfluxDB filled the way the quickstart fills it: check_http perfdata through the seed's
/// tag-enrichment mutator and InfluxDB handler, the collector scraping Debian's node exporter, and the collector
/// scraping a real `pharos-backend`'s `/metrics`.
@Suite(.serialized) struct GrafanaDashboardTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let grafana = repository.appendingPathComponent("deploy/grafana")
    static let dashboardNames = ["check-nginx", "node-exporter", "pharos-health"]

    static func dashboard(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: grafana.appendingPathComponent("dashboards/\(name).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name) is not an object")
    }

    /// The panels' InfluxQL queries and the entity variable's query of a dashboard.
    static func queries(_ dashboard: [String: Any]) -> (panels: [(title: String, query: String)], variable: String) {
        let panels = (dashboard["panels"] as? [[String: Any]] ?? []).flatMap { panel in
            (panel["targets"] as? [[String: Any]] ?? []).map {
                (title: panel["title"] as? String ?? "", query: $0["query"] as? String ?? "")
            }
        }
        let variables = (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        return (panels, variables.first { $0["name"] as? String == "entity" }?["query"] as? String ?? "")
    }

    @Test(arguments: dashboardNames)
    func dashboardHasWhatGrafanaNeedsToImportIt(name: String) throws {
        let dashboard = try Self.dashboard(name)
        #expect((dashboard["uid"] as? String)?.isEmpty == false)
        #expect((dashboard["uid"] as? String)?.count ?? 99 <= 40)
        #expect((dashboard["title"] as? String)?.isEmpty == false)
        #expect((dashboard["schemaVersion"] as? Int ?? 0) >= 36)
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        #expect(panels.count >= 3)
        var ids = Set<Int>()
        for panel in panels {
            let title = panel["title"] as? String ?? "?"
            if let id = panel["id"] as? Int { ids.insert(id) }
            let grid = try #require(panel["gridPos"] as? [String: Int], "\(title): gridPos")
            #expect(Set(grid.keys) == ["x", "y", "w", "h"], "\(title)")
            #expect((grid["x"] ?? 0) + (grid["w"] ?? 0) <= 24, "\(title) is wider than the grid")
            let datasource = try #require(panel["datasource"] as? [String: String], "\(title): datasource")
            #expect(datasource == ["type": "influxdb", "uid": "pharos-influxdb"], "\(title)")
            let targets = try #require(panel["targets"] as? [[String: Any]], "\(title): targets")
            #expect(!targets.isEmpty, "\(title)")
            for target in targets {
                #expect(target["refId"] is String, "\(title)")
                #expect(target["rawQuery"] as? Bool == true, "\(title)")
                let query = target["query"] as? String ?? ""
                for macro in ["$timeFilter", "$__interval", "$entity"] {
                    #expect(query.contains(macro), "\(title): \(query) does not use \(macro)")
                }
            }
        }
        #expect(ids.count == panels.count, "panel ids must be unique")
        let variable = Self.queries(dashboard).variable
        #expect(variable.hasPrefix("SHOW TAG VALUES FROM "), "\(name): entity variable")
    }

    @Test func provisioningPointsTheDashboardsAtTheSensuDatabase() throws {
        let datasource = try String(
            contentsOf: Self.grafana.appendingPathComponent("provisioning/datasources/pharos-influxdb.yaml"),
            encoding: .utf8)
        #expect(datasource.contains("uid: pharos-influxdb"))
        #expect(datasource.contains("type: influxdb"))
        #expect(datasource.contains("database: sensu"))
        let provider = try String(
            contentsOf: Self.grafana.appendingPathComponent("provisioning/dashboards/pharos.yaml"), encoding: .utf8)
        #expect(provider.contains("type: file"))
        #expect(provider.contains("path: /var/lib/grafana/dashboards/pharos"))
        let kustomization = try String(
            contentsOf: Self.grafana.appendingPathComponent("kustomization.yaml"), encoding: .utf8)
        #expect(kustomization.contains(#"grafana_dashboard: "1""#))
        for name in Self.dashboardNames { #expect(kustomization.contains("dashboards/\(name).json")) }
    }

    @Test(.enabled(if: CollectorIntegrationTests.canRun && Programs.installed(Programs.checkHTTP)))
    func everyPanelQueryReturnsSeriesFromRealData() async throws {
        try await PrometheusLab.with(nginx: true) { lab in
            try await InfluxServer.with { influx in
                _ = try await influx.query("CREATE DATABASE sensu")
                let backend = try BackendServer()
                defer { backend.stop() }
                try await backend.waitUntilReady()
                let pods = ["nginx-7d9c6f5b4-00001", "nginx-7d9c6f5b4-00002"]
                let node = "pharos-node-1"

                // Two rounds in different 10 s intervals, so that rates (derivatives) have two buckets.
                let first = Int(Date().timeIntervalSince1970) / 10
                try fillRound(lab: lab, influx: influx, backend: backend, pods: pods, node: node)
                try await Programs.wait(seconds: 11, "the next 10 s interval") {
                    Int(Date().timeIntervalSince1970) / 10 > first
                }
                try fillRound(lab: lab, influx: influx, backend: backend, pods: pods, node: node)

                let expected = ["check-nginx": pods[0], "node-exporter": node, "pharos-health": node]
                for name in Self.dashboardNames {
                    let (panels, variable) = Self.queries(try Self.dashboard(name))
                    let values = try await influx.rows(variable, database: "sensu").compactMap {
                        $0["value"] as? String
                    }
                    let entity = try #require(expected[name])
                    #expect(values.contains(entity), "\(name): \(variable) gave \(values)")
                    for (title, query) in panels {
                        let statement = Self.substitute(query, entity: entity)
                        let series = try await influx.series(statement, database: "sensu")
                        let values = series.flatMap { $0 }.filter { row in
                            row.contains { key, value in key != "time" && value is Double }
                        }
                        #expect(!values.isEmpty, "\(name) / \(title): no values from \(statement)")
                    }
                }
            }
        }
    }

    /// Grafana's substitutions for an InfluxQL query: `$timeFilter` → the dashboard's time range,
    /// `$__interval` → the computed interval (10 s here), `$entity` → the selected value, regex-escaped as Grafana
    /// formats a variable used inside `/…/`.
    static func substitute(_ query: String, entity: String) -> String {
        let escaped = entity.unicodeScalars.map { scalar -> String in
            "\\^$.|?*+()[]{}/-".unicodeScalars.contains(scalar) ? "\\\(scalar)" : String(scalar)
        }.joined()
        return query.replacingOccurrences(of: "$timeFilter", with: "time >= now() - 1h and time <= now()")
            .replacingOccurrences(of: "$__interval", with: "10s")
            .replacingOccurrences(of: "$entity", with: escaped)
    }

    /// One round of what the quickstart's checks produce: check-nginx in each pod (check_http perfdata through the
    /// seed's mutator and handler), node-prometheus and the backend's /metrics (the collector through the handler).
    private func fillRound(
        lab: PrometheusLab, influx: InfluxServer, backend: BackendServer, pods: [String], node: String
    ) throws {
        for pod in pods {
            let check = try Programs.run(
                Programs.checkHTTP, ["-H", "127.0.0.1", "-p", "\(lab.nginxPort)", "-u", "/ok", "-N"])
            #expect(check.status == 0, "\(check.stdout)")
            try Pipeline.handle(
                Pipeline.event(entity: pod, check: "check-nginx", output: check.stdout, format: .nagiosPerfdata),
                influx: influx, enrich: true)
        }
        for (check, url) in [("node-prometheus", lab.nodeExporterURL), ("pharos-metrics", backend.metricsURL)] {
            let collected = try Programs.run("pharos-prometheus-collector", ["-exporter-url", url])
            #expect(collected.status == 0, "\(collected.stderr)")
            try Pipeline.handle(
                Pipeline.event(entity: node, check: check, output: collected.stdout, format: .influxdbLine),
                influx: influx)
        }
    }
}

/// A real `pharos-backend` (initialised, started on free loopback ports) whose `/metrics` the collector scrapes.
final class BackendServer {
    let directory: URL
    let apiPort: Int
    private let daemon: Daemon

    var metricsURL: String { "http://127.0.0.1:\(apiPort)/metrics" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pharos-prom-backend-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        apiPort = try InfluxServer.freePort()
        let agentPort = try InfluxServer.freePort()
        // The dashboard's port (a backend serving one) goes on a free port too; a backend without it ignores these.
        let dashboard = [
            "PHAROS_BACKEND_DASHBOARD_HOST": "127.0.0.1",
            "PHAROS_BACKEND_DASHBOARD_PORT": "\(try InfluxServer.freePort())",
        ]
        let state = directory.appendingPathComponent("state").path
        let initialised = try Programs.run(
            "pharos-backend",
            [
                "init", "--state-dir", state, "--cluster-admin-username", "admin", "--cluster-admin-password",
                "P@ssw0rd!admin",
            ])
        try #require(initialised.status == 0, "pharos-backend init: \(initialised.stdout)\(initialised.stderr)")
        daemon = try Daemon(
            name: "backend", executable: Programs.binDirectory.appendingPathComponent("pharos-backend").path,
            arguments: [
                "start", "--state-dir", state, "--api-listen-address", "127.0.0.1:\(apiPort)", "--agent-host",
                "127.0.0.1", "--agent-port", "\(agentPort)",
            ], environment: dashboard, directory: directory)
    }

    func waitUntilReady() async throws {
        let url = metricsURL
        try await Programs.wait(seconds: 30, "pharos-backend /metrics\n\(daemon.log)") {
            Programs.fetch(url)?.contains("pharos_events_processed_total") == true
        }
    }

    func stop() {
        daemon.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
