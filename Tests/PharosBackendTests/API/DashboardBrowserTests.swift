import Foundation
import Testing

/// Issue 14 acceptance: `scripts/dashboard-browser-suite.py` drives the dashboard of a real backend process in
/// Debian's Chromium through Playwright (PyPI), with three real `pharos-agent` processes, and prints the live
/// latency and the 10,000-event page time. `.ci/run` installs `chromium` (apt) and `playwright` (pip).
@Suite(.serialized) struct DashboardBrowserTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = repository.appendingPathComponent("scripts/dashboard-browser-suite.py")
    static let agent = BackendProcessTests.binary.deletingLastPathComponent().appendingPathComponent("pharos-agent")
    static let chromium = "/usr/lib/chromium/chromium"

    static var ready: Bool {
        BackendProcessTests.binaryExists && FileManager.default.isExecutableFile(atPath: agent.path)
            && FileManager.default.isExecutableFile(atPath: chromium)
    }

    @Test(.enabled(if: ready), .timeLimit(.minutes(10)))
    func dashboardBrowserSuitePasses() async throws {
        let backend = try await RunningBackend.start()
        defer { backend.stop() }
        let work = NSTemporaryDirectory() + "pharos-dashboard-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let arguments = [
            "python3", Self.script.path, "http://127.0.0.1:\(backend.dashboardPort)",
            "ws://127.0.0.1:\(backend.agentPort)", RunningBackend.username, RunningBackend.password, Self.agent.path,
            work,
        ]
        let (status, printed) = try await offThePool { try Self.run(arguments) }
        print(printed.split(separator: "\n").filter { $0.hasPrefix("figure ") }.joined(separator: "\n"))
        #expect(status == 0, "\(printed)")
        #expect(printed.contains("all cases passed"), "\(printed)")
        #expect(!printed.contains("FAIL"), "\(printed)")
    }

    /// Runs the Python suite to its end (blocking); returns its exit status and output.
    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }
}
