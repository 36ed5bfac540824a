/// What a request wants to do, in RBAC terms (Sensu Go `authorization.Attributes`): a verb on a resource type
/// (REST collection name), in a namespace (empty for cluster-wide resources and all-namespace lists), optionally
/// on one named resource.
public struct AccessRequest: Sendable, Hashable, CustomStringConvertible {
    /// `get`, `list`, `create`, `update` or `delete`.
    public var verb: String
    /// The REST collection, e.g. `checks`, `users`, or `localselfuser` for a user acting on itself.
    public var resource: String
    /// The namespace; empty for cluster-wide resources.
    public var namespace: String
    /// The resource's name (events: `entity/check`); empty for lists and creates.
    public var name: String
    /// The path after the name, e.g. `password` in `/users/bob/password`; empty when the request addresses the
    /// resource itself.
    public var subresource: String

    /// Creates an access request.
    public init(verb: String, resource: String, namespace: String = "", name: String = "", subresource: String = "") {
        self.verb = verb
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.subresource = subresource
    }

    /// The resource a user's requests on itself map to (Sensu Go `LocalSelfUserResource`).
    public static let localSelfUser = "localselfuser"

    /// `verb resource[/name] in namespace`, for logs.
    public var description: String {
        let target = name.isEmpty ? resource : "\(resource)/\(name)"
        return namespace.isEmpty ? "\(verb) \(target)" : "\(verb) \(target) in \(namespace)"
    }
}
