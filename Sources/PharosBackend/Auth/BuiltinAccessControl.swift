public import PharosCore
public import PharosStore

/// The cluster roles and cluster role bindings `pharos-backend init` seeds (Sensu Go 6 seeds, reference §1.15):
/// `cluster-admin` (everything; bound to group `cluster-admins`), `admin` (all verbs on the common namespaced
/// resources plus roles and role bindings, read namespaces), `edit` (all verbs on the common resources, read
/// namespaces), `view` (read the common resources and namespaces), `system:agent` (all verbs on events; bound to
/// group `system:agents`) and `system:user` (read itself and change its own password; bound to `system:users`).
public enum BuiltinAccessControl {
    /// Setting key written once the built-ins were seeded (so a deleted built-in is not re-created).
    public static let seededKey = "rbac.seeded"

    /// The namespaced resources the `admin`, `edit` and `view` roles cover (Sensu Go `CommonCoreResources`, with
    /// `pipelines`).
    public static let commonResources = [
        "assets", "checks", "entities", "events", "filters", "handlers", "hooks", "mutators", "pipelines", "silenced",
    ]

    /// The six built-in cluster roles.
    public static var clusterRoles: [ClusterRole] {
        [
            role("cluster-admin", [RoleRule(verbs: ["*"], resources: ["*"])]),
            role(
                "admin",
                [
                    RoleRule(verbs: ["*"], resources: commonResources + ["roles", "rolebindings"]),
                    RoleRule(verbs: ["get", "list"], resources: ["namespaces"]),
                ]),
            role(
                "edit",
                [
                    RoleRule(verbs: ["*"], resources: commonResources),
                    RoleRule(verbs: ["get", "list"], resources: ["namespaces"]),
                ]),
            role("view", [RoleRule(verbs: ["get", "list"], resources: commonResources + ["namespaces"])]),
            role("system:agent", [RoleRule(verbs: ["*"], resources: ["events"])]),
            role("system:user", [RoleRule(verbs: ["get", "update"], resources: [AccessRequest.localSelfUser])]),
        ]
    }

    /// The three built-in cluster role bindings.
    public static var clusterRoleBindings: [ClusterRoleBinding] {
        [
            binding("cluster-admin", group: "cluster-admins"),
            binding("system:agent", group: "system:agents"),
            binding("system:user", group: Principal.localUsersGroup),
        ]
    }

    /// Stores the built-ins unless they were seeded before; existing resources of the same name are kept. Safe
    /// when several backends seed one store at once: each built-in is created if absent, and the `rbac.seeded`
    /// marker is created if absent, so exactly one call reports the seeding.
    /// - Returns: Whether this call seeded (created the marker).
    /// - Throws: `StoreError` when the store fails.
    @discardableResult
    public static func seed(_ store: any Store) async throws(StoreError) -> Bool {
        if try await store.setting(seededKey) != nil { return false }
        for role in clusterRoles { try await createIfAbsent(role, in: store) }
        for binding in clusterRoleBindings { try await createIfAbsent(binding, in: store) }
        return try await createMarker(seededKey, in: store)
    }

    /// Creates `resource` unless one of its name exists (kept as it is).
    /// - Throws: `StoreError` when the store fails.
    static func createIfAbsent<R: Resource>(_ resource: R, in store: any Store) async throws(StoreError) {
        do throws(StoreError) {
            try await store.createResource(resource)
        } catch  where error.kind == .alreadyExists {
            return
        }
    }

    /// Creates a marker setting if absent; returns whether this call created it.
    /// - Throws: `StoreError` when the store fails.
    static func createMarker(_ key: String, in store: any Store) async throws(StoreError) -> Bool {
        var generator = SystemRandomNumberGenerator()
        let token = "1:" + String(UInt64.random(in: .min ... .max, using: &generator), radix: 16)
        return try await store.createSettingIfAbsent(key, value: token) == token
    }

    private static func role(_ name: String, _ rules: [RoleRule]) -> ClusterRole {
        ClusterRole(metadata: ObjectMeta(name: name), rules: rules)
    }

    private static func binding(_ name: String, group: String) -> ClusterRoleBinding {
        ClusterRoleBinding(
            metadata: ObjectMeta(name: name), subjects: [RoleSubject(type: "Group", name: group)],
            roleRef: RoleRef(type: "ClusterRole", name: name))
    }
}
