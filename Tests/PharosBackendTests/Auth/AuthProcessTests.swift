import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PharosBackend
import PharosCore
import Testing

/// Authentication and RBAC through the real `pharos-backend` binary on its SQLite store: the built-ins seeded by
/// `init`, sessions and API keys surviving a restart, logout and disabling revoking access.
@Suite(.serialized) struct AuthProcessTests {
    /// A started `pharos-backend start` and its API port.
    struct RunningBackend {
        var process: Process
        var port: Int

        static func start(stateDir: String) throws -> RunningBackend {
            let process = Process()
            process.executableURL = BackendProcessTests.binary
            process.arguments = [
                "start", "--api-listen-address", "127.0.0.1:0", "--agent-host", "127.0.0.1", "--agent-port", "0",
                "--dashboard-host", "127.0.0.1", "--dashboard-port", "0",
            ]
            process.environment = ["PHAROS_BACKEND_STATE_DIR": stateDir, "PHAROS_BACKEND_LOG_LEVEL": "info"]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var collected = ""
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                let data = err.fileHandleForReading.availableData
                if data.isEmpty { break }
                collected += String(decoding: data, as: UTF8.self)
                if let range = collected.range(of: #"api.port=(\d+)"#, options: .regularExpression),
                    let port = Int(collected[range].dropFirst("api.port=".count))
                {
                    return RunningBackend(process: process, port: port)
                }
            }
            process.terminate()
            throw BackendStartFailure(output: collected)
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    struct BackendStartFailure: Error, CustomStringConvertible {
        var output: String
        var description: String { "no api.port in: \(output)" }
    }

    static func call(
        _ client: TestClient, _ method: HTTPRequest.Method, _ uri: String, _ authorization: String?,
        body: String? = nil
    ) async throws -> TestClient.Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let authorization { headers[.authorization] = authorization }
        return try await client.execute(
            TestClient.Request(uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }))
    }

    @Test(.enabled(if: BackendProcessTests.binaryExists)) func sessionsKeysAndRolesLiveInTheStore() async throws {
        let stateDir = NSTemporaryDirectory() + "pharos-auth-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: stateDir) }
        let initialised = try BackendProcessTests.run([
            "init", "--state-dir", stateDir, "--cluster-admin-username", "admin",
            "--cluster-admin-password", "P@ssw0rd!admin",
        ])
        #expect(initialised.0 == 0)
        let admin = BasicCredentials(username: "admin", password: "P@ssw0rd!admin").headerValue

        var backend = try RunningBackend.start(stateDir: stateDir)
        var client = TestClient(host: "127.0.0.1", port: backend.port)
        client.connect()
        let login = try await Self.call(client, .get, "/auth", admin)
        let kept = try JSONDecoder().decode(TokenPair.self, from: Data(try #require(login.body).readableBytesView))
        let dropped = try JSONDecoder().decode(
            TokenPair.self,
            from: Data(try #require(try await Self.call(client, .get, "/auth", admin).body).readableBytesView))
        #expect(try await Self.call(client, .post, "/auth/logout", "Bearer \(dropped.accessToken)").status == .ok)
        let roles = try await Self.call(client, .get, "/api/core/v2/clusterroles", "Bearer \(kept.accessToken)")
        let names = try JSONDecoder().decode([ClusterRole].self, from: Data(try #require(roles.body).readableBytesView))
            .map(\.metadata.name)
        #expect(names == ["admin", "cluster-admin", "edit", "system:agent", "system:user", "view"])
        let key = try await Self.call(
            client, .post, "/api/core/v2/apikeys", "Bearer \(kept.accessToken)", body: #"{"username":"admin"}"#)
        #expect(key.status == .created)
        let location = try #require(key.headers[.location])
        let apiKey = "Key " + (location.split(separator: "/").last.map(String.init) ?? "")
        #expect(
            try await Self.call(
                client, .post, "/api/core/v2/users", apiKey, body: #"{"username":"viewer","password":"viewer-pass"}"#
            )
            .status == .created)
        try await client.shutdown()
        backend.stop()

        backend = try RunningBackend.start(stateDir: stateDir)
        defer { backend.stop() }
        client = TestClient(host: "127.0.0.1", port: backend.port)
        client.connect()
        #expect(try await Self.call(client, .get, "/api/core/v2/users", "Bearer \(kept.accessToken)").status == .ok)
        #expect(
            try await Self.call(client, .get, "/api/core/v2/users", "Bearer \(dropped.accessToken)").status
                == .unauthorized)
        #expect(try await Self.call(client, .get, "/api/core/v2/users", apiKey).status == .ok)
        let viewer = BasicCredentials(username: "viewer", password: "viewer-pass").headerValue
        let viewerLogin = try await Self.call(client, .get, "/auth", viewer)
        let viewerToken = try JSONDecoder().decode(
            TokenPair.self, from: Data(try #require(viewerLogin.body).readableBytesView))
        #expect(
            try await Self.call(
                client, .get, "/api/core/v2/namespaces/default/checks", "Bearer \(viewerToken.accessToken)"
            )
            .status == .forbidden)
        #expect(
            try await Self.call(client, .get, "/api/core/v2/users/viewer", "Bearer \(viewerToken.accessToken)").status
                == .ok)
        #expect(try await Self.call(client, .delete, "/api/core/v2/users/admin", apiKey).status == .noContent)
        #expect(try await Self.call(client, .get, "/api/core/v2/users", apiKey).status == .unauthorized)
        #expect(
            try await Self.call(client, .get, "/api/core/v2/users", "Bearer \(kept.accessToken)").status
                == .unauthorized)
        try await client.shutdown()
    }
}
