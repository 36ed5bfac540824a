import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway InfluxDB 1.x (`influxd`, Debian package `influxdb`) on free loopback ports, with its data in a
/// temporary directory. Use ``with(_:)``, which always stops the server.
final class InfluxServer {
    /// Path of `influxd`, or `nil` when it is not installed.
    static let influxdPath: String? = ["/usr/bin/influxd", "/usr/local/bin/influxd", "/usr/sbin/influxd"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    let directory: URL
    let httpPort: Int
    let process: Process
    /// `Authorization` header sent by ``request(_:_:query:)`` once an admin user exists (auth-enabled servers).
    var authorization: String?
    var baseURL: String { "http://127.0.0.1:\(httpPort)" }

    private init(directory: URL, httpPort: Int, process: Process) {
        self.directory = directory
        self.httpPort = httpPort
        self.process = process
    }

    /// Starts `influxd`, waits until `/ping` answers 204 (at most 10 s), runs `body`, then stops the server and
    /// deletes its directory, whatever `body` did. With `adminUser`, HTTP authentication is on and that user
    /// (password = user name) is created before `body` runs.
    static func with<T>(adminUser: String? = nil, _ body: (InfluxServer) async throws -> T) async throws -> T {
        let influxd = try #require(influxdPath, "influxd is not installed")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pharos-influx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let httpPort = try freePort()
        let rpcPort = try freePort()
        let config = """
            reporting-disabled = true
            bind-address = "127.0.0.1:\(rpcPort)"
            [meta]
              dir = "\(directory.path)/meta"
            [data]
              dir = "\(directory.path)/data"
              wal-dir = "\(directory.path)/wal"
            [monitor]
              store-enabled = false
            [http]
              bind-address = "127.0.0.1:\(httpPort)"
              log-enabled = false
              auth-enabled = \(adminUser != nil)
            [ifql]
              enabled = false
            [logging]
              level = "warn"
            """
        let configURL = directory.appendingPathComponent("influxdb.conf")
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("influxd.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: influxd)
        process.arguments = ["run", "-config", configURL.path]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let server = InfluxServer(directory: directory, httpPort: httpPort, process: process)
        defer { server.stop() }
        try await server.waitUntilReady(log: log)
        if let adminUser {
            _ = try await server.query("CREATE USER \(adminUser) WITH PASSWORD '\(adminUser)' WITH ALL PRIVILEGES")
            server.authorization = "Basic " + Data("\(adminUser):\(adminUser)".utf8).base64EncodedString()
        }
        return try await body(server)
    }

    private func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private func waitUntilReady(log: URL) async throws {
        for _ in 0..<100 {
            if !process.isRunning { break }
            if let (_, status) = try? await request("GET", "/ping"), status == 204 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        Issue.record("influxd did not answer /ping on port \(httpPort) within 10 s; its log:\n\(output)")
        throw CancellationError()
    }

    /// Sends a request to the server and returns the body and status code.
    func request(_ method: String, _ path: String, query: [String: String] = [:]) async throws -> (Data, Int) {
        var components = try #require(URLComponents(string: baseURL + path))
        if !query.isEmpty {
            components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        }
        var request = URLRequest(url: try #require(components.url))
        request.httpMethod = method
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// Runs an InfluxQL statement (`POST /query`) and returns the decoded JSON answer.
    func query(_ statement: String, database: String? = nil) async throws -> Any {
        var parameters = ["q": statement, "epoch": "s"]
        if let database { parameters["db"] = database }
        let (data, status) = try await request("POST", "/query", query: parameters)
        #expect(status == 200, "query \(statement): HTTP \(status) \(String(decoding: data, as: UTF8.self))")
        return try JSONSerialization.jsonObject(with: data)
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it for a socket bound to port 0).
    static func freePort() throws -> Int {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(descriptor >= 0, "socket() failed")
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = 0
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
            }
            try #require(bound == 0, "bind() failed")
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            try #require(named == 0, "getsockname() failed")
            return Int(UInt16(bigEndian: address.sin_port))
        #else
            return Int.random(in: 20_000..<60_000)
        #endif
    }
}
