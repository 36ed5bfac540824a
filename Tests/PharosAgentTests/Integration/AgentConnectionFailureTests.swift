import Foundation
import Testing

/// The real agent binary against broken endpoints: a backend that never answers the handshake, one that goes
/// silent after the upgrade, and one that answers 429; each failure is logged with its reason and retried.
@Suite(.serialized) struct AgentConnectionFailureTests {
    /// Waits until `condition` holds or `seconds` pass.
    func wait(seconds: Double, until condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return condition()
    }

    @Test func handshakeTimeoutIsLoggedAndRetried() async throws {
        let fake = try MisbehavingBackend(.silent)
        let agent = try AgentProcess(
            name: "handshake-1",
            arguments: ["--backend-url", fake.url, "--backend-handshake-timeout", "2", "--retry-max", "1s"])
        let reason = "WebSocket handshake with the backend not completed within 2.0 seconds (backend-handshake-timeout)"
        let retried = try await wait(seconds: 15) {
            agent.log.components(separatedBy: reason).count > 2 && fake.connections.count >= 2
        }
        #expect(retried, "agent log:\n\(agent.log.suffix(3000))")
        #expect(agent.health() == 503)
        #expect(agent.stop() == 0)
    }

    @Test func silentBackendIsDroppedAfterTheHeartbeatTimeout() async throws {
        let fake = try MisbehavingBackend(.upgradeThenSilent)
        let agent = try AgentProcess(
            name: "heartbeat-1",
            arguments: [
                "--backend-url", fake.url, "--backend-heartbeat-interval", "1", "--backend-heartbeat-timeout", "2",
                "--retry-max", "1s",
            ])
        let dropped = try await wait(seconds: 20) {
            agent.log.contains("answered no heartbeat ping") && fake.connections.count >= 2
        }
        #expect(dropped, "agent log:\n\(agent.log.suffix(3000))")
        #expect(agent.log.contains("connected to backend"))
        let connections = fake.connections
        print("heartbeat: reconnected after \(connections.count > 1 ? connections[1] - connections[0] : 0) s")
        #expect(agent.stop() == 0)
    }

    @Test func tooManyRequestsDoublesTheRetryDelay() async throws {
        let fake = try MisbehavingBackend(.tooManyRequests)
        let agent = try AgentProcess(
            name: "throttled-1",
            arguments: [
                "--backend-url", fake.url, "--retry-min", "1s", "--retry-max", "1s", "--retry-multiplier", "1",
            ])
        let throttled = try await wait(seconds: 15) {
            agent.log.components(separatedBy: "delay=2.0 seconds").count > 2
        }
        #expect(throttled, "agent log:\n\(agent.log.suffix(3000))")
        #expect(agent.log.contains("(HTTP 429)"))
        #expect(!agent.log.contains("delay=1.0 seconds"))
        #expect(agent.stop() == 0)
    }
}
