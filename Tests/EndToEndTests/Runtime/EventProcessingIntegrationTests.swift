import Foundation
import Testing

/// Event processing and the pipeline in the real backend: silencing (agent vs proxy rules), `expire_on_resolve`,
/// flapping, an occurrences filter (alert fatigue), `max_output_size`, and a set handler of a tcp and a pipe
/// handler receiving the mutated payload. Events are submitted through the events API so sequences are exact.
@Suite(.serialized) struct EventProcessingIntegrationTests {
    static func event(
        entity: String, entityClass: String = "agent", entitySubscriptions: [String] = [], check: String,
        status: Int, output: String = "out", checkSubscriptions: [String] = [], handlers: [String] = [],
        extra: [String: Any] = [:]
    ) -> [String: Any] {
        var checkBody: [String: Any] = [
            "metadata": ["name": check, "namespace": "default"], "status": status, "output": output,
            "subscriptions": checkSubscriptions, "handlers": handlers, "interval": 60,
        ]
        for (key, value) in extra { checkBody[key] = value }
        return [
            "entity": [
                "metadata": ["name": entity, "namespace": "default"], "entity_class": entityClass,
                "subscriptions": entitySubscriptions,
            ],
            "check": checkBody,
        ]
    }

    static func post(_ cluster: RuntimeCluster, _ body: [String: Any]) async throws {
        let (data, status) = try await cluster.request("POST", "/api/core/v2/namespaces/default/events", json: body)
        #expect(status == 201, "\(String(decoding: data, as: UTF8.self))")
    }

    @Test(.enabled(if: RuntimeCluster.canRun), .timeLimit(.minutes(3)))
    func setHandlerFiltersMutatorAndTruncation() async throws {
        let cluster = try RuntimeCluster()
        let listener = try LoopbackListener()
        defer { listener.close() }
        try await cluster.startBackend()
        let pipeFile = cluster.path("pipe.log")
        try await cluster.put(
            "mutators", ["metadata": ["name": "tag", "namespace": "default"], "command": "printf 'MUTATED '; cat"])
        try await cluster.put(
            "filters",
            [
                "metadata": ["name": "fatigue", "namespace": "default"], "action": "allow",
                "expressions": ["event.check.occurrences == 1 || event.check.occurrences % 3 == 0"],
            ])
        try await cluster.put(
            "handlers",
            [
                "metadata": ["name": "to-file", "namespace": "default"], "type": "pipe",
                "command": "cat >> \(pipeFile); echo >> \(pipeFile)", "mutator": "tag",
                "filters": ["is_incident", "not_silenced", "fatigue"],
            ])
        try await cluster.put(
            "handlers",
            [
                "metadata": ["name": "to-tcp", "namespace": "default"], "type": "tcp", "mutator": "tag",
                "socket": ["host": "127.0.0.1", "port": listener.port], "filters": ["is_incident"],
            ])
        try await cluster.put(
            "handlers",
            ["metadata": ["name": "all", "namespace": "default"], "type": "set", "handlers": ["to-file", "to-tcp"]])

        // Six failures in a row: the tcp handler gets all six, the fatigue filter lets occurrences 1, 3 and 6 through.
        let long = String(repeating: "x", count: 40) + "END"
        for _ in 1...6 {
            try await Self.post(
                cluster,
                Self.event(
                    entity: "web-1", check: "check-fail", status: 2, output: long, handlers: ["all"],
                    extra: ["max_output_size": 10]))
        }
        #expect(try await cluster.eventually(seconds: 20) { listener.payloads.count >= 6 }, "\(cluster.backendLog())")
        #expect(try await cluster.eventually(seconds: 10) { cluster.lines("pipe.log").count >= 3 })
        try await Task.sleep(for: .seconds(1))
        let piped = cluster.lines("pipe.log")
        #expect(piped.count == 3, "\(piped)")
        #expect(listener.payloads.count == 6)
        for payload in piped + listener.payloads {
            #expect(payload.hasPrefix("MUTATED {"))
            // Handlers get the untruncated output.
            #expect(payload.contains(long))
        }
        let occurrences = piped.compactMap { line -> Int? in
            let json = try? JSONSerialization.jsonObject(with: Data(line.dropFirst("MUTATED ".count).utf8))
            return (json as? [String: Any])?.value("check", "occurrences") as? Int
        }
        #expect(occurrences == [1, 3, 6])
        // The stored event's output is truncated with the label giving the dropped bytes.
        let stored = try await cluster.event("web-1", "check-fail")
        #expect(stored?.value("check", "output") as? String == String(repeating: "x", count: 10))
        #expect(
            (stored?.value("check", "metadata", "labels") as? [String: Any])?["sensu.io/output_truncated_bytes"]
                as? String == "33")
    }

    @Test(.enabled(if: RuntimeCluster.canRun), .timeLimit(.minutes(3)))
    func silencingExpireOnResolveAndFlapping() async throws {
        let cluster = try RuntimeCluster()
        try await cluster.startBackend()
        let pipeFile = cluster.path("alerts.log")
        try await cluster.put(
            "handlers",
            [
                "metadata": ["name": "alert", "namespace": "default"], "type": "pipe",
                "command": "cat >> \(pipeFile); echo >> \(pipeFile)", "filters": ["not_silenced"],
            ])
        // Agent events: a subscription silence applies when the entity has the subscription (issue 18 item 8).
        try await cluster.put(
            "silenced",
            [
                "metadata": ["name": "linux:check-disk", "namespace": "default"], "subscription": "linux",
                "check": "check-disk", "expire_on_resolve": true,
            ])
        try await cluster.put(
            "silenced",
            ["metadata": ["name": "db:*", "namespace": "default"], "subscription": "db"])
        try await Self.post(
            cluster,
            Self.event(
                entity: "srv-1", entitySubscriptions: ["linux"], check: "check-disk", status: 2,
                checkSubscriptions: ["linux"], handlers: ["alert"]))
        let silenced = try await cluster.event("srv-1", "check-disk")
        #expect(silenced?.value("check", "silenced") as? [String] == ["linux:check-disk"])
        #expect(silenced?.value("check", "is_silenced") as? Bool == true)
        // Agent event whose check lists "db" but whose entity does not: the db silence does not apply.
        try await Self.post(
            cluster,
            Self.event(
                entity: "srv-1", entitySubscriptions: ["linux"], check: "check-cpu", status: 2,
                checkSubscriptions: ["linux", "db"], handlers: ["alert"]))
        #expect(try await cluster.event("srv-1", "check-cpu")?.value("check", "is_silenced") as? Bool == false)
        // Proxy event: an entity subscription is enough.
        try await Self.post(
            cluster,
            Self.event(
                entity: "db-proxy", entityClass: "proxy", entitySubscriptions: ["db"], check: "check-db", status: 2,
                checkSubscriptions: ["other"], handlers: ["alert"]))
        #expect(
            try await cluster.event("db-proxy", "check-db")?.value("check", "silenced") as? [String] == ["db:*"])
        // not_silenced: only the check-cpu alert reaches the handler.
        #expect(try await cluster.eventually(seconds: 10) { cluster.lines("alerts.log").count >= 1 })
        try await Task.sleep(for: .seconds(1))
        #expect(cluster.lines("alerts.log").count == 1)
        #expect(cluster.lines("alerts.log").first?.contains("\"check-cpu\"") == true)

        // Resolution deletes the expire_on_resolve silence.
        try await Self.post(
            cluster,
            Self.event(
                entity: "srv-1", entitySubscriptions: ["linux", "db"], check: "check-disk", status: 0,
                checkSubscriptions: ["linux"], handlers: ["alert"]))
        let (_, gone) = try await cluster.request("GET", "/api/core/v2/namespaces/default/silenced/linux:check-disk")
        #expect(gone == 404)
        let (_, kept) = try await cluster.request("GET", "/api/core/v2/namespaces/default/silenced/db:*")
        #expect(kept == 200)

        // Flapping: 21 alternating results with thresholds 20/30.
        for index in 0..<21 {
            try await Self.post(
                cluster,
                Self.event(
                    entity: "srv-2", check: "check-flap", status: index % 2 == 0 ? 0 : 2,
                    extra: ["low_flap_threshold": 20, "high_flap_threshold": 30]))
        }
        let flapping = try await cluster.event("srv-2", "check-flap")
        #expect(flapping?.value("check", "state") as? String == "flapping")
        #expect((flapping?.value("check", "total_state_change") as? Int ?? 0) >= 30)
    }
}
