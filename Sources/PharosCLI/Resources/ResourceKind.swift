import PharosCore

/// A resource type as the CLI shows it: its command name, plural and table (one conforming enum per type, used
/// by the generic `list`, `info` and `delete` commands).
protocol ResourceKind {
    /// The model type.
    associatedtype Model: Resource
    /// Singular noun used in messages, e.g. `check`.
    static var singular: String { get }
    /// Plural noun used in help, e.g. `checks`.
    static var plural: String { get }
    /// The tabular view (sensuctl's columns).
    static func table(_ tables: ResourceTables, _ items: [Model]) -> Table
}

extension ResourceKind {
    /// The model's resource type.
    static var resourceType: ResourceType { Model.resourceType }
}

/// Checks (`CheckConfig`).
enum CheckKind: ResourceKind {
    static let singular = "check"
    static let plural = "checks"
    static func table(_ tables: ResourceTables, _ items: [CheckConfig]) -> Table { tables.checks(items) }
}

/// Entities.
enum EntityKind: ResourceKind {
    static let singular = "entity"
    static let plural = "entities"
    static func table(_ tables: ResourceTables, _ items: [Entity]) -> Table { tables.entities(items) }
}

/// Events.
enum EventKind: ResourceKind {
    static let singular = "event"
    static let plural = "events"
    static func table(_ tables: ResourceTables, _ items: [Event]) -> Table { tables.events(items) }
}

/// Handlers.
enum HandlerKind: ResourceKind {
    static let singular = "handler"
    static let plural = "handlers"
    static func table(_ tables: ResourceTables, _ items: [Handler]) -> Table { tables.handlers(items) }
}

/// Event filters.
enum FilterKind: ResourceKind {
    static let singular = "filter"
    static let plural = "filters"
    static func table(_ tables: ResourceTables, _ items: [EventFilter]) -> Table { tables.filters(items) }
}

/// Mutators.
enum MutatorKind: ResourceKind {
    static let singular = "mutator"
    static let plural = "mutators"
    static func table(_ tables: ResourceTables, _ items: [Mutator]) -> Table { tables.mutators(items) }
}

/// Assets.
enum AssetKind: ResourceKind {
    static let singular = "asset"
    static let plural = "assets"
    static func table(_ tables: ResourceTables, _ items: [Asset]) -> Table { tables.assets(items) }
}

/// Hooks (`HookConfig`).
enum HookKind: ResourceKind {
    static let singular = "hook"
    static let plural = "hooks"
    static func table(_ tables: ResourceTables, _ items: [HookConfig]) -> Table { tables.hooks(items) }
}

/// Pipelines.
enum PipelineKind: ResourceKind {
    static let singular = "pipeline"
    static let plural = "pipelines"
    static func table(_ tables: ResourceTables, _ items: [Pipeline]) -> Table { tables.pipelines(items) }
}

/// Silenced entries.
enum SilencedKind: ResourceKind {
    static let singular = "silenced entry"
    static let plural = "silenced entries"
    static func table(_ tables: ResourceTables, _ items: [Silenced]) -> Table { tables.silenced(items) }
}

/// Namespaces.
enum NamespaceKind: ResourceKind {
    static let singular = "namespace"
    static let plural = "namespaces"
    static func table(_ tables: ResourceTables, _ items: [Namespace]) -> Table { tables.namespaces(items) }
}

/// Users.
enum UserKind: ResourceKind {
    static let singular = "user"
    static let plural = "users"
    static func table(_ tables: ResourceTables, _ items: [User]) -> Table { tables.users(items) }
}

/// Roles.
enum RoleKind: ResourceKind {
    static let singular = "role"
    static let plural = "roles"
    static func table(_ tables: ResourceTables, _ items: [Role]) -> Table { tables.roles(items) }
}

/// Role bindings.
enum RoleBindingKind: ResourceKind {
    static let singular = "role binding"
    static let plural = "role bindings"
    static func table(_ tables: ResourceTables, _ items: [RoleBinding]) -> Table { tables.roleBindings(items) }
}

/// Cluster roles.
enum ClusterRoleKind: ResourceKind {
    static let singular = "cluster role"
    static let plural = "cluster roles"
    static func table(_ tables: ResourceTables, _ items: [ClusterRole]) -> Table { tables.clusterRoles(items) }
}

/// Cluster role bindings.
enum ClusterRoleBindingKind: ResourceKind {
    static let singular = "cluster role binding"
    static let plural = "cluster role bindings"
    static func table(_ tables: ResourceTables, _ items: [ClusterRoleBinding]) -> Table {
        tables.clusterRoleBindings(items)
    }
}

/// API keys.
enum APIKeyKind: ResourceKind {
    static let singular = "API key"
    static let plural = "API keys"
    static func table(_ tables: ResourceTables, _ items: [APIKey]) -> Table { tables.apiKeys(items) }
}
