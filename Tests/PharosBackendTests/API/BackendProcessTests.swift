import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PharosBackend
import PharosCore
import Testing

/// `pharos-backend init` and `start` as real processes (the binary built under `.build/debug/`).
@Suite(.serialized) struct BackendProcessTests {
    static let binary: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/pharos-backend")
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output, error)
    }

    @Test(.enabled(if: binaryExists)) func initIsIdempotentAndStartServesHealthAndAuth() async throws {
        let stateDir = NSTemporaryDirectory() + "pharos-backend-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: stateDir) }

        let uninitialised = try Self.run(["start", "--state-dir", stateDir, "--api-listen-address", "127.0.0.1:0"])
        #expect(uninitialised.0 != 0)
        #expect(uninitialised.2.contains("not initialised"))
        #expect(uninitialised.2.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: stateDir + "/pharos.db"))

        let first = try Self.run([
            "init", "--state-dir", stateDir, "--cluster-admin-username", "admin",
            "--cluster-admin-password", "P@ssw0rd!admin",
        ])
        #expect(first.0 == 0)
        #expect(first.1.contains("initialised"))
        let second = try Self.run(
            ["init", "--state-dir", stateDir],
            environment: [
                "SENSU_BACKEND_CLUSTER_ADMIN_USERNAME": "admin", "SENSU_BACKEND_CLUSTER_ADMIN_PASSWORD": "whatever1",
            ])
        #expect(second.0 == 0)
        #expect(second.1.contains("already initialised"))

        let process = Process()
        process.executableURL = Self.binary
        process.arguments = [
            "start", "--api-listen-address", "127.0.0.1:0", "--agent-host", "127.0.0.1", "--agent-port", "0",
            "--dashboard-host", "127.0.0.1", "--dashboard-port", "0",
        ]
        process.environment = ["PHAROS_BACKEND_STATE_DIR": stateDir, "PHAROS_BACKEND_LOG_LEVEL": "info"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var collected = ""
        var port: Int?
        let deadline = Date().addingTimeInterval(10)
        while port == nil, Date() < deadline {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { break }
            collected += String(decoding: data, as: UTF8.self)
            if let range = collected.range(of: #"api.port=(\d+)"#, options: .regularExpression) {
                port = Int(collected[range].dropFirst("api.port=".count))
            }
        }
        let apiPort = try #require(port, "no api.port in: \(collected)")
        let client = TestClient(host: "127.0.0.1", port: apiPort)
        client.connect()
        let health = try await client.get("/health")
        #expect(health.status == .ok)
        let auth = try await client.get(
            "/auth",
            headers: [.authorization: BasicCredentials(username: "admin", password: "P@ssw0rd!admin").headerValue])
        #expect(auth.status == .ok)
        let pair = try JSONDecoder().decode(TokenPair.self, from: Data(try #require(auth.body).readableBytesView))
        #expect(!pair.accessToken.isEmpty)
        try await client.shutdown()

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
