import Foundation
import PharosCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM with the real agent binary: running checks get the shutdown grace, their results are sent before
/// `goodbye`, a check outlasting the grace is abandoned (its process group killed), and events that cannot be
/// delivered stay in the on-disk outbox; the agent exits 0.
@Suite(.serialized) struct AgentShutdownTests {
    /// Whether a process whose command line contains `text` runs.
    static func processRuns(_ text: String) -> Bool {
        let pgrep = Process()
        pgrep.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        pgrep.arguments = ["-f", text]
        pgrep.standardOutput = FileHandle.nullDevice
        try? pgrep.run()
        pgrep.waitUntilExit()
        return pgrep.terminationStatus == 0
    }

    @Test func runningCheckResultIsSentBeforeGoodbyeAndAStuckCheckIsAbandoned() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let marker = backend.directory.appendingPathComponent("slow-started").path
        let stuckSeconds = 97 + Int.random(in: 0..<100)
        for (name, command) in [
            ("slow", "touch \(marker); sleep 3; echo finished after sigterm"), ("stuck", "sleep \(stuckSeconds)"),
        ] {
            let check = #"""
                {"metadata":{"name":"\#(name)","namespace":"default"},"command":"\#(command)","interval":600,
                 "subscriptions":["grace"],"publish":false}
                """#
            let created = try backend.api("PUT", "/api/core/v2/namespaces/default/checks/\(name)", json: check)
            #expect(created.status == 201 || created.status == 200, "\(created)")
        }
        let agent = try AgentProcess(
            name: "grace-1",
            arguments: ["--backend-url", backend.agentURL, "--subscriptions", "grace", "--shutdown-grace", "8s"])
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")
        // Run both checks now (ad hoc), then SIGTERM as soon as the slow one has started.
        for name in ["slow", "stuck"] {
            let executed = try backend.api(
                "POST", "/api/core/v2/namespaces/default/checks/\(name)/execute",
                json: #"{"check":"\#(name)"}"#)
            #expect(executed.status == 202, "\(executed)")
        }
        var started = false
        for _ in 0..<100 where !started {
            started = FileManager.default.fileExists(atPath: marker) && Self.processRuns("sleep \(stuckSeconds)")
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(started, "checks never started:\n\(agent.log.suffix(2000))")
        let (before, _) = try backend.api("GET", "/api/core/v2/namespaces/default/events/grace-1/slow")
        #expect(before == 404)
        let signalled = Date()
        #expect(agent.stop() == 0)
        let took = Date().timeIntervalSince(signalled)

        let (status, body) = try backend.api("GET", "/api/core/v2/namespaces/default/events/grace-1/slow")
        #expect(status == 200, "no result of the running check:\n\(agent.log.suffix(3000))")
        let event = try JSONDecoder().decode(Event.self, from: Data(body.utf8))
        #expect(event.check?.output == "finished after sigterm\n")
        let log = agent.log
        let sentResult = try #require(log.range(of: "shutting down: waiting for running checks"))
        let goodbye = try #require(log.range(of: "goodbye sent to backend"))
        #expect(sentResult.lowerBound < goodbye.lowerBound)
        #expect(log.contains("shutdown grace over: running checks abandoned"))
        #expect(took < 15, "exit took \(took) s")
        try await Task.sleep(for: .milliseconds(500))
        #expect(!Self.processRuns("sleep \(stuckSeconds)"), "the abandoned check's process was left running")
        print("shutdown: exit \(took) s after SIGTERM with an 8 s grace")
    }

    /// Whether `condition` holds within `seconds` (checked every 50 ms).
    static func eventually(seconds: Double, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    /// Issue #15: over `wss://` the agent logged "goodbye sent" and then waited 5 s for the TLS close_notify (its
    /// reader of the connection had been cancelled, so it could no longer read the backend's answer) before it
    /// exited. After goodbye it now waits for the backend's close (at most 500 ms) and exits; the entity is gone.
    @Test func agentExitsPromptlyAfterGoodbyeOverTLSAndItsEntityIsDeregistered() async throws {
        let tls = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tls, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tls) }
        try AgentTLSTests.makeCertificates(in: tls)
        let backend = try BackendProcess(extraArguments: [
            "--cert-file", tls.appendingPathComponent("backend.crt").path, "--key-file",
            tls.appendingPathComponent("backend.key").path,
        ])
        try await backend.start()
        let path = "/api/core/v2/namespaces/default/entities/bye-1"
        for round in 1...2 {
            let agent = try AgentProcess(
                name: "bye-1",
                arguments: [
                    "--backend-url", "wss://localhost:\(backend.agentPort)", "--trusted-ca-file",
                    tls.appendingPathComponent("ca.crt").path, "--deregister",
                ])
            #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")
            #expect(
                try await Self.eventually(seconds: 10) { try backend.api("GET", path).status == 200 },
                "entity never registered:\n\(backend.log.suffix(2000))")
            agent.terminate()
            #expect(
                try await Self.eventually(seconds: 10) { agent.log.contains("goodbye sent to backend") },
                "no goodbye:\n\(agent.log.suffix(2000))")
            #expect(
                try await Self.eventually(seconds: 3) { !agent.isRunning },
                "round \(round): agent still runs 3 s after goodbye:\n\(agent.log.suffix(2000))")
            #expect(agent.stop() == 0)
            #expect(try backend.api("GET", path).status == 404, "entity left after goodbye")
            #expect(!agent.log.contains("did not answer the WebSocket close"), "\(agent.log.suffix(2000))")
        }
    }

    @Test func undeliverableEventsStayInTheOutboxOnDisk() async throws {
        let backend = try BackendProcess()
        try await backend.start()
        let agent = try AgentProcess(
            name: "grace-2", arguments: ["--backend-url", backend.agentURL, "--shutdown-grace", "3s"])
        #expect(try await agent.waitForHealth(200, seconds: 20), "agent never connected:\n\(agent.log)")
        backend.stop()
        #expect(try await agent.waitForHealth(503, seconds: 10))
        for number in 1...3 {
            let body = #"{"check":{"metadata":{"name":"queued-\#(number)"},"output":"\#(number)","status":0}}"#
            #expect(try agent.postEvent(body).status == 202)
        }
        #expect(agent.stop() == 0)
        let outbox = agent.directory.appendingPathComponent("outbox").path
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox)
        #expect(files.count == 3, "outbox: \(files)")
        #expect(agent.log.contains("events left in the outbox for the next start"))
    }
}
