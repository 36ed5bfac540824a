import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built executables (beside the test binary in `.build/<config>/`, or `PHAROS_BIN_DIR`) and the Debian
/// programs the collector tests run.
enum Programs {
    static var binDirectory: URL {
        if let explicit = ProcessInfo.processInfo.environment["PHAROS_BIN_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static let nodeExporter = "/usr/bin/prometheus-node-exporter"
    static let prometheus = "/usr/bin/prometheus"
    static let nginx = "/usr/sbin/nginx"
    static let checkHTTP = "/usr/lib/nagios/plugins/check_http"

    static func installed(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// The output of one finished process.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` (a path, or the name of a built Pharos executable) to completion with `stdin`.
    static func run(
        _ executable: String, _ arguments: [String] = [], stdin: Data = Data(), environment: [String: String] = [:]
    ) throws -> Result {
        let path = executable.hasPrefix("/") ? executable : binDirectory.appendingPathComponent(executable).path
        try #require(FileManager.default.isExecutableFile(atPath: path), "\(path) is missing (swift build first)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-prom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("stdin")
        let output = scratch.appendingPathComponent("stdout")
        let errors = scratch.appendingPathComponent("stderr")
        try stdin.write(to: input)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for name in ["EXPORTER_USER", "EXPORTER_PASSWORD", "EXPORTER_HEADER", "INFLUXDB_ADDR", "INFLUXDB_USER"] {
            merged[name] = nil
        }
        merged.merge(environment) { $1 }
        process.environment = merged
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: output, encoding: .utf8),
            stderr: try String(contentsOf: errors, encoding: .utf8))
    }

    /// `curl -s` of a loopback URL: the body, or `nil` when the request failed or the status was not 2xx.
    static func fetch(_ url: String) -> String? {
        guard let result = try? run("/usr/bin/curl", ["-sf", "--max-time", "2", url]), result.status == 0 else {
            return nil
        }
        return result.stdout
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass.
    static func wait(seconds: Double, _ what: String, until condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out after \(seconds) s waiting for \(what)")
        throw CancellationError()
    }
}

/// A long-running background process with its log in a temporary directory; stopped (SIGTERM, then waited for)
/// by ``stop()`` or when released.
final class Daemon {
    let directory: URL
    let process = Process()
    let name: String

    init(
        name: String, executable: String, arguments: [String], environment: [String: String] = [:], directory: URL
    ) throws {
        self.name = name
        self.directory = directory
        let log = directory.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? ""
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// Debian's `prometheus-node-exporter`, Debian's `prometheus` scraping it, and an nginx answering 500 and
/// garbage, all on free loopback ports under one temporary directory. Use ``with(prometheus:_:)``.
final class PrometheusLab {
    let directory: URL
    let nodeExporterPort: Int
    var prometheusPort = 0
    var nginxPort = 0
    private var daemons: [Daemon] = []

    var nodeExporterURL: String { "http://127.0.0.1:\(nodeExporterPort)/metrics" }
    var prometheusURL: String { "http://127.0.0.1:\(prometheusPort)" }

    private init(directory: URL, nodeExporterPort: Int) {
        self.directory = directory
        self.nodeExporterPort = nodeExporterPort
    }

    /// Starts the node exporter (and, when asked, Prometheus scraping it every second and nginx), runs `body`,
    /// then stops everything and deletes the directory.
    static func with<T>(
        prometheus: Bool = false, nginx: Bool = false, _ body: (PrometheusLab) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pharos-promlab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let lab = PrometheusLab(directory: directory, nodeExporterPort: try InfluxServer.freePort())
        defer { lab.stop() }
        try await lab.startNodeExporter()
        if prometheus { try await lab.startPrometheus() }
        if nginx { try await lab.startNginx() }
        return try await body(lab)
    }

    private func stop() {
        for daemon in daemons.reversed() { daemon.stop() }
        daemons.removeAll()
        try? FileManager.default.removeItem(at: directory)
    }

    private func startNodeExporter() async throws {
        let daemon = try Daemon(
            name: "node-exporter", executable: Programs.nodeExporter,
            arguments: ["--web.listen-address=127.0.0.1:\(nodeExporterPort)"], directory: directory)
        daemons.append(daemon)
        let url = nodeExporterURL
        try await Programs.wait(seconds: 15, "node exporter on \(url)\n\(daemon.log)") {
            Programs.fetch(url)?.contains("node_load1") == true
        }
    }

    private func startPrometheus() async throws {
        prometheusPort = try InfluxServer.freePort()
        let config = directory.appendingPathComponent("prometheus.yml")
        try """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: node
            static_configs:
              - targets: ["127.0.0.1:\(nodeExporterPort)"]
        """.write(to: config, atomically: true, encoding: .utf8)
        let daemon = try Daemon(
            name: "prometheus", executable: Programs.prometheus,
            arguments: [
                "--config.file=\(config.path)", "--storage.tsdb.path=\(directory.appendingPathComponent("tsdb").path)",
                "--web.listen-address=127.0.0.1:\(prometheusPort)", "--log.level=warn",
            ], directory: directory)
        daemons.append(daemon)
        // Ready when the node exporter target has been scraped: `up{job="node"}` is 1.
        let query = "\(prometheusURL)/api/v1/query?query=up%7Bjob%3D%22node%22%7D"
        try await Programs.wait(seconds: 30, "Prometheus to scrape the node exporter\n\(daemon.log)") {
            guard let body = Programs.fetch(query) else { return false }
            return body.contains("\"value\":[") && body.contains(",\"1\"]")
        }
    }

    private func startNginx() async throws {
        nginxPort = try InfluxServer.freePort()
        let root = directory.appendingPathComponent("nginx")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let config = root.appendingPathComponent("nginx.conf")
        try """
        daemon off;
        worker_processes 1;
        pid \(root.path)/nginx.pid;
        error_log \(root.path)/error.log;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path \(root.path)/body;
          proxy_temp_path \(root.path)/proxy;
          fastcgi_temp_path \(root.path)/fastcgi;
          uwsgi_temp_path \(root.path)/uwsgi;
          scgi_temp_path \(root.path)/scgi;
          server {
            listen 127.0.0.1:\(nginxPort);
            location = /error { return 500 "exporter broke\\n"; }
            location = /garbage { default_type text/html; return 200 "<html><body>not metrics</body></html>\\n"; }
            location = /ok { default_type text/plain; return 200 "up 1\\n"; }
          }
        }
        """.write(to: config, atomically: true, encoding: .utf8)
        let daemon = try Daemon(
            name: "nginx", executable: Programs.nginx, arguments: ["-c", config.path, "-p", root.path],
            directory: directory)
        daemons.append(daemon)
        let url = "http://127.0.0.1:\(nginxPort)/ok"
        try await Programs.wait(seconds: 10, "nginx on \(url)\n\(daemon.log)") { Programs.fetch(url) != nil }
    }
}
