import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real nginx (`/usr/sbin/nginx`, foreground) serving the files of its `www` directory on a free loopback port.
final class NginxServer: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let process = Process()

    /// The served directory.
    var root: URL { directory.appendingPathComponent("www") }

    /// The URL of a served file.
    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pharos-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("www"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        port = try FreePorts.pick(1)[0]
        let path = directory.path
        let configuration = """
            daemon off;
            pid \(path)/nginx.pid;
            error_log \(path)/error.log;
            events { worker_connections 64; }
            http {
                access_log \(path)/access.log;
                client_body_temp_path \(path)/tmp/body;
                proxy_temp_path \(path)/tmp/proxy;
                fastcgi_temp_path \(path)/tmp/fastcgi;
                uwsgi_temp_path \(path)/tmp/uwsgi;
                scgi_temp_path \(path)/tmp/scgi;
                server {
                    listen 127.0.0.1:\(port);
                    root \(path)/www;
                }
            }
            """
        let file = directory.appendingPathComponent("nginx.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-c", file.path, "-p", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until nginx answers (true) or `seconds` pass (false).
    func waitUntilReady(seconds: Double = 10) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            probe.arguments = ["-s", "-o", "/dev/null", "http://127.0.0.1:\(port)/"]
            try probe.run()
            probe.waitUntilExit()
            if probe.terminationStatus == 0 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// The number of requests in the access log for `name`.
    func requests(for name: String) -> Int {
        let log = (try? String(contentsOf: directory.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains("GET /\(name) ") }.count
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
