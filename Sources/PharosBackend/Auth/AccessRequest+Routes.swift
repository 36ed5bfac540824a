import Foundation

extension AccessRequest {
    /// Maps a REST request under `/api/core/v2` to what it does, as Sensu Go's authorization-attributes middleware
    /// does: `POST` → create, `GET`/`HEAD` → get (list without a name), `PUT`/`PATCH` → update, `DELETE` → delete
    /// (`AuthMiddleware` then turns a `PUT` of a missing resource into create);
    /// `/namespaces/{ns}/{resource}[/{name}]` or `/{resource}[/{name}]`; events are named `entity/check` and
    /// `GET .../events/{entity}` is a list; `GET .../silenced/subscriptions/{s}` and `.../silenced/checks/{c}` are
    /// lists; a user reading itself or changing its own password acts on `localselfuser`.
    /// - Parameters:
    ///   - method: The HTTP method, upper case.
    ///   - path: The request path (without the query); segments are percent-decoded.
    ///   - username: The authenticated user.
    /// - Returns: `nil` for a path outside `/api/core/v2` (authentication alone applies there).
    public init?(method: String, path: String, username: String) {
        let prefix = ["api", "core", "v2"]
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            String(segment).removingPercentEncoding ?? String(segment)
        }
        guard segments.count >= prefix.count, Array(segments.prefix(prefix.count)) == prefix else { return nil }
        let parts = Array(segments.dropFirst(prefix.count))
        var verb: String
        switch method.uppercased() {
        case "POST": verb = "create"
        case "GET", "HEAD": verb = "get"
        case "PUT", "PATCH": verb = "update"
        case "DELETE": verb = "delete"
        default: verb = ""
        }
        var namespace = ""
        var resource = parts.first ?? ""
        var rest = Array(parts.dropFirst())
        if resource == "namespaces", rest.count >= 2 {
            namespace = rest[0]
            resource = rest[1]
            rest = Array(rest.dropFirst(2))
        }
        var name = rest.first ?? ""
        var subresource = rest.dropFirst().joined(separator: "/")
        var listable = false
        switch resource {
        case "events":
            if rest.count >= 2 {
                name = rest[0] + "/" + rest[1]
                subresource = ""
            } else {
                listable = true
            }
        case "silenced" where name == "subscriptions" || name == "checks":
            name = rest.count > 1 ? name + "/" + rest[1] : name
            subresource = ""
            listable = true
        default:
            break
        }
        if verb == "get", name.isEmpty || listable { verb = "list" }
        if resource == "users", name == username {
            if verb == "get", subresource.isEmpty { resource = Self.localSelfUser }
            if verb == "update", subresource == "password" { resource = Self.localSelfUser }
        }
        self.init(verb: verb, resource: resource, namespace: namespace, name: name, subresource: subresource)
    }
}
