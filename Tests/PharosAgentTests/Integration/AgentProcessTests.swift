import Foundation
import PharosAgent
import PharosCore
import Testing

/// The real `pharos-agent` binary against a real `pharos-backend` process: the local API, the event socket,
/// StatsD, failover, and a backend outage.
@Suite(.serialized) struct AgentProcessTests {
    /// Reads the backend's stored event for `entity`/`check`, waiting up to `seconds` for it to appear.
    func storedEvent(_ backend: BackendProcess, entity: String, check: String, seconds: Double = 10) async throws
        -> Event?
    {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let (status, body) = try backend.api("GET", "/api/core/v2/namespaces/default/events/\(entity)/\(check)")
            if status == 200 { return try JSONDecoder().decode(Event.self, from: Data(body.utf8)) }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    @Test func apiAndEventSocketEventsReachTheBackend() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let agent = try AgentProcess(name: "local-1", arguments: ["--backend-url", backend.agentURL])
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")

        let accepted = try agent.postEvent(
            #"{"check":{"metadata":{"name":"api-check"},"output":"from api","status":1}}"#)
        #expect(accepted.status == 202)
        let invalid = try agent.postEvent(#"{"check":{"metadata":{"name":"bad name!"},"status":1}}"#)
        #expect(invalid.status == 400)
        #expect(invalid.body.contains("check.metadata.name"))
        let mistyped = try agent.postEvent(#"{"check":{"status":"two"}}"#)
        #expect(mistyped.status == 400)
        #expect(mistyped.body.contains("check.status"))
        let empty = try agent.postEvent("{}")
        #expect(empty.status == 400)
        #expect(empty.body == #"{"message":"check: an event must contain a check or metrics"}"#)

        #expect(try LoopbackSocket.tcp(agent.socketPort, send: " ping ") == "pong")
        #expect(
            try LoopbackSocket.tcp(agent.socketPort, send: #"{"name":"tcp-check","output":"from tcp","status":2}"#)
                == "ok")
        #expect(try LoopbackSocket.tcp(agent.socketPort, send: #"{"name":"no-output"}"#, halfClose: true) == "invalid")
        try LoopbackSocket.udp(agent.socketPort, send: #"{"name":"udp-check","output":"from udp","status":1}"#)
        // Field failure #18 item 14: `ttl` and `timeout` on the socket were dropped (stored as 0).
        #expect(
            try LoopbackSocket.tcp(
                agent.socketPort, send: #"{"name":"tcp-ttl","output":"t","status":0,"ttl":30,"timeout":7}"#) == "ok")
        try LoopbackSocket.udp(
            agent.socketPort, send: #"{"name":"udp-ttl","output":"u","status":0,"ttl":40,"timeout":9}"#)

        let api = try #require(await storedEvent(backend, entity: "local-1", check: "api-check"))
        #expect(api.check?.output == "from api")
        #expect(api.check?.status == 1)
        #expect(api.check?.config.interval == 1)
        #expect(api.check?.processedBy == "local-1")
        let tcp = try #require(await storedEvent(backend, entity: "local-1", check: "tcp-check"))
        #expect(tcp.check?.output == "from tcp")
        #expect(tcp.check?.status == 2)
        let udp = try #require(await storedEvent(backend, entity: "local-1", check: "udp-check"))
        #expect(udp.check?.output == "from udp")
        let tcpTTL = try #require(await storedEvent(backend, entity: "local-1", check: "tcp-ttl"))
        #expect(tcpTTL.check?.config.ttl == 30)
        #expect(tcpTTL.check?.config.timeout == 7)
        let udpTTL = try #require(await storedEvent(backend, entity: "local-1", check: "udp-ttl"))
        #expect(udpTTL.check?.config.ttl == 40)
        #expect(udpTTL.check?.config.timeout == 9)

        let metrics = try backend.curl(["-s", "http://127.0.0.1:\(agent.apiPort)/metrics"]).output
        #expect(metrics.contains("pharos_agent_api_events_accepted_total 1"))
        #expect(metrics.contains("pharos_agent_api_events_rejected_total 3"))
        let version = try backend.curl(["-s", "http://127.0.0.1:\(agent.apiPort)/version"]).output
        #expect(version == #"{"version":"\#(AgentVersion.current)"}"#)

        backend.stop()
        #expect(try await agent.waitForHealth(503, seconds: 10))
        #expect(agent.stop() == 0)
    }

    @Test func failsOverFromADeadURLToALiveOne() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let dead = try FreePorts.pick(1)[0]
        let agent = try AgentProcess(
            name: "failover-1", arguments: ["--backend-url", "ws://127.0.0.1:\(dead),\(backend.agentURL)"])
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")
        let (status, _) = try backend.api("GET", "/api/core/v2/namespaces/default/entities/failover-1")
        #expect(status == 200)
        #expect(agent.stop() == 0)
    }

    /// The acceptance outage: the backend is stopped for 60 s while an event is submitted every second; after the
    /// restart every event arrives once (a pipe handler appends each event's output) and in order (the backend's
    /// check history, polled while the outbox drains, only ever grows by the next number).
    @Test func everyResultSurvivesASixtySecondBackendOutageOnceAndInOrder() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let record = backend.directory.appendingPathComponent("received.txt").path
        let script = backend.directory.appendingPathComponent("record.sh").path
        try
            "#!/bin/sh\n/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[\"check\"][\"output\"])' >> \(record)\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let created = try backend.api(
            "PUT", "/api/core/v2/namespaces/default/handlers/record",
            json: #"{"metadata":{"name":"record","namespace":"default"},"type":"pipe","command":"\#(script)"}"#)
        #expect(created.status == 201 || created.status == 200, "\(created)")
        let agent = try AgentProcess(
            name: "outage-1", arguments: ["--backend-url", backend.agentURL, "--events-rate-limit", "4"])
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")

        var sent = 0
        func submit() throws {
            sent += 1
            let body =
                #"{"check":{"metadata":{"name":"sequence"},"output":"\#(sent)","status":\#(sent),"handlers":["record"]}}"#
            #expect(try agent.postEvent(body).status == 202)
        }
        for _ in 0..<3 {
            try submit()
            try await Task.sleep(for: .seconds(1))
        }
        backend.stop()
        let stoppedAt = Date()
        #expect(try await agent.waitForHealth(503, seconds: 10))
        while Date().timeIntervalSince(stoppedAt) < 60 {
            try submit()
            try await Task.sleep(for: .seconds(1))
        }
        let outboxFiles = (try? FileManager.default.subpathsOfDirectory(atPath: agent.directory.path)) ?? []
        try await backend.start()
        #expect(try await agent.waitForHealth(200, seconds: 30), "agent never reconnected:\n\(agent.log)")
        try submit()
        // While the outbox drains (4 per second, burst 10), every snapshot of the check history (its last 21
        // statuses, in arrival order) must be a run of consecutive numbers; snapshots overlap, so together they
        // show every arrival after its predecessor, none twice.
        var seen = Set<Int>()
        var brokenSnapshot: [Int]?
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let (status, body) = try backend.api("GET", "/api/core/v2/namespaces/default/events/outage-1/sequence")
            if status == 200 {
                let event = try JSONDecoder().decode(Event.self, from: Data(body.utf8))
                let history = (event.check?.history ?? []).map { Int($0.status) }
                if brokenSnapshot == nil, zip(history, history.dropFirst()).contains(where: { $1 != $0 + 1 }) {
                    brokenSnapshot = history
                }
                seen.formUnion(history)
                if history.last == sent { break }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(brokenSnapshot == nil, "history out of order or duplicated: \(brokenSnapshot ?? [])")
        #expect(seen == Set(1...sent), "missing: \(Set(1...sent).subtracting(seen).sorted())")
        let expected = (1...sent).map(String.init)
        var received: [String] = []
        let handled = Date().addingTimeInterval(30)
        while Date() < handled {
            received = ((try? String(contentsOfFile: record, encoding: .utf8)) ?? "").split(separator: "\n").map(
                String.init)
            if received.count >= expected.count { break }
            try await Task.sleep(for: .milliseconds(300))
        }
        try await Task.sleep(for: .seconds(1))
        received = ((try? String(contentsOfFile: record, encoding: .utf8)) ?? "").split(separator: "\n").map(
            String.init)
        // Exactly once: the handler saw each event once (handlers run concurrently, so their order varies).
        #expect(received.sorted { Int($0) ?? 0 < Int($1) ?? 0 } == expected, "agent log:\n\(agent.log.suffix(3000))")
        print("outage: \(sent) events, outbox files during the outage: \(outboxFiles.count)")
        #expect(agent.stop() == 0)
    }

    @Test func statsdMetricsFromThePythonClientBecomeAMetricsEvent() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let record = backend.directory.appendingPathComponent("metrics.json").path
        let script = backend.directory.appendingPathComponent("record.sh").path
        try "#!/bin/sh\ncat >> \(record)\necho >> \(record)\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        _ = try backend.api(
            "PUT", "/api/core/v2/namespaces/default/handlers/statsd",
            json: #"{"metadata":{"name":"statsd","namespace":"default"},"type":"pipe","command":"\#(script)"}"#)
        let agent = try AgentProcess(
            name: "statsd-1",
            arguments: ["--backend-url", backend.agentURL, "--statsd-flush-interval", "2"],
            environment: ["SENSU_STATSD_EVENT_HANDLERS": "statsd"])
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")
        let python = """
            import statsd
            c = statsd.StatsClient('127.0.0.1', \(agent.statsdPort))
            c.incr('web.hits', 3)
            c.incr('web.hits', 2)
            c.gauge('queue.depth', 42)
            c.timing('db.query', 12)
            c.timing('db.query', 18)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", python]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python statsd client failed (pip install statsd)")

        var event: Event?
        let deadline = Date().addingTimeInterval(20)
        while event == nil, Date() < deadline {
            let text = (try? String(contentsOfFile: record, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first {
                event = try JSONDecoder().decode(Event.self, from: Data(line.utf8))
            } else {
                try await Task.sleep(for: .milliseconds(300))
            }
        }
        let metrics = try #require(event?.metrics, "no metrics event: \(agent.log.suffix(2000))")
        #expect(metrics.handlers == ["statsd"])
        #expect(event?.check == nil)
        #expect(event?.entity?.metadata.name == "statsd-1")
        let values = Dictionary(metrics.points.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(values["web.hits.value"] == 5)
        #expect(values["web.hits.per_second"] == 2.5)
        #expect(values["queue.depth.value"] == 42)
        #expect(values["db.query.count"] == 2)
        #expect(values["db.query.min"] == 12)
        #expect(values["db.query.max"] == 18)
        #expect(values["db.query.mean"] == 15)
        // Field failure #18 item 15: seconds, not 19-digit nanoseconds.
        let now = Int64(Date().timeIntervalSince1970)
        #expect(metrics.points.allSatisfy { abs($0.timestamp - now) < 120 })
        #expect(agent.stop() == 0)
    }
}
