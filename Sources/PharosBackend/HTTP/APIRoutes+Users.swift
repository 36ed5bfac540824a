import Foundation
import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// The body of `PUT /users/{u}/password` and `PUT /users/{u}/reset_password`: the current clear-text
    /// `password` (change only) and the new password as a bcrypt `password_hash` (Sensu Go 6, what sensuctl sends)
    /// or in clear text as `password_new`.
    struct PasswordChange: Decodable {
        var password: String?
        var passwordHash: String?
        var passwordNew: String?

        enum CodingKeys: String, CodingKey {
            case password
            case passwordHash = "password_hash"
            case passwordNew = "password_new"
        }
    }

    /// `GET|POST /users`, `GET|PUT|DELETE /users/{name}` (DELETE disables), `PUT /users/{name}/reinstate`,
    /// `PUT /users/{name}/password` (with the current password), `PUT /users/{name}/reset_password`,
    /// `PUT|DELETE /users/{name}/groups/{group}` and `DELETE /users/{name}/groups` (cluster-wide). Passwords are
    /// stored only as bcrypt hashes and neither `password` nor `password_hash` is ever returned. Disabling a user
    /// ends its token sessions and deletes its API keys.
    func addUserRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("/users") { _, _ -> Response in
            try Self.json(try await store.resources(User.self, namespace: nil).map(Self.redacted))
        }
        api.get("/users/:name") { _, context -> Response in
            try Self.json(Self.redacted(try await existingUser(try context.parameters.require("name"))))
        }
        api.post("/users") { request, _ -> Response in
            let user = try Self.decode(User.self, from: try await Self.body(of: request), namespace: nil)
            try await store.createResource(try prepared(user, existing: nil))
            return Response(status: .created)
        }
        api.put("/users/:name") { request, context -> Response in
            let name = try context.parameters.require("name")
            var user = try Self.decode(User.self, from: try await Self.body(of: request), namespace: nil)
            if user.username.isEmpty { user.username = name }
            try Self.requireMatch(name, user.username, field: "username")
            let existing = try await store.resource(User.self, namespace: "", name: name)
            let stored = try prepared(user, existing: existing)
            try await store.putResource(stored)
            if stored.disabled { try await revokeCredentials(of: name) }
            return Response(status: .created)
        }
        api.delete("/users/:name") { _, context -> Response in
            var user = try await existingUser(try context.parameters.require("name"))
            user.disabled = true
            try await store.putResource(user)
            try await revokeCredentials(of: user.username)
            return Response(status: .noContent)
        }
        api.put("/users/:name/reinstate") { _, context -> Response in
            var user = try await existingUser(try context.parameters.require("name"))
            user.disabled = false
            try await store.putResource(user)
            return Response(status: .created)
        }
        api.put("/users/:name/password") { request, context -> Response in
            var user = try await existingUser(try context.parameters.require("name"))
            let change = try Self.passwordChange(try await Self.body(of: request))
            guard let current = change.password, users.matches(current, hash: user.passwordHash) else {
                throw APIError(.invalidArgument, "password: does not match the current password")
            }
            user.passwordHash = try newHash(change)
            try await store.putResource(user)
            return Response(status: .created)
        }
        api.put("/users/:name/reset_password") { request, context -> Response in
            var user = try await existingUser(try context.parameters.require("name"))
            let change = try Self.passwordChange(try await Self.body(of: request))
            user.passwordHash = try newHash(change, clearText: change.passwordNew ?? change.password)
            try await store.putResource(user)
            try await sessions.closeAll(user: user.username)
            return Response(status: .created)
        }
        api.put("/users/:name/groups/:group") { _, context -> Response in
            var user = try await existingUser(try context.parameters.require("name"))
            let group = try context.parameters.require("group")
            if !user.groups.contains(group) { user.groups.append(group) }
            try await store.putResource(user)
            return Response(status: .created)
        }
        api.delete("/users/:name/groups/:group") { _, context -> Response in
            var user = try await existingUser(try context.parameters.require("name"))
            let group = try context.parameters.require("group")
            user.groups.removeAll { $0 == group }
            try await store.putResource(user)
            return Response(status: .noContent)
        }
        api.delete("/users/:name/groups") { _, context -> Response in
            var user = try await existingUser(try context.parameters.require("name"))
            user.groups = []
            try await store.putResource(user)
            return Response(status: .noContent)
        }
    }

    /// The stored user, or 404.
    private func existingUser(_ name: String) async throws -> User {
        guard let user = try await store.resource(User.self, namespace: "", name: name) else {
            throw APIError(.notFound, "user \"\(name)\" not found")
        }
        return user
    }

    /// Validates a user body and hashes its password: a clear `password` (at least 8 characters) is hashed, else a
    /// bcrypt `password_hash` is kept, else the existing user's hash is kept. - Throws: `APIError` 400.
    private func prepared(_ user: User, existing: User?) throws(APIError) -> User {
        try Self.validate(user)
        if !user.password.isEmpty { return users.hashingPassword(of: user) }
        var stored = user
        if !user.passwordHash.isEmpty {
            guard UserAuthenticator.isBcryptHash(user.passwordHash) else {
                throw APIError(.invalidArgument, "password_hash: is not a bcrypt hash")
            }
        } else if let existing {
            stored.passwordHash = existing.passwordHash
        } else {
            throw APIError(.invalidArgument, "password: must be set (or password_hash)")
        }
        return stored
    }

    /// The new hash of a password change: `password_hash` when given, else the hash of `clearText`.
    /// - Throws: `APIError` 400 when neither is usable.
    private func newHash(_ change: PasswordChange, clearText: String? = nil) throws(APIError) -> String {
        if let hash = change.passwordHash, !hash.isEmpty {
            guard UserAuthenticator.isBcryptHash(hash) else {
                throw APIError(.invalidArgument, "password_hash: is not a bcrypt hash")
            }
            return hash
        }
        guard let clear = change.passwordNew ?? clearText, !clear.isEmpty else {
            throw APIError(.invalidArgument, "password_hash: required field missing")
        }
        guard clear.count >= 8 else { throw APIError(.invalidArgument, "password: must be at least 8 characters") }
        return users.hash(clear)
    }

    /// Decodes a password change body. - Throws: `APIError` 400.
    private static func passwordChange(_ data: Data) throws(APIError) -> PasswordChange {
        do { return try JSONDecoder().decode(PasswordChange.self, from: data) } catch {
            throw APIError(.invalidArgument, "body: expected a JSON object with password_hash")
        }
    }

    /// Ends the user's token sessions and deletes its API keys.
    func revokeCredentials(of username: String) async throws {
        try await sessions.closeAll(user: username)
        for key in try await store.resources(APIKey.self, namespace: nil) where key.username == username {
            _ = try await store.deleteResource(.apiKey, namespace: "", name: key.metadata.name)
        }
    }
}
