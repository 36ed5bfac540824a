import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway InfluxDB 1.x (`influxd`) on free loopback ports with its data in a temporary directory, or an
/// existing server given by URL.
final class BenchInflux: @unchecked Sendable {
    let baseURL: String
    private let process: Process?
    private let directory: String?

    /// Uses the server at `url`, or starts `influxd` (found on `PATH` or in `/usr/bin`) when `url` is `nil`.
    /// - Throws: `BenchError` when `influxd` is missing or does not answer `/ping` within 10 s.
    init(url: String?) async throws {
        if let url {
            baseURL = url
            process = nil
            directory = nil
            return
        }
        let candidates =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/influxd" }
            + ["/usr/bin/influxd"]
        guard let influxd = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchError("influxd not found (Debian: apt-get install influxdb), or pass --influx-url")
        }
        let directory = NSTemporaryDirectory() + "pharos-bench-influx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let httpPort = try Self.freePort()
        let rpcPort = try Self.freePort()
        let config = """
            reporting-disabled = true
            bind-address = "127.0.0.1:\(rpcPort)"
            [meta]
              dir = "\(directory)/meta"
            [data]
              dir = "\(directory)/data"
              wal-dir = "\(directory)/wal"
              query-log-enabled = false
            [monitor]
              store-enabled = false
            [http]
              bind-address = "127.0.0.1:\(httpPort)"
              log-enabled = false
            [logging]
              level = "warn"
            """
        try config.write(toFile: directory + "/influxdb.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: influxd)
        process.arguments = ["run", "-config", directory + "/influxdb.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.directory = directory
        baseURL = "http://127.0.0.1:\(httpPort)"
        for _ in 0..<100 {
            if let (_, status) = try? await request("/ping", [:]), status == 204 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop()
        throw BenchError("influxd did not answer /ping on port \(httpPort) within 10 s")
    }

    /// Runs an InfluxQL statement and returns the decoded JSON answer.
    func query(_ statement: String, database: String? = nil) async throws -> Any {
        var parameters = ["q": statement]
        if let database { parameters["db"] = database }
        let (data, _) = try await request("/query", parameters, method: "POST")
        return try JSONSerialization.jsonObject(with: data)
    }

    /// The first number of the first row of a single-value query (e.g. `SELECT count(f0) FROM bench`), or 0.
    func number(_ statement: String, database: String) async throws -> Double {
        let answer = try await query(statement, database: database)
        let results = (answer as? [String: Any])?["results"] as? [[String: Any]]
        let series = results?.first?["series"] as? [[String: Any]]
        let row = (series?.first?["values"] as? [[Any]])?.first
        return (row?.last as? NSNumber)?.doubleValue ?? 0
    }

    /// Stops a server this object started and deletes its data.
    func stop() {
        if let process, process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }

    private func request(_ path: String, _ parameters: [String: String], method: String = "GET") async throws
        -> (Data, Int)
    {
        var components = URLComponents(string: baseURL + path)
        if !parameters.isEmpty {
            components?.queryItems = parameters.sorted { $0.key < $1.key }.map {
                URLQueryItem(name: $0.key, value: $0.value)
            }
        }
        guard let url = components?.url else { throw BenchError("bad InfluxDB URL \(baseURL)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        return (data, (response as? HTTPURLResponse)?.statusCode ?? 0)
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard bound == 0, named == 0 else { throw BenchError("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
