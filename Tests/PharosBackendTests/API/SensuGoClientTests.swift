import Foundation
import Testing

/// Issue 4 acceptance: the `sensu-go` PyPI client (a client nobody here wrote) drives a real backend process
/// through `scripts/sensu-go-client-suite.py`. `.ci/run` installs the package.
@Suite(.serialized) struct SensuGoClientTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/sensu-go-client-suite.py")

    @Test(.enabled(if: BackendProcessTests.binaryExists), .timeLimit(.minutes(3)))
    func sensuGoClientSuitePasses() async throws {
        let backend = try await RunningBackend.start()
        defer { backend.stop() }
        let (status, printed) = try await offThePool { try Self.runSuite(url: backend.url) }
        #expect(status == 0, "\(printed)")
        #expect(printed.contains("all cases passed"), "\(printed)")
        #expect(!printed.contains("FAIL"), "\(printed)")
    }

    /// Runs the Python suite to its end (blocking); returns its exit status and output.
    static func runSuite(url: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script.path, url, RunningBackend.username, RunningBackend.password,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }
}
