import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A real `pharos-backend` process with real `pharos-agent` processes, for the scheduling, TTL and pipeline
/// integration tests. Binaries come from beside the test runner; everything lives in a temporary work directory.
final class RuntimeCluster: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    static var canRun: Bool {
        FileManager.default.isExecutableFile(atPath: binaries.appendingPathComponent("pharos-backend").path)
            && FileManager.default.isExecutableFile(atPath: binaries.appendingPathComponent("pharos-agent").path)
    }

    let work: URL
    let apiPort: Int
    let agentPort: Int
    private(set) var backend: Process?
    private(set) var agents: [String: Process] = [:]
    private var token = ""
    private var backendRuns = 0

    init() throws {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-rt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let ports = try FreePorts.pick(2)
        apiPort = ports[0]
        agentPort = ports[1]
        let initProcess = try Self.spawn(
            "pharos-backend",
            [
                "init", "--state-dir", path("state"), "--cluster-admin-username", "admin", "--cluster-admin-password",
                "P@ssw0rd!admin",
            ], log: path("init.log"))
        initProcess.waitUntilExit()
        guard initProcess.terminationStatus == 0 else { throw Failure(description: "init failed: \(log("init.log"))") }
    }

    deinit {
        for process in agents.values where process.isRunning { process.terminate() }
        if let backend, backend.isRunning { backend.terminate() }
        for process in agents.values { process.waitUntilExit() }
        backend?.waitUntilExit()
        try? FileManager.default.removeItem(at: work)
    }

    func path(_ name: String) -> String { work.appendingPathComponent(name).path }

    func log(_ name: String) -> String {
        (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? "(no \(name))"
    }

    /// The backend's log so far (all runs), last `lines` lines.
    func backendLog(lines: Int = 60) -> String {
        (1...max(1, backendRuns)).map { log("backend-\($0).log") }.joined(separator: "\n")
            .split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    static func spawn(_ binary: String, _ arguments: [String], log: String, environment: [String: String] = [:])
        throws -> Process
    {
        let process = Process()
        process.executableURL = binaries.appendingPathComponent(binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Starts the backend and waits until its API answers.
    func startBackend(extraArguments: [String] = []) async throws {
        backendRuns += 1
        backend = try Self.spawn(
            "pharos-backend",
            [
                "start", "--state-dir", path("state"), "--api-listen-address", "127.0.0.1:\(apiPort)", "--agent-host",
                "127.0.0.1", "--agent-port", "\(agentPort)", "--log-level", "debug", "--dashboard-host", "127.0.0.1",
                "--dashboard-port", "0",
            ] + extraArguments,
            log: path("backend-\(backendRuns).log"))
        let up = try await eventually(seconds: 20) { (try? await self.request("GET", "/health", auth: false)) != nil }
        guard up else { throw Failure(description: "backend did not start:\n\(backendLog())") }
        token = try await login()
    }

    /// Stops the backend with SIGTERM (graceful) or SIGKILL.
    func stopBackend(kill: Bool = false) {
        guard let backend else { return }
        if kill { Glibc.kill(backend.processIdentifier, SIGKILL) } else { backend.terminate() }
        backend.waitUntilExit()
        self.backend = nil
    }

    /// Starts an agent named `name` with `subscriptions`.
    func startAgent(
        _ name: String, subscriptions: [String], keepaliveInterval: Int = 5, keepaliveTimeout: Int = 30,
        labels: [String] = []
    ) throws {
        var arguments = [
            "start", "--backend-url", "ws://127.0.0.1:\(agentPort)", "--name", name, "--subscriptions",
            subscriptions.joined(separator: ","), "--keepalive-interval", "\(keepaliveInterval)",
            "--keepalive-timeout", "\(keepaliveTimeout)", "--cache-dir", path("agent-\(name)-cache"),
            "--log-level", "debug",
        ]
        if !labels.isEmpty { arguments += ["--labels", labels.joined(separator: ",")] }
        agents[name] = try Self.spawn("pharos-agent", arguments, log: path("agent-\(name).log"))
    }

    func stopAgent(_ name: String, kill: Bool = false) {
        guard let process = agents[name] else { return }
        if kill { Glibc.kill(process.processIdentifier, SIGKILL) } else { process.terminate() }
        process.waitUntilExit()
        agents[name] = nil
    }

    // MARK: REST

    private func login() async throws -> String {
        let (data, status) = try await request(
            "GET", "/auth", auth: false,
            headers: ["Authorization": "Basic " + Data("admin:P@ssw0rd!admin".utf8).base64EncodedString()])
        guard status == 200,
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let token = object["access_token"] as? String
        else { throw Failure(description: "login failed: \(status)") }
        return token
    }

    /// One REST call; returns the body and status.
    @discardableResult
    func request(
        _ method: String, _ path: String, json: Any? = nil, auth: Bool = true, headers: [String: String] = [:]
    ) async throws -> (Data, Int) {
        guard let url = URL(string: "http://127.0.0.1:\(apiPort)\(path)") else {
            throw Failure(description: "bad path \(path)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 10
        if auth { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (key, value) in headers { request.setValue(value, forHTTPHeaderField: key) }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// PUTs a core/v2 resource (bare body) under the `default` namespace; `collection` such as `checks`.
    func put(_ collection: String, _ body: [String: Any]) async throws {
        guard let metadata = body["metadata"] as? [String: Any], let name = metadata["name"] as? String else {
            throw Failure(description: "no metadata.name")
        }
        let (data, status) = try await request(
            "PUT", "/api/core/v2/namespaces/default/\(collection)/\(name)", json: body)
        guard status == 201 || status == 200 else {
            throw Failure(description: "PUT \(collection)/\(name): \(status) \(String(decoding: data, as: UTF8.self))")
        }
    }

    /// GETs JSON.
    func get(_ path: String) async throws -> Any? {
        let (data, status) = try await request("GET", path)
        guard status == 200 else { return nil }
        return try JSONSerialization.jsonObject(with: data)
    }

    /// The stored event of (entity, check) in `default`, or `nil`.
    func event(_ entity: String, _ check: String) async throws -> [String: Any]? {
        try await get("/api/core/v2/namespaces/default/events/\(entity)/\(check)") as? [String: Any]
    }

    /// Polls `condition` every 100 ms for up to `seconds`.
    func eventually(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    /// The lines of a file (empty when missing).
    func lines(_ name: String) -> [String] {
        ((try? String(contentsOfFile: path(name), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// Waits until the backend's log says `count` agents are connected (by counting "agent connected" lines).
    func waitForAgents(_ names: [String], seconds: Double = 20) async throws -> Bool {
        try await eventually(seconds: seconds) {
            var all = true
            for name in names where try await self.get("/api/core/v2/namespaces/default/entities/\(name)") == nil {
                all = false
            }
            return all
                && self.log("backend-\(max(1, self.backendRuns)).log").components(separatedBy: "agent connected")
                    .count - 1 >= names.count
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// `self[a][b]…` for nested JSON objects.
    func value(_ path: String...) -> Any? {
        var current: Any? = self
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }
}
