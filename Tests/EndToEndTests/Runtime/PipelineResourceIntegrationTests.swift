import Foundation
import Testing

/// `Pipeline` resources in the real backend: workflows of built-in filters → mutator → handler referenced by
/// `check.pipelines`, failures logged with the entity and check, handler definition changes picked up.
@Suite(.serialized) struct PipelineResourceIntegrationTests {
    static func reference(_ name: String, _ type: String) -> [String: Any] {
        ["name": name, "type": type, "api_version": "core/v2"]
    }

    @Test(.enabled(if: RuntimeCluster.canRun), .timeLimit(.minutes(3)))
    func workflowsFilterMutateAndHandle() async throws {
        let cluster = try RuntimeCluster()
        try await cluster.startBackend()
        let incidents = cluster.path("incidents.log")
        try await cluster.put(
            "handlers",
            [
                "metadata": ["name": "incident-file", "namespace": "default"], "type": "pipe",
                "command": "cat >> \(incidents); echo >> \(incidents)",
            ])
        try await cluster.put(
            "handlers",
            ["metadata": ["name": "broken", "namespace": "default"], "type": "pipe", "command": "exit 3"])
        try await cluster.put(
            "pipelines",
            [
                "metadata": ["name": "incidents", "namespace": "default"],
                "workflows": [
                    [
                        "name": "page",
                        "filters": [
                            Self.reference("is_incident", "EventFilter"), Self.reference("not_silenced", "EventFilter"),
                        ],
                        "mutator": Self.reference("only_check_output", "Mutator"),
                        "handler": Self.reference("incident-file", "Handler"),
                    ],
                    [
                        "name": "metrics-only", "filters": [Self.reference("has_metrics", "EventFilter")],
                        "handler": Self.reference("incident-file", "Handler"),
                    ],
                    ["name": "fails", "handler": Self.reference("broken", "Handler")],
                ],
            ])
        func post(_ status: Int, _ output: String) async throws {
            let body: [String: Any] = [
                "entity": ["metadata": ["name": "app-1", "namespace": "default"], "entity_class": "agent"],
                "check": [
                    "metadata": ["name": "check-app", "namespace": "default"], "status": status, "output": output,
                    "interval": 60, "pipelines": [Self.reference("incidents", "Pipeline")],
                ],
            ]
            let (_, code) = try await cluster.request("POST", "/api/core/v2/namespaces/default/events", json: body)
            #expect(code == 201)
        }
        try await post(0, "fine")  // not an incident, no metrics: nothing written
        try await post(2, "down")  // incident: only_check_output payload
        try await post(0, "back")  // resolution: is_incident passes
        #expect(try await cluster.eventually(seconds: 10) { cluster.lines("incidents.log").count >= 2 })
        try await Task.sleep(for: .seconds(1))
        #expect(cluster.lines("incidents.log") == ["down", "back"])
        // The failing workflow is logged with the entity and check, for each of the three events.
        let failures = cluster.backendLog(lines: 100_000).split(separator: "\n").filter {
            $0.contains("handler failed") && $0.contains("entity.name=app-1") && $0.contains("check.name=check-app")
                && $0.contains("handler.name=broken")
        }
        #expect(failures.count == 3, "\(cluster.backendLog())")

        // A changed handler definition is used for later events (cache refresh ≤ 1 s).
        let changed = cluster.path("changed.log")
        try await cluster.put(
            "handlers",
            [
                "metadata": ["name": "incident-file", "namespace": "default"], "type": "pipe",
                "command": "cat >> \(changed); echo >> \(changed)",
            ])
        try await Task.sleep(for: .milliseconds(1500))
        try await post(2, "again")
        #expect(try await cluster.eventually(seconds: 10) { cluster.lines("changed.log") == ["again"] })
        #expect(cluster.lines("incidents.log") == ["down", "back"])
    }
}
