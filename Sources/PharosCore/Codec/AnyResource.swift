import Foundation

/// A resource of any `core/v2` type, as produced by `ResourceCodec` (one case per type).
public enum AnyResource: Sendable, Hashable {
    case checkConfig(CheckConfig)
    case handler(Handler)
    case eventFilter(EventFilter)
    case mutator(Mutator)
    case entity(Entity)
    case event(Event)
    case silenced(Silenced)
    case namespace(Namespace)
    case asset(Asset)
    case hookConfig(HookConfig)
    case user(User)
    case role(Role)
    case roleBinding(RoleBinding)
    case clusterRole(ClusterRole)
    case clusterRoleBinding(ClusterRoleBinding)
    case apiKey(APIKey)
    case pipeline(Pipeline)

    /// Wraps a typed resource.
    /// - Precondition: `resource` is one of the seventeen `core/v2` model types.
    public init(_ resource: any Resource) {
        switch resource {
        case let value as CheckConfig: self = .checkConfig(value)
        case let value as Handler: self = .handler(value)
        case let value as EventFilter: self = .eventFilter(value)
        case let value as Mutator: self = .mutator(value)
        case let value as Entity: self = .entity(value)
        case let value as Event: self = .event(value)
        case let value as Silenced: self = .silenced(value)
        case let value as Namespace: self = .namespace(value)
        case let value as Asset: self = .asset(value)
        case let value as HookConfig: self = .hookConfig(value)
        case let value as User: self = .user(value)
        case let value as Role: self = .role(value)
        case let value as RoleBinding: self = .roleBinding(value)
        case let value as ClusterRole: self = .clusterRole(value)
        case let value as ClusterRoleBinding: self = .clusterRoleBinding(value)
        case let value as APIKey: self = .apiKey(value)
        case let value as Pipeline: self = .pipeline(value)
        default: preconditionFailure("AnyResource does not know the resource type \(type(of: resource))")
        }
    }

    /// The wrapped value.
    public var resource: any Resource {
        switch self {
        case .checkConfig(let value): value
        case .handler(let value): value
        case .eventFilter(let value): value
        case .mutator(let value): value
        case .entity(let value): value
        case .event(let value): value
        case .silenced(let value): value
        case .namespace(let value): value
        case .asset(let value): value
        case .hookConfig(let value): value
        case .user(let value): value
        case .role(let value): value
        case .roleBinding(let value): value
        case .clusterRole(let value): value
        case .clusterRoleBinding(let value): value
        case .apiKey(let value): value
        case .pipeline(let value): value
        }
    }

    /// The resource type.
    public var resourceType: ResourceType { type(of: resource).resourceType }

    /// The metadata; setting it replaces the wrapped value's metadata.
    public var metadata: ObjectMeta {
        get { resource.metadata }
        set {
            var value = resource
            value.metadata = newValue
            self = AnyResource(value)
        }
    }

    /// The resource name (`metadata.name`; an event has none).
    public var name: String { metadata.name }
    /// The namespace (empty for cluster-wide types).
    public var namespace: String { metadata.namespace }
    /// Whether the type is namespaced.
    public var isNamespaced: Bool { resourceType.isNamespaced }
    /// The REST collection path segment, e.g. `checks`.
    public var collection: String { resourceType.collection }

    /// The REST path of this resource: `/api/core/v2/namespaces/{ns}/{collection}/{name}` for namespaced types,
    /// `/api/core/v2/{collection}/{name}` for cluster-wide ones, and
    /// `/api/core/v2/namespaces/{ns}/events/{entity}/{check}` for events. Path segments are percent-escaped like Go's `url.PathEscape`.
    public var uriPath: String {
        let prefix = "/api/core/v2"
        if case .event(let event) = self {
            let entity = Self.escape(event.entity?.metadata.name ?? "")
            let check = Self.escape(event.check?.config.metadata.name ?? "")
            return "\(prefix)/namespaces/\(Self.escape(namespace))/events/\(entity)/\(check)"
        }
        if isNamespaced {
            return "\(prefix)/namespaces/\(Self.escape(namespace))/\(collection)/\(Self.escape(name))"
        }
        return "\(prefix)/\(collection)/\(Self.escape(name))"
    }

    /// Checks the wrapped value against Sensu's validation rules.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try resource.validate()
    }

    /// The bare JSON tree of the wrapped value (metadata inline), as the `core/v2` REST API sends it.
    /// - Throws: `EncodingError` if the value cannot be encoded (does not happen for the model types).
    public func jsonValue() throws -> JSONValue {
        try JSONValue(encoding: resource)
    }

    /// Characters Go's `url.PathEscape` leaves alone: letters, digits, `-_.~` and `$&+:=@`.
    private static let segmentCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~$&+:=@")

    private static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? segment
    }
}
