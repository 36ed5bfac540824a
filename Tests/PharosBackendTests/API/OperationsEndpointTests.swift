import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// `/health`, `/ready`, `/version` and `/metrics` (reference §2.1), the latter checked by Prometheus' own
/// `promtool check metrics`.
@Suite(.serialized) struct OperationsEndpointTests {
    static let promtool = "/usr/bin/promtool"

    /// Runs `promtool check metrics` on `text`; returns its exit status and output.
    static func promtoolCheck(_ text: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    @Test func metricsCountRequestsByRouteAndCodeAndPassPromtool() async throws {
        let store = try await TestSupport.seededStore()
        let metrics = BackendMetrics()
        let app = try await APITestHarness.application(store: store, events: RecordingEvents(), metrics: metrics)
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            for _ in 0..<3 { _ = try await api.send(.get, "/api/core/v2/namespaces/default/checks") }
            _ = try await api.send(.get, "/api/core/v2/namespaces/default/checks/missing")
            _ = try await client.execute(uri: "/api/core/v2/namespaces", method: .get)
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = APISession.text(response)
            #expect(
                text.contains(
                    #"pharos_http_requests_total{route="/api/core/v2/namespaces/{namespace}/checks",method="GET",code="200"} 3"#
                ), "\(text)")
            #expect(text.contains(#"code="404"} 1"#))
            #expect(text.contains(#"route="/api/core/v2/namespaces",method="GET",code="401"} 1"#))
            #expect(text.contains("pharos_events_processed_total 0"))
            let (status, output) = try await offThePool { try Self.promtoolCheck(text) }
            #expect(status == 0, "promtool: \(output)")
        }
    }

    @Test func healthReportsTheStoreAndValidatesTheTimeout() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let health = try await client.execute(uri: "/health?timeout=2", method: .get)
            #expect(health.status == .ok)
            let body = try TestSupport.decode(JSONValue.self, health.body)
            #expect(body["StoreHealth"]?["Healthy"] == .bool(true))
            #expect(
                body["ClusterHealth"]
                    == .array([
                        .object([
                            "MemberID": .number(0), "MemberIDHex": .string("0"), "Name": .string("pharos"),
                            "Err": .string(""),
                            "Healthy": .bool(true),
                        ])
                    ]))
            for bad in ["abc", "0", "61"] {
                let response = try await client.execute(uri: "/health?timeout=\(bad)", method: .get)
                #expect(response.status == .badRequest)
                #expect(APISession.error(response)?.message.hasPrefix("timeout:") == true)
            }
            let version = try TestSupport.decode(
                JSONValue.self, try await client.execute(uri: "/version", method: .get).body)
            #expect(version["api_groups"]?["core/v2"] == .string("v2.0.0"))
            #expect(version["pharos"]?.stringValue?.isEmpty == false)
            #expect(try await client.execute(uri: "/ready", method: .get).status == .ok)
        }
    }

    @Test(.enabled(if: BackendProcessTests.binaryExists)) func realBackendServesMetricsThatPassPromtool() async throws {
        let backend = try await RunningBackend.start()
        defer { backend.stop() }
        let apiPort = backend.apiPort
        let client = TestClient(host: "127.0.0.1", port: apiPort)
        client.connect()
        let login = try await client.get(
            "/auth",
            headers: [.authorization: BasicCredentials(username: "admin", password: "P@ssw0rd!admin").headerValue])
        let pair = try JSONDecoder().decode(TokenPair.self, from: Data(try #require(login.body).readableBytesView))
        let auth: HTTPFields = [.authorization: "Bearer \(pair.accessToken)"]
        let event =
            #"{"entity":{"metadata":{"name":"router-1"}},"check":{"metadata":{"name":"ping"},"status":2,"interval":60}}"#
        let posted = try await client.post(
            "/api/core/v2/namespaces/default/events", headers: auth, body: ByteBuffer(string: event))
        #expect(posted.status == .created)
        let response = try await client.get("/metrics")
        let text = String(decoding: try #require(response.body).readableBytesView, as: UTF8.self)
        try await client.shutdown()

        #expect(text.contains("pharos_events_processed_total 1"), "\(text)")
        #expect(text.contains("pharos_agents_connected 0"))
        #expect(text.contains("pharos_keepalives_total 0"))
        #expect(text.contains("pharos_keepalive_failures_total 0"))
        #expect(text.contains("pharos_pipeline_executions_total"))
        #expect(text.contains(#"pharos_store_operation_duration_seconds_bucket{operation="putEvent""#))
        let (status, output) = try await offThePool { try Self.promtoolCheck(text) }
        #expect(status == 0, "promtool: \(output)")
    }

    @Test(.enabled(if: BackendProcessTests.binaryExists)) func realBackendCountsPipelineFailuresByHandler() async throws
    {
        let backend = try await RunningBackend.start()
        defer { backend.stop() }
        let client = TestClient(host: "127.0.0.1", port: backend.apiPort)
        client.connect()
        let login = try await client.get(
            "/auth",
            headers: [.authorization: BasicCredentials(username: "admin", password: "P@ssw0rd!admin").headerValue])
        let pair = try JSONDecoder().decode(TokenPair.self, from: Data(try #require(login.body).readableBytesView))
        let auth: HTTPFields = [.authorization: "Bearer \(pair.accessToken)"]
        func put(_ name: String, _ body: String) async throws -> TestClient.Response {
            try await client.put(
                "/api/core/v2/namespaces/default/handlers/\(name)", headers: auth, body: ByteBuffer(string: body))
        }
        let failing = #"{"metadata":{"name":"always-fails"},"type":"pipe","command":"exit 3"}"#
        #expect(try await put("always-fails", failing).status == .created)
        // Port 1 on loopback: nothing listens, every write is refused.
        let builtin =
            #"{"metadata":{"name":"influx-down","annotations":{"pharos.io/builtin":"true"}},"type":"pipe","#
            + #""command":"pharos-influxdb-handler -a http://127.0.0.1:1 -d x"}"#
        #expect(try await put("influx-down", builtin).status == .created)
        // A built-in handler that cannot run built in is refused with the reason.
        let refused = try await put(
            "bad",
            #"{"metadata":{"name":"bad","annotations":{"pharos.io/builtin":"true"}},"type":"pipe","#
                + #""command":"sensu-influxdb-handler -d x"}"#)
        #expect(refused.status == .badRequest)
        #expect(
            String(decoding: try #require(refused.body).readableBytesView, as: UTF8.self).contains(
                #"command: \"sensu-influxdb-handler\" cannot run built in"#))

        let event =
            #"{"entity":{"metadata":{"name":"router-1"}},"check":{"metadata":{"name":"ping"},"status":2,"#
            + #""interval":60,"handlers":["always-fails"]},"#
            + #""metrics":{"handlers":["influx-down"],"points":[{"name":"rtt","value":1.5,"timestamp":1764400000}]}}"#
        let posted = try await client.post(
            "/api/core/v2/namespaces/default/events", headers: auth, body: ByteBuffer(string: event))
        #expect(posted.status == .created)
        var text = ""
        let expected = [
            #"pharos_pipeline_failures_total{handler="always-fails"} 1"#,
            #"pharos_pipeline_failures_total{handler="influx-down"} 1"#,
        ]
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let response = try await client.get("/metrics")
            text = String(decoding: try #require(response.body).readableBytesView, as: UTF8.self)
            let scraped = text
            if expected.allSatisfy({ scraped.contains($0) }) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await client.shutdown()
        for line in expected { #expect(text.contains(line), "\(text)") }
        #expect(text.contains(#"pharos_pipeline_failures_total{handler=""} 0"#), "\(text)")
        let final = text
        let (status, output) = try await offThePool { try Self.promtoolCheck(final) }
        #expect(status == 0, "promtool: \(output)")
    }
}
