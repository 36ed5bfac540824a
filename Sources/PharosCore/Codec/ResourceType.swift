/// The `core/v2` resource types Pharos stores, with the names Sensu uses for them: the Go type name written in
/// documents (`CheckConfig`), the snake_case alias (`check_config`, Sensu Go `core/v2/typemap.go`), the REST
/// collection (`checks`) and whether the type is namespaced (reference §1.1, §1.4, §2.1).
public enum ResourceType: String, Sendable, Hashable, Codable, CaseIterable {
    case checkConfig = "check_config"
    case handler
    case eventFilter = "event_filter"
    case mutator
    case entity
    case event
    case silenced
    case namespace
    case asset
    case hookConfig = "hook_config"
    case user
    case role
    case roleBinding = "role_binding"
    case clusterRole = "cluster_role"
    case clusterRoleBinding = "cluster_role_binding"
    case apiKey = "api_key"
    case pipeline

    /// The snake_case alias, e.g. `check_config`.
    public var alias: String { rawValue }

    /// The Go type name written in the `type` field of wrapped documents, e.g. `CheckConfig`.
    public var typeName: String {
        switch self {
        case .checkConfig: "CheckConfig"
        case .handler: "Handler"
        case .eventFilter: "EventFilter"
        case .mutator: "Mutator"
        case .entity: "Entity"
        case .event: "Event"
        case .silenced: "Silenced"
        case .namespace: "Namespace"
        case .asset: "Asset"
        case .hookConfig: "HookConfig"
        case .user: "User"
        case .role: "Role"
        case .roleBinding: "RoleBinding"
        case .clusterRole: "ClusterRole"
        case .clusterRoleBinding: "ClusterRoleBinding"
        case .apiKey: "APIKey"
        case .pipeline: "Pipeline"
        }
    }

    /// The REST collection path segment, e.g. `checks` in `/api/core/v2/namespaces/default/checks`.
    public var collection: String {
        switch self {
        case .checkConfig: "checks"
        case .handler: "handlers"
        case .eventFilter: "filters"
        case .mutator: "mutators"
        case .entity: "entities"
        case .event: "events"
        case .silenced: "silenced"
        case .namespace: "namespaces"
        case .asset: "assets"
        case .hookConfig: "hooks"
        case .user: "users"
        case .role: "roles"
        case .roleBinding: "rolebindings"
        case .clusterRole: "clusterroles"
        case .clusterRoleBinding: "clusterrolebindings"
        case .apiKey: "apikeys"
        case .pipeline: "pipelines"
        }
    }

    /// Whether resources of this type live in a namespace (false for `Namespace`, `User`, `ClusterRole`,
    /// `ClusterRoleBinding` and `APIKey`).
    public var isNamespaced: Bool {
        switch self {
        case .namespace, .user, .clusterRole, .clusterRoleBinding, .apiKey: false
        default: true
        }
    }

    /// The Swift type that models this resource type.
    public var modelType: any Resource.Type {
        switch self {
        case .checkConfig: CheckConfig.self
        case .handler: Handler.self
        case .eventFilter: EventFilter.self
        case .mutator: Mutator.self
        case .entity: Entity.self
        case .event: Event.self
        case .silenced: Silenced.self
        case .namespace: Namespace.self
        case .asset: Asset.self
        case .hookConfig: HookConfig.self
        case .user: User.self
        case .role: Role.self
        case .roleBinding: RoleBinding.self
        case .clusterRole: ClusterRole.self
        case .clusterRoleBinding: ClusterRoleBinding.self
        case .apiKey: APIKey.self
        case .pipeline: Pipeline.self
        }
    }

    /// Resolves a `type` field: the snake_case alias (`check_config`) or the Go type name (`CheckConfig`),
    /// compared case-insensitively.
    /// - Returns: `nil` for an unknown name.
    public init?(name: String) {
        let wanted = name.lowercased()
        guard let match = Self.allCases.first(where: { $0.alias == wanted || $0.typeName.lowercased() == wanted })
        else { return nil }
        self = match
    }
}
