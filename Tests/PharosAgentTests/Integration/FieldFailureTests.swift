import Foundation
import PharosCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

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

    /// The stored entity `name`, waiting up to 10 s until `accept` holds.
    func storedEntity(
        _ backend: BackendProcess, _ name: String, accept: (Entity) -> Bool = { _ in true }
    ) async throws -> Entity? {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let (status, body) = try backend.api("GET", "/api/core/v2/namespaces/default/entities/\(name)")
            if status == 200, let entity = try? JSONDecoder().decode(Entity.self, from: Data(body.utf8)),
                accept(entity)
            {
                return entity
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    /// Starts an agent named `name` and waits until it is connected.
    func startAgent(_ name: String, _ backend: BackendProcess, _ arguments: [String]) async throws -> AgentProcess {
        let agent = try AgentProcess(name: name, arguments: ["--backend-url", backend.agentURL] + arguments)
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")
        return agent
    }

    /// Item 6 (a)(b): a restarted agent's new labels/subscriptions were ignored silently, and
    /// `--agent-managed-entity` did not take an existing entity over. Now: one warning naming the entity and the
    /// ignored fields; the flag applies the agent's configuration at its first keepalive (API PUT 409); dropping
    /// the flag hands ownership back.
    @Test func entityOwnershipFollowsTheAgentManagedEntityFlag() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        var agent = try await startAgent("own-1", backend, ["--labels", "tier=web", "--subscriptions", "linux"])
        _ = try #require(await storedEntity(backend, "own-1"))
        #expect(agent.stop() == 0)

        agent = try await startAgent("own-1", backend, ["--labels", "tier=db", "--subscriptions", "postgres"])
        let kept = try #require(await storedEntity(backend, "own-1"))
        #expect(kept.metadata.labels["tier"] == "web")
        #expect(kept.subscriptions == ["linux", "entity:own-1"])
        let warning = #"agent configuration of entity \"own-1\" ignored (labels, subscriptions)"#
        #expect(
            backend.log.contains(warning) || backend.log.contains(#"agent configuration of entity "own-1" ignored"#),
            "\(backend.log.suffix(3000))")
        #expect(backend.log.contains("--agent-managed-entity"))
        #expect(agent.stop() == 0)

        agent = try await startAgent(
            "own-1", backend, ["--labels", "tier=db", "--subscriptions", "postgres", "--agent-managed-entity"])
        let managed = try #require(
            await storedEntity(backend, "own-1") { $0.metadata.labels["tier"] == "db" },
            "not taken over:\n\(backend.log.suffix(3000))")
        #expect(managed.metadata.labels["sensu.io/managed_by"] == "sensu-agent")
        #expect(managed.subscriptions == ["postgres", "entity:own-1"])
        let body = String(decoding: try JSONEncoder().encode(managed), as: UTF8.self)
        #expect(try backend.api("PUT", "/api/core/v2/namespaces/default/entities/own-1", json: body).status == 409)
        #expect(agent.stop() == 0)

        agent = try await startAgent("own-1", backend, ["--labels", "tier=db", "--subscriptions", "postgres"])
        let handedBack = try #require(
            await storedEntity(backend, "own-1") { $0.metadata.labels["sensu.io/managed_by"] == nil })
        #expect(handedBack.metadata.labels["tier"] == "db")
        let update = String(decoding: try JSONEncoder().encode(handedBack), as: UTF8.self)
        let put = try backend.api("PUT", "/api/core/v2/namespaces/default/entities/own-1", json: update)
        #expect(put.status == 200 || put.status == 201, "\(put)")
        #expect(agent.stop() == 0)
    }

    /// Item 6 (c): a `--deregister` agent SIGKILLed and restarted at once with other subscriptions kept the old
    /// ones. A `deregister: true` entity is ephemeral: the connecting agent's configuration replaces it.
    @Test func aKilledDeregisterAgentRestartedAtOnceGetsItsNewSubscriptions() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let first = try await startAgent("eph-1", backend, ["--deregister", "--subscriptions", "old"])
        _ = try #require(await storedEntity(backend, "eph-1"))
        kill(first.pid, SIGKILL)
        let second = try await startAgent("eph-1", backend, ["--deregister", "--subscriptions", "new"])
        let replaced = try #require(
            await storedEntity(backend, "eph-1") { $0.subscriptions.contains("new") },
            "kept the old subscriptions:\n\(backend.log.suffix(3000))")
        #expect(replaced.subscriptions == ["new", "entity:eph-1"])
        #expect(second.stop() == 0)
    }
}
