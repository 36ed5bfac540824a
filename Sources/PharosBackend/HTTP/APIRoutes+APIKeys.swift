import Foundation
import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// `POST /apikeys` (body `{"username": …}`, default the caller; 201 with `Location: /api/core/v2/apikeys/<key>`),
    /// `GET /apikeys`, `GET|DELETE /apikeys/{key}` (cluster-wide). The key is a random UUID (lower case) and is the
    /// API key's name; `Authorization: Key <key>` then authenticates as its user.
    func addAPIKeyRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("/apikeys") { _, _ -> Response in
            try Self.json(try await store.resources(APIKey.self, namespace: nil))
        }
        api.get("/apikeys/:key") { _, context -> Response in
            let name = try context.parameters.require("key")
            guard let key = try await store.resource(APIKey.self, namespace: "", name: name) else {
                throw APIError(.notFound, "api key \"\(name)\" not found")
            }
            return try Self.json(key)
        }
        api.post("/apikeys") { request, context -> Response in
            var key = try Self.decode(APIKey.self, from: try await Self.body(of: request), namespace: nil)
            if key.username.isEmpty { key.username = context.subject ?? "" }
            guard try await store.resource(User.self, namespace: "", name: key.username) != nil else {
                throw APIError(.notFound, "user \"\(key.username)\" not found")
            }
            key.metadata = ObjectMeta(name: UUID().uuidString.lowercased(), createdBy: context.subject ?? "")
            key.createdAt = Int64(Date().timeIntervalSince1970)
            try Self.validate(key)
            try await store.createResource(key)
            return Response(
                status: .created, headers: [.location: "\(Self.prefix)/apikeys/\(key.metadata.name)"])
        }
        api.delete("/apikeys/:key") { _, context -> Response in
            let name = try context.parameters.require("key")
            guard try await store.deleteResource(.apiKey, namespace: "", name: name) else {
                throw APIError(.notFound, "api key \"\(name)\" not found")
            }
            return Response(status: .noContent)
        }
    }
}
