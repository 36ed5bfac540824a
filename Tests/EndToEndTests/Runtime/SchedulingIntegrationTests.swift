import Foundation
import Testing

/// Round robin, adhoc execution, check updates and deletion with the real backend and real agents.
@Suite(.serialized) struct SchedulingIntegrationTests {
    static func check(
        _ name: String, command: String, interval: Int = 1, subscriptions: [String], publish: Bool = true,
        extra: [String: Any] = [:]
    ) -> [String: Any] {
        var body: [String: Any] = [
            "metadata": ["name": name, "namespace": "default"], "command": command, "interval": interval,
            "subscriptions": subscriptions, "publish": publish,
        ]
        for (key, value) in extra { body[key] = value }
        return body
    }

    @Test(.enabled(if: RuntimeCluster.canRun), .timeLimit(.minutes(3)))
    func roundRobinGivesEachOfThreeAgentsEveryThirdFire() async throws {
        let cluster = try RuntimeCluster()
        try await cluster.startBackend()
        let names = ["rr-a", "rr-b", "rr-c"]
        for name in names { try cluster.startAgent(name, subscriptions: ["rr"]) }
        #expect(try await cluster.waitForAgents(names), "\(cluster.backendLog())")
        let file = cluster.path("rr.log")
        try await cluster.put(
            "checks",
            Self.check(
                "rr-check", command: "echo {{ .name }} >> \(file)", subscriptions: ["rr"],
                extra: ["round_robin": true]))
        let enough = try await cluster.eventually(seconds: 40) { cluster.lines("rr.log").count >= 10 }
        try await cluster.request("DELETE", "/api/core/v2/namespaces/default/checks/rr-check")
        #expect(enough, "\(cluster.backendLog())")
        let lines = cluster.lines("rr.log")
        // One agent per fire, rotating over the three sorted agents: every window of three fires holds each agent
        // once, so fire i and fire i+3 ran on the same agent.
        #expect(Set(lines.prefix(3)) == Set(names), "\(lines)")
        for index in 0..<(lines.count - 3) {
            #expect(lines[index] == lines[index + 3], "fire \(index): \(lines)")
        }
        for name in names {
            let count = lines.filter { $0 == name }.count
            #expect(abs(count * 3 - lines.count) <= 3, "\(name) ran \(count) of \(lines.count)")
        }
    }

    @Test(.enabled(if: RuntimeCluster.canRun), .timeLimit(.minutes(3)))
    func adhocExecutionUpdatesAndDeletion() async throws {
        let cluster = try RuntimeCluster()
        try await cluster.startBackend()
        let names = ["ad-a", "ad-b", "ad-c"]
        for name in names { try cluster.startAgent(name, subscriptions: ["web"]) }
        #expect(try await cluster.waitForAgents(names), "\(cluster.backendLog())")

        // Adhoc: publish false and round robin are ignored; every subscriber runs it once.
        let adhocFile = cluster.path("adhoc.log")
        try await cluster.put(
            "checks",
            Self.check(
                "adhoc-check", command: "echo {{ .name }} >> \(adhocFile)", interval: 60, subscriptions: ["web"],
                publish: false, extra: ["round_robin": true]))
        let execute = "/api/core/v2/namespaces/default/checks/adhoc-check/execute"
        let (body, status) = try await cluster.request(
            "POST", execute, json: ["check": "adhoc-check", "reason": "test"])
        #expect(status == 202)
        let answer = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        #expect((answer?["issued"] as? Double ?? 0) > 1_700_000_000)
        #expect(try await cluster.eventually(seconds: 15) { cluster.lines("adhoc.log").count >= 3 })
        try await Task.sleep(for: .seconds(1))
        #expect(cluster.lines("adhoc.log").sorted() == names)

        // Subscriptions override: only the named agent.
        let (_, overridden) = try await cluster.request(
            "POST", execute, json: ["check": "adhoc-check", "subscriptions": ["entity:ad-b"]])
        #expect(overridden == 202)
        #expect(try await cluster.eventually(seconds: 15) { cluster.lines("adhoc.log").count >= 4 })
        try await Task.sleep(for: .seconds(1))
        #expect(cluster.lines("adhoc.log").count == 4)
        #expect(cluster.lines("adhoc.log").last == "ad-b")

        // Errors: unknown check 404, mismatched name 400.
        let (_, missing) = try await cluster.request(
            "POST", "/api/core/v2/namespaces/default/checks/nope/execute", json: ["check": "nope"])
        #expect(missing == 404)
        let (_, mismatch) = try await cluster.request("POST", execute, json: ["check": "other"])
        #expect(mismatch == 400)

        // An update takes effect on the next fire; deleting the check stops it.
        let versionFile = cluster.path("version.log")
        try await cluster.put(
            "checks",
            Self.check("versioned", command: "echo v1 >> \(versionFile)", subscriptions: ["entity:ad-a"]))
        #expect(try await cluster.eventually(seconds: 15) { cluster.lines("version.log").contains("v1") })
        try await cluster.put(
            "checks",
            Self.check("versioned", command: "echo v2 >> \(versionFile)", subscriptions: ["entity:ad-a"]))
        #expect(try await cluster.eventually(seconds: 15) { cluster.lines("version.log").suffix(2) == ["v2", "v2"] })
        let (_, deleted) = try await cluster.request("DELETE", "/api/core/v2/namespaces/default/checks/versioned")
        #expect(deleted == 204)
        try await Task.sleep(for: .seconds(2))
        let settled = cluster.lines("version.log").count
        try await Task.sleep(for: .seconds(3))
        #expect(cluster.lines("version.log").count == settled)
        let updatedAt = cluster.lines("version.log").firstIndex(of: "v2") ?? 0
        #expect(!cluster.lines("version.log")[updatedAt...].contains("v1"))
    }
}
