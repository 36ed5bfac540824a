import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real `pharos-backend` process on free loopback ports, initialised with an admin user, restartable on the same
/// state directory and ports. REST calls go through `curl` with a bearer token.
final class BackendProcess: @unchecked Sendable {
    let directory: URL
    let apiPort: Int
    let agentPort: Int
    let extraArguments: [String]
    private var process: Process?
    private var token = ""

    init(extraArguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pharos-agent-it-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ports = try FreePorts.pick(2)
        apiPort = ports[0]
        agentPort = ports[1]
        self.extraArguments = extraArguments
        let (status, output) = try Binaries.run(
            "pharos-backend",
            [
                "init", "--state-dir", directory.appendingPathComponent("state").path, "--cluster-admin-username",
                "admin", "--cluster-admin-password", "P@ssw0rd!admin",
            ])
        precondition(status == 0, "pharos-backend init failed: \(output)")
    }

    var agentURL: String { "ws://127.0.0.1:\(agentPort)" }

    /// Starts the backend and waits until `/health` answers.
    func start() async throws {
        let process = Process()
        process.executableURL = Binaries.url("pharos-backend")
        process.arguments =
            [
                "start", "--state-dir", directory.appendingPathComponent("state").path, "--api-listen-address",
                "127.0.0.1:\(apiPort)", "--agent-host", "127.0.0.1", "--agent-port", "\(agentPort)",
                "--dashboard-host", "127.0.0.1", "--dashboard-port", "0",
            ] + extraArguments
        process.environment = ["PATH": "/usr/bin:/bin"]
        let log = directory.appendingPathComponent("backend.log")
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        for _ in 0..<100 {
            if (try? curl(["-sf", "http://127.0.0.1:\(apiPort)/health"]).status) == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let auth = try curl(["-sf", "-u", "admin:P@ssw0rd!admin", "http://127.0.0.1:\(apiPort)/auth"])
        let object = try JSONSerialization.jsonObject(with: Data(auth.output.utf8)) as? [String: Any]
        token = object?["access_token"] as? String ?? ""
    }

    /// Stops the backend (SIGTERM) and waits for it.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    /// The backend's log so far.
    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("backend.log"), encoding: .utf8)) ?? ""
    }

    /// Sends a REST request; returns the HTTP status and body.
    @discardableResult
    func api(_ method: String, _ path: String, json: String? = nil) throws -> (status: Int, body: String) {
        var arguments = [
            "-s", "-X", method, "-H", "Authorization: Bearer \(token)", "-w", "\n%{http_code}",
            "http://127.0.0.1:\(apiPort)\(path)",
        ]
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        let result = try curl(arguments)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    func curl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A real `pharos-agent start` process with its own cache directory and local ports; logs to a file.
final class AgentProcess: @unchecked Sendable {
    let directory: URL
    let apiPort: Int
    let socketPort: Int
    let statsdPort: Int
    private let process = Process()

    init(name: String, arguments: [String], environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-agent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ports = try FreePorts.pick(3)
        (apiPort, socketPort, statsdPort) = (ports[0], ports[1], ports[2])
        process.executableURL = Binaries.url("pharos-agent")
        process.arguments =
            [
                "start", "--name", name, "--cache-dir", directory.path, "--api-port", "\(apiPort)", "--socket-port",
                "\(socketPort)", "--statsd-metrics-port", "\(statsdPort)", "--log-level", "debug",
                "--retry-max", "2s", "--config-file", "/dev/null",
            ] + arguments
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let log = directory.appendingPathComponent("agent.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("agent.log"), encoding: .utf8)) ?? ""
    }

    var pid: Int32 { process.processIdentifier }

    /// `GET /healthz` status (0 when the API does not answer).
    func health() -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(apiPort)/healthz"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self)) ?? 0
    }

    /// Waits until `/healthz` gives `status` (true) or `seconds` pass (false).
    func waitForHealth(_ status: Int, seconds: Double) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if health() == status { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    /// `POST /events` with a JSON body; returns the status and body.
    func postEvent(_ json: String) throws -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = [
            "-s", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", json, "-w", "\n%{http_code}",
            "http://127.0.0.1:\(apiPort)/events",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    /// Whether the agent process still runs.
    var isRunning: Bool { process.isRunning }

    /// The exit status (once it no longer runs).
    var terminationStatus: Int32 { process.terminationStatus }

    /// Sends SIGTERM without waiting.
    func terminate() { process.terminate() }

    /// Sends SIGTERM and waits for the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
