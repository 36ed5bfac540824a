import Foundation
import PharosBackend
import Testing

/// Runs blocking work (waiting for a child process, reading its pipes) on a Dispatch thread, so it never holds
/// one of the few threads of Swift's cooperative pool that the other tests running in parallel need.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// A real `pharos-backend` process (`init` then `start`) on loopback ports chosen at run time.
final class RunningBackend: @unchecked Sendable {
    // Safety: every stored property is set once in `init`; `Process` is only terminated/waited on afterwards.
    let stateDir: String
    let process: Process
    let apiPort: Int
    static let username = "admin"
    static let password = "P@ssw0rd!admin"

    /// Initialises a fresh state directory and starts the backend (off the cooperative pool).
    static func start() async throws -> RunningBackend {
        try await offThePool { try RunningBackend() }
    }

    /// Initialises a fresh state directory and starts the backend; waits for its `api.port` log line (blocking).
    private init() throws {
        stateDir = NSTemporaryDirectory() + "pharos-api-\(UUID().uuidString)"
        let initialised = try BackendProcessTests.run([
            "init", "--state-dir", stateDir, "--cluster-admin-username", Self.username,
            "--cluster-admin-password", Self.password,
        ])
        try #require(initialised.0 == 0, "init failed: \(initialised.2)")
        process = Process()
        process.executableURL = BackendProcessTests.binary
        process.arguments = [
            "start", "--state-dir", stateDir, "--api-listen-address", "127.0.0.1:0", "--agent-host", "127.0.0.1",
            "--agent-port", "0", "--dashboard-host", "127.0.0.1", "--dashboard-port", "0",
        ]
        process.environment = ["PHAROS_BACKEND_LOG_LEVEL": "info"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var collected = ""
        var port: Int?
        let deadline = Date().addingTimeInterval(15)
        while port == nil, Date() < deadline {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { break }
            collected += String(decoding: data, as: UTF8.self)
            if let range = collected.range(of: #"api.port=(\d+)"#, options: .regularExpression) {
                port = Int(collected[range].dropFirst("api.port=".count))
            }
        }
        guard let port else {
            process.terminate()
            throw RunningBackendError(message: "no api.port in: \(collected)")
        }
        apiPort = port
    }

    var url: String { "http://127.0.0.1:\(apiPort)" }

    /// Stops the process (SIGTERM) and removes the state directory; returns the exit status (blocking, short).
    @discardableResult func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: stateDir)
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

struct RunningBackendError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
