import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// `GET|POST /users`, `GET|PUT|DELETE /users/{name}` (cluster-wide). Passwords are stored only as bcrypt
    /// hashes and neither `password` nor `password_hash` is ever returned.
    func addUserRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("/users") { _, _ -> Response in
            try Self.json(try await store.resources(User.self, namespace: nil).map(Self.redacted))
        }
        api.get("/users/:name") { _, context -> Response in
            let name = try context.parameters.require("name")
            guard let user = try await store.resource(User.self, namespace: "", name: name) else {
                throw APIError(.notFound, "user \"\(name)\" not found")
            }
            return try Self.json(Self.redacted(user))
        }
        api.post("/users") { request, _ -> Response in
            let user = try Self.decode(User.self, from: try await Self.body(of: request), namespace: nil)
            try Self.validate(user)
            guard !user.password.isEmpty else { throw APIError(.invalidArgument, "password: must be set") }
            try await store.createResource(users.hashingPassword(of: user))
            return Response(status: .created)
        }
        api.put("/users/:name") { request, context -> Response in
            let name = try context.parameters.require("name")
            var user = try Self.decode(User.self, from: try await Self.body(of: request), namespace: nil)
            if user.username.isEmpty { user.username = name }
            try Self.requireMatch(name, user.username, field: "username")
            try Self.validate(user)
            if user.password.isEmpty {
                guard let existing = try await store.resource(User.self, namespace: "", name: name) else {
                    throw APIError(.invalidArgument, "password: must be set")
                }
                user.passwordHash = existing.passwordHash
            } else {
                user = users.hashingPassword(of: user)
            }
            try await store.putResource(user)
            return Response(status: .created)
        }
        api.delete("/users/:name") { _, context -> Response in
            let name = try context.parameters.require("name")
            guard try await store.deleteResource(.user, namespace: "", name: name) else {
                throw APIError(.notFound, "user \"\(name)\" not found")
            }
            return Response(status: .noContent)
        }
    }
}
