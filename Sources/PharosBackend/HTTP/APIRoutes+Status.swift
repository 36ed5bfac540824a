import Foundation
import Hummingbird
import NIOCore
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// The operations routes, served without credentials (reference §2.1): `/health`, `/ready`, `/version`,
    /// `/metrics`.
    func addStatusRoutes(to router: Router<APIRequestContext>) {
        router.get("/health") { request, _ -> Response in
            let timeout = try Self.healthTimeout(request)
            let check = await storeHealth(timeout: timeout)
            let member: JSONValue = .object([
                "MemberID": .number(0), "MemberIDHex": .string("0"), "Name": .string("pharos"),
                "Err": .string(check.error), "Healthy": .bool(check.error.isEmpty),
            ])
            let storeHealth: JSONValue = .object([
                "Healthy": .bool(check.error.isEmpty), "Err": .string(check.error),
                "LatencySeconds": .number(check.seconds),
            ])
            return try Self.json(
                JSONValue.object([
                    "Alarms": .null, "ClusterHealth": .array([member]), "Header": .object([:]),
                    "StoreHealth": storeHealth,
                ]))
        }
        router.get("/version") { _, _ -> Response in
            try Self.json(
                JSONValue.object([
                    "sensu_backend": .string(BackendVersion.sensuCompatible),
                    "pharos": .string(BackendVersion.pharos),
                    "api_groups": .object(["core/v2": .string("v2.0.0")]),
                ]))
        }
        router.get("/ready") { _, _ -> Response in
            Response(status: .ok)
        }
        router.get("/metrics") { _, _ -> Response in
            let text = await metrics.exposition()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// `?timeout=<seconds>` of `/health` (default 3, at most 60). - Throws: `APIError` 400 for a bad value.
    static func healthTimeout(_ request: Request) throws(APIError) -> Double {
        guard let text = request.uri.queryParameters["timeout"].map(String.init), !text.isEmpty else { return 3 }
        guard let seconds = Double(text), seconds > 0, seconds <= 60 else {
            throw APIError(.invalidArgument, "timeout: must be a number of seconds above 0 and at most 60")
        }
        return seconds
    }

    /// Reads a setting from the store within `timeout` seconds; `error` is empty when the store answered.
    func storeHealth(timeout: Double) async -> (error: String, seconds: Double) {
        let start = ContinuousClock.now
        let store = self.store
        let error = await withTaskGroup(of: String?.self) { group -> String in
            group.addTask {
                do {
                    _ = try await store.setting(BackendSettings.initializedKey)
                    return ""
                } catch {
                    return "\(error)"
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
                return Task.isCancelled ? nil : "store did not answer within \(timeout) s"
            }
            var first = ""
            for await result in group {
                guard let result else { continue }
                first = result
                break
            }
            group.cancelAll()
            return first
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (error, seconds)
    }
}
