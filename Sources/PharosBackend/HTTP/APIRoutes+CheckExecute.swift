import Foundation
import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// The body of `POST …/checks/{name}/execute` (Sensu Go `AdhocRequest`).
    struct CheckExecuteBody: Decodable {
        var check: String?
        var subscriptions: [String]?
        var reason: String?
    }

    /// `POST /namespaces/{ns}/checks/{name}/execute`: queues an adhoc execution of the stored check (optionally to
    /// other `subscriptions`), ignoring `publish` and round robin; answers 202 `{"issued": <Unix seconds>}`
    /// (reference §2.1, §5.1). 404 for an unknown check, 400 for a body that is not JSON or names another check,
    /// 500 when the adhoc queue is full.
    func addCheckExecuteRoute(to api: RouterGroup<APIRequestContext>) {
        api.post("/namespaces/:namespace/checks/:name/execute") { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let name = try context.parameters.require("name")
            let data = try await Self.body(of: request)
            let body: CheckExecuteBody
            do {
                body =
                    data.isEmpty ? CheckExecuteBody() : try JSONDecoder().decode(CheckExecuteBody.self, from: data)
            } catch {
                throw APIError(.invalidArgument, "the body must be {\"check\": name, \"subscriptions\": [...]}")
            }
            if let named = body.check, !named.isEmpty {
                try Self.requireMatch(name, named, field: "check")
            }
            guard let check = try await store.resource(CheckConfig.self, namespace: namespace, name: name) else {
                throw APIError(.notFound, "CheckConfig \"\(namespace)/\(name)\" not found")
            }
            let subscriptions = (body.subscriptions ?? []).filter { !$0.isEmpty }
            guard adhoc.submit(AdhocRequest(check: check, subscriptions: subscriptions, reason: body.reason ?? ""))
            else {
                throw APIError(.internalError, "the adhoc request queue is full")
            }
            return try Self.json(
                JSONValue.object(["issued": .number(Double(Int64(Date().timeIntervalSince1970)))]), status: .accepted)
        }
    }
}
