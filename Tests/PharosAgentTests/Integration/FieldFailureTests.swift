import Foundation
import PharosCore
import Testing

/// Field failures of issue #18 that need a real agent and a real backend.
@Suite(.serialized) struct FieldFailureTests {
    /// Waits up to `seconds` for the stored event of `entity`/`check` that satisfies `accept`.
    func storedEvent(
        _ backend: BackendProcess, entity: String, check: String, seconds: Double = 20,
        accept: (Event) -> Bool = { _ in true }
    ) async throws -> Event? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let (status, body) = try backend.api("GET", "/api/core/v2/namespaces/default/events/\(entity)/\(check)")
            if status == 200, let event = try? JSONDecoder().decode(Event.self, from: Data(body.utf8)), accept(event) {
                return event
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        return nil
    }

    /// Item 3: a check printing 3 MiB was lost (the backend closed the WebSocket with messageTooLarge, the agent
    /// reconnected, nothing stored, "agent disconnected" only). Now it is stored truncated to the agent's 1 MiB
    /// output cap with `sensu.io/output_truncated_bytes`, and `max_output_size: 1024` is honoured by the agent.
    @Test func checkResultsOverOneMebibyteAreStoredTruncatedWithoutAReconnect() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let agent = try AgentProcess(
            name: "big-1", arguments: ["--backend-url", backend.agentURL, "--subscriptions", "big"])
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")
        let checks = [
            #"{"metadata":{"name":"huge","namespace":"default"},"command":"head -c 3145728 /dev/zero | tr '\\0' x","#
                + #""interval":2,"subscriptions":["big"],"publish":true}"#,
            #"{"metadata":{"name":"capped","namespace":"default"},"command":"head -c 5000 /dev/zero | tr '\\0' y","#
                + #""interval":2,"subscriptions":["big"],"publish":true,"max_output_size":1024}"#,
        ]
        for (name, json) in zip(["huge", "capped"], checks) {
            let created = try backend.api("PUT", "/api/core/v2/namespaces/default/checks/\(name)", json: json)
            #expect(created.status == 201 || created.status == 200, "\(created)")
        }
        let huge = try #require(
            await storedEvent(backend, entity: "big-1", check: "huge"),
            "huge result never stored:\n\(agent.log.suffix(2000))\n\(backend.log.suffix(2000))")
        #expect(huge.check?.output.utf8.count == 1 << 20)
        #expect(huge.check?.output.allSatisfy { $0 == "x" } == true)
        #expect(huge.check?.metadata.labels["sensu.io/output_truncated_bytes"] == "2097152")
        let capped = try #require(await storedEvent(backend, entity: "big-1", check: "capped"))
        #expect(capped.check?.output == String(repeating: "y", count: 1024))
        #expect(capped.check?.metadata.labels["sensu.io/output_truncated_bytes"] == "3976")
        // A second result of each arrives over the same connection: no reconnect loop.
        let again = try #require(
            await storedEvent(backend, entity: "big-1", check: "huge") { ($0.check?.occurrences ?? 0) >= 2 })
        #expect(again.check?.output.utf8.count == 1 << 20)
        #expect(agent.log.components(separatedBy: "connected to backend").count == 2, "the agent reconnected")
        #expect(!backend.log.contains("agent disconnected"))
        #expect(agent.stop() == 0)
        backend.stop()
        #expect(backend.log.contains("agent disconnected"))
        #expect(backend.log.contains("reason"))
    }
}
