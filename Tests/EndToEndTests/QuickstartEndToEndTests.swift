import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The main job, end to end, with real components: `scripts/quickstart.sh --e2e` starts InfluxDB, the backend (TLS
/// agent port), an HTTP asset server and three nginx pods (network + UTS namespaces) each with a `pharos-agent`
/// sidecar started with the seed's exact flags and `SENSU_*` environment, applies the seed's Sensu YAML through
/// `pharosctl`, then checks registration, check-nginx results, InfluxDB points, nginx down/up, SIGTERM
/// de-registration, SIGKILL keepalive expiry and a failing keepalive for an agent without `--deregister`.
@Suite(.serialized) struct QuickstartEndToEndTests {
    static var canRun: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/influxd")
            && FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx")
            && FileManager.default.isExecutableFile(atPath: "/usr/lib/nagios/plugins/check_http")
    }

    @Test(.enabled(if: canRun, "needs root, influxdb, nginx and monitoring-plugins-basic (Debian)"))
    func seedSidecarDemoEndToEnd() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let binaries = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-e2e-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let ports = try FreePorts.pick(6)
        // With Debian's node exporter installed, the run also covers --node-exporter (the collector's path).
        let nodeExporter = FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-node-exporter")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments =
            [repository.appendingPathComponent("scripts/quickstart.sh").path, "--e2e"]
            + (nodeExporter ? ["--node-exporter"] : [])
        var environment = ProcessInfo.processInfo.environment
        environment["PHAROS_BIN_DIR"] = binaries.path
        environment["PHAROS_QS_DIR"] = work.path
        environment["PHAROS_QS_API_PORT"] = String(ports[0])
        environment["PHAROS_QS_AGENT_PORT"] = String(ports[1])
        environment["PHAROS_QS_INFLUX_PORT"] = String(ports[2])
        environment["PHAROS_QS_ASSET_PORT"] = String(ports[3])
        environment["PHAROS_QS_DASHBOARD_PORT"] = String(ports[4])
        environment["PHAROS_QS_NODE_EXPORTER_PORT"] = String(ports[5])
        environment["PHAROS_QS_SUBNET"] = "10.231.\(100 + getpid() % 100)"
        process.environment = environment
        // Output goes to a file, not a pipe: a pipe would stay open while any child the script started lives.
        let transcriptFile = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-e2e-\(getpid()).log")
        _ = FileManager.default.createFile(atPath: transcriptFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: transcriptFile)
        defer { try? FileManager.default.removeItem(at: transcriptFile) }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        try output.close()
        let transcript = (try? String(contentsOf: transcriptFile, encoding: .utf8)) ?? ""

        let logs = ["backend.log", "pods/1/agent.log"].map { name in
            let text = (try? String(contentsOf: work.appendingPathComponent(name), encoding: .utf8)) ?? "(none)"
            return "--- \(name) (last 40 lines)\n" + text.split(separator: "\n").suffix(40).joined(separator: "\n")
        }.joined(separator: "\n")
        #expect(process.terminationStatus == 0, "quickstart --e2e failed:\n\(transcript)\n\(logs)")
        #expect(transcript.contains("ok"), "no verification ran:\n\(transcript)")
        #expect(!transcript.contains("FAILED"), "\(transcript)")
    }
}

/// Free TCP ports on the loopback interface, found by binding port 0.
enum FreePorts {
    struct Failure: Error {}

    static func pick(_ count: Int) throws -> [Int] {
        var sockets: [Int32] = []
        defer { sockets.forEach { close($0) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure() }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            guard bound == 0 else { throw Failure() }
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard named == 0 else { throw Failure() }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }
}
