import Foundation
import PharosCore
import Testing

/// `entity_config` from a real backend: API edits reach the connected agent and change its subscriptions without
/// a reconnect; an `--agent-managed-entity` agent's entity refuses API updates with 409.
@Suite(.serialized) struct EntityConfigTests {
    @Test func subscriptionsChangeLiveWithoutReconnecting() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let agent = try AgentProcess(
            name: "live-1", arguments: ["--backend-url", backend.agentURL, "--subscriptions", "a"])
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")
        let check = #"""
            {"metadata":{"name":"live-check","namespace":"default"},"command":"echo live","interval":1,
             "subscriptions":["b"],"publish":true}
            """#
        let created = try backend.api("PUT", "/api/core/v2/namespaces/default/checks/live-check", json: check)
        #expect(created.status == 201 || created.status == 200, "\(created)")
        // Wait for the entity to be registered, then move it to subscription b through the API.
        var entity = try backend.api("GET", "/api/core/v2/namespaces/default/entities/live-1")
        for _ in 0..<50 where entity.status != 200 {
            try await Task.sleep(for: .milliseconds(200))
            entity = try backend.api("GET", "/api/core/v2/namespaces/default/entities/live-1")
        }
        var stored = try JSONDecoder().decode(Entity.self, from: Data(entity.body.utf8))
        stored.subscriptions = ["b"]
        let updated = try backend.api(
            "PUT", "/api/core/v2/namespaces/default/entities/live-1",
            json: String(decoding: try JSONEncoder().encode(stored), as: UTF8.self))
        #expect(updated.status == 200 || updated.status == 201, "\(updated)")

        var event = try backend.api("GET", "/api/core/v2/namespaces/default/events/live-1/live-check")
        for _ in 0..<75 where event.status != 200 {
            try await Task.sleep(for: .milliseconds(200))
            event = try backend.api("GET", "/api/core/v2/namespaces/default/events/live-1/live-check")
        }
        #expect(event.status == 200, "no live-check result:\n\(agent.log.suffix(2000))\n\(backend.log.suffix(2000))")
        #expect(event.body.contains(#""output":"live\n""#))
        #expect(agent.log.components(separatedBy: "connected to backend").count == 2, "the agent reconnected")
        #expect(agent.stop() == 0)
    }

    @Test func agentManagedEntityRefusesAPIUpdates() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let agent = try AgentProcess(
            name: "managed-1", arguments: ["--backend-url", backend.agentURL, "--agent-managed-entity"])
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")
        var entity = try backend.api("GET", "/api/core/v2/namespaces/default/entities/managed-1")
        for _ in 0..<50 where entity.status != 200 {
            try await Task.sleep(for: .milliseconds(200))
            entity = try backend.api("GET", "/api/core/v2/namespaces/default/entities/managed-1")
        }
        let stored = try JSONDecoder().decode(Entity.self, from: Data(entity.body.utf8))
        #expect(stored.metadata.labels["sensu.io/managed_by"] == "sensu-agent")
        let updated = try backend.api(
            "PUT", "/api/core/v2/namespaces/default/entities/managed-1",
            json: String(decoding: try JSONEncoder().encode(stored), as: UTF8.self))
        #expect(updated.status == 409)
        #expect(updated.body.contains("managed by its agent"))
        #expect(agent.stop() == 0)
    }
}
