import Foundation
import Testing

/// TTL (dead man's switch) and backend restarts with the real backend and real agents.
@Suite(.serialized) struct TTLIntegrationTests {
    static func ttlCheck(_ name: String, subscription: String, ttl: Int, publish: Bool = true) -> [String: Any] {
        [
            "metadata": ["name": name, "namespace": "default"], "command": "echo alive", "interval": 1,
            "publish": publish, "subscriptions": [subscription], "ttl": ttl,
        ]
    }

    static func status(_ event: [String: Any]?) -> Int? { event?.value("check", "status") as? Int }
    static func output(_ event: [String: Any]?) -> String { event?.value("check", "output") as? String ?? "" }

    @Test(.enabled(if: RuntimeCluster.canRun), .timeLimit(.minutes(3)))
    func ttlFailsAfterResultsStopAndRepeatsAndIsSuppressedByAFailingKeepalive() async throws {
        let cluster = try RuntimeCluster()
        try await cluster.startBackend()
        try cluster.startAgent("ttl-a", subscriptions: ["ttl-a"])
        try cluster.startAgent("ttl-b", subscriptions: ["ttl-b"], keepaliveInterval: 1, keepaliveTimeout: 5)
        #expect(try await cluster.waitForAgents(["ttl-a", "ttl-b"]), "\(cluster.backendLog())")
        try await cluster.put("checks", Self.ttlCheck("ttl-check", subscription: "ttl-a", ttl: 5))
        try await cluster.put("checks", Self.ttlCheck("ttl-quiet", subscription: "ttl-b", ttl: 15))
        #expect(
            try await cluster.eventually(seconds: 15) {
                let a = Self.status(try await cluster.event("ttl-a", "ttl-check"))
                let b = Self.status(try await cluster.event("ttl-b", "ttl-quiet"))
                return a == 0 && b == 0
            })
        // Results stop: after ttl the switch fires with a warning, then again every ttl.
        try await cluster.put("checks", Self.ttlCheck("ttl-check", subscription: "ttl-a", ttl: 5, publish: false))
        cluster.stopAgent("ttl-b", kill: true)
        #expect(
            try await cluster.eventually(seconds: 12) {
                Self.status(try await cluster.event("ttl-a", "ttl-check")) == 1
            }, "\(cluster.backendLog())")
        let first = try await cluster.event("ttl-a", "ttl-check")
        #expect(Self.output(first).hasPrefix("Last check execution was "))
        #expect(Self.output(first).hasSuffix(" seconds ago"))
        #expect(first?.value("check", "state") as? String == "failing")
        let firstExecuted = first?.value("check", "executed") as? Int ?? 0
        #expect(
            try await cluster.eventually(seconds: 12) {
                (try await cluster.event("ttl-a", "ttl-check")?.value("check", "executed") as? Int ?? 0)
                    >= firstExecuted + 5
            })
        let repeated = try await cluster.event("ttl-a", "ttl-check")
        #expect(Self.status(repeated) == 1)
        #expect((repeated?.value("check", "occurrences") as? Int ?? 0) >= 2)
        let seconds = Int(Self.output(repeated).split(separator: " ")[4]) ?? 0
        #expect(seconds >= 9, "\(Self.output(repeated))")

        // ttl-b's keepalive failed (timeout 5 s) before its ttl of 15 s: the TTL failure is suppressed.
        #expect(
            try await cluster.eventually(seconds: 15) {
                Self.status(try await cluster.event("ttl-b", "keepalive")) != 0
            })
        try await Task.sleep(for: .seconds(10))
        #expect(Self.status(try await cluster.event("ttl-b", "ttl-quiet")) == 0, "\(cluster.backendLog())")
    }

    @Test(
        .enabled(if: RuntimeCluster.canRun), .timeLimit(.minutes(3)))
    func restartUnderLoadKeepsStateAndRaisesNoFalseAlert() async throws {
        let cluster = try RuntimeCluster()
        try await cluster.startBackend()
        let agents = ["load-1", "load-2", "load-3"]
        for agent in agents {
            try cluster.startAgent(agent, subscriptions: ["load"], keepaliveInterval: 2, keepaliveTimeout: 20)
        }
        #expect(try await cluster.waitForAgents(agents), "\(cluster.backendLog())")
        for index in 1...5 {
            try await cluster.put("checks", Self.ttlCheck("load-\(index)", subscription: "load", ttl: 5))
        }
        try await cluster.put("checks", Self.ttlCheck("stopping", subscription: "entity:load-1", ttl: 8))
        #expect(
            try await cluster.eventually(seconds: 20) {
                let occurrences = try await cluster.event("load-3", "load-5")?.value("check", "occurrences") as? Int
                let stopping = Self.status(try await cluster.event("load-1", "stopping"))
                return (occurrences ?? 0) >= 3 && stopping == 0
            })
        // "stopping" stops reporting just before the restart: its persisted switch must still fire afterwards.
        try await cluster.put(
            "checks", Self.ttlCheck("stopping", subscription: "entity:load-1", ttl: 8, publish: false))
        var before: [String: Int] = [:]
        for agent in agents {
            for index in 1...5 {
                let event = try await cluster.event(agent, "load-\(index)")
                before["\(agent)/load-\(index)"] = (event?.value("check", "history") as? [Any])?.count ?? 0
            }
        }
        cluster.stopBackend()
        let stoppedAt = Int(Date().timeIntervalSince1970)
        try await Task.sleep(for: .seconds(6))  // longer than the checks' ttl (5 s)
        try await cluster.startBackend()
        // Stored state survived: every event is there with at least the history it had.
        for (key, count) in before {
            let parts = key.split(separator: "/").map(String.init)
            let event = try await cluster.event(parts[0], parts[1])
            #expect(((event?.value("check", "history") as? [Any])?.count ?? 0) >= count, "\(key)")
        }
        #expect(try await cluster.waitForAgents(agents, seconds: 30))
        // For 12 s after the restart: no TTL failure and no keepalive failure for the live checks.
        let watchUntil = Date().addingTimeInterval(12)
        while Date() < watchUntil {
            for agent in agents {
                #expect(Self.status(try await cluster.event(agent, "keepalive")) == 0, "keepalive \(agent)")
                for index in 1...5 {
                    let event = try await cluster.event(agent, "load-\(index)")
                    #expect(
                        Self.status(event) == 0,
                        "\(agent)/load-\(index): \(Self.output(event)) \(cluster.backendLog(lines: 20))")
                }
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        // Nothing failed in between either (a TTL failure followed by a result would leave status 0 but a 1 in
        // the history), including while the agents were reconnecting.
        for agent in agents {
            for index in 1...5 {
                let history =
                    try await cluster.event(agent, "load-\(index)")?.value("check", "history") as? [[String: Any]]
                let failed = (history ?? []).filter {
                    ($0["executed"] as? Int ?? 0) >= stoppedAt && ($0["status"] as? Int ?? 0) != 0
                }
                #expect(failed.isEmpty, "\(agent)/load-\(index): \(failed)")
            }
        }
        // The stopped check's switch survived the restart and fires (at most two ttl of 8 s after the load).
        #expect(
            try await cluster.eventually(seconds: 20) {
                Self.status(try await cluster.event("load-1", "stopping")) == 1
            }, "\(cluster.backendLog())")
    }
}
