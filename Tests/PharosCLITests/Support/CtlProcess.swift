import Foundation
import Testing

/// Runs the built `pharosctl` binary (found beside this test bundle, or in `PHAROS_BIN_DIR`) and collects its
/// exit status and output.
struct CtlProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The directory holding the built products (`.build/<triple>/debug`).
    static var binDirectory: URL {
        if let explicit = ProcessInfo.processInfo.environment["PHAROS_BIN_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        // The test runner lives beside the products it was built with.
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// Runs `pharosctl arguments…` with `stdin` and the config directory `configDir`, and waits for it to exit
    /// without blocking a thread of the cooperative pool (the in-process `FakeAPIServer` needs them).
    static func run(
        _ arguments: [String], configDir: URL, stdin: Data = Data(), environment extra: [String: String] = [:]
    ) async throws -> Result {
        let binary = binDirectory.appendingPathComponent("pharosctl")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "\(binary.path) is missing: build the package (swift build) before running PharosCLITests")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pharosctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("stdin")
        let output = scratch.appendingPathComponent("stdout")
        let errors = scratch.appendingPathComponent("stderr")
        try stdin.write(to: input)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PHAROSCTL_CONFIG_DIR"] = configDir.path
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: output, encoding: .utf8),
            stderr: try String(contentsOf: errors, encoding: .utf8))
    }

    /// A fresh temporary directory; the caller deletes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
