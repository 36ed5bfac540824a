import Foundation
import PharosClient
import Testing

/// A real `pharos-backend` process (the binary built beside the tests) on free loopback ports, initialised with
/// an admin user in a temporary state directory.
final class RealBackend: @unchecked Sendable {
    static let adminUser = "admin"
    static let adminPassword = "P@ssw0rd!admin"

    let process: Process
    let stateDirectory: URL
    let apiURL: String

    private init(process: Process, stateDirectory: URL, apiURL: String) {
        self.process = process
        self.stateDirectory = stateDirectory
        self.apiURL = apiURL
    }

    /// Runs `body` with a started backend, stopping it afterwards.
    static func with(_ body: (RealBackend) async throws -> Void) async throws {
        let backend = try await start()
        defer { backend.stop() }
        try await body(backend)
    }

    /// An admin client with fresh tokens.
    func adminClient() async throws -> PharosClient {
        let anonymous = PharosClient(apiURL: apiURL, accessToken: nil)
        let tokens = try await anonymous.authenticate(username: Self.adminUser, password: Self.adminPassword)
        return PharosClient(apiURL: apiURL, accessToken: tokens.accessToken)
    }

    static func start() async throws -> RealBackend {
        let binary = CtlProcess.binDirectory.appendingPathComponent("pharos-backend")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "\(binary.path) is missing")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-ctl-be-\(UUID().uuidString)")
        let initialise = Process()
        initialise.executableURL = binary
        initialise.arguments = [
            "init", "--state-dir", state.path, "--cluster-admin-username", adminUser,
            "--cluster-admin-password", adminPassword,
        ]
        initialise.standardOutput = FileHandle.nullDevice
        initialise.standardError = FileHandle.nullDevice
        try initialise.run()
        initialise.waitUntilExit()
        try #require(initialise.terminationStatus == 0, "pharos-backend init failed")

        let log = state.appendingPathComponent("backend.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "start", "--state-dir", state.path, "--api-listen-address", "127.0.0.1:0", "--agent-host", "127.0.0.1",
            "--agent-port", "0", "--log-level", "info", "--dashboard-host", "127.0.0.1", "--dashboard-port", "0",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"api\.port=(\d+)"#, options: .regularExpression),
                let port = Int(text[range].dropFirst("api.port=".count))
            {
                return RealBackend(process: process, stateDirectory: state, apiURL: "http://127.0.0.1:\(port)")
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        Issue.record("pharos-backend did not report its API port: \(text)")
        throw CancellationError()
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: stateDirectory)
    }
}
