import Foundation
import Testing

/// Runs one of Pharos' built executables (found next to this test bundle) with stdin, and collects its output.
struct ToolProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The directory holding the built products (`.build/<triple>/debug`): `PHAROS_BIN_DIR` when set, otherwise the
    /// directory of this target's resource bundle, which SwiftPM puts beside the executables.
    static var binDirectory: URL {
        if let explicit = ProcessInfo.processInfo.environment["PHAROS_BIN_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        return Bundle.module.bundleURL.deletingLastPathComponent()
    }

    /// Runs `name` with `arguments`, feeding `stdin`, and waits for it to exit.
    static func run(
        _ name: String,
        _ arguments: [String] = [],
        stdin: Data,
        environment: [String: String] = [:]
    ) throws -> Result {
        let binary = binDirectory.appendingPathComponent(name)
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "\(binary.path) is missing: build the package (swift build) before running PharosToolsTests"
        )
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-tool-\(UUID().uuidString)")
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
        var processEnvironment = ProcessInfo.processInfo.environment
        for variable in ["INFLUXDB_ADDR", "INFLUXDB_USER", "INFLUXDB_PASS"] { processEnvironment[variable] = nil }
        processEnvironment.merge(environment) { $1 }
        process.environment = processEnvironment
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: output, encoding: .utf8),
            stderr: try String(contentsOf: errors, encoding: .utf8)
        )
    }
}
