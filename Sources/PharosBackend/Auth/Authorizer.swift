import PharosCore
public import PharosStore

/// Decides RBAC questions from the stored roles and bindings (Sensu Go `rbac.Authorizer`): a request is allowed
/// when a cluster role binding naming the principal (user or one of its groups) grants a cluster role with a
/// matching rule, or, inside a namespace, a role binding of that namespace grants a role (or cluster role) with a
/// matching rule. A rule matches when its verbs hold the verb or `*`, its resources hold the resource or `*`, and
/// its `resource_names` are empty or hold the name. Bindings naming a missing role grant nothing.
public struct Authorizer: Sendable {
    let store: any Store

    /// Creates an authorizer reading `store`.
    public init(store: any Store) {
        self.store = store
    }

    /// Whether `principal` may do `request`.
    /// - Throws: `StoreError` when the store fails.
    public func allows(_ principal: Principal, _ request: AccessRequest) async throws(StoreError) -> Bool {
        for rules in try await clusterRules(for: principal) where Self.matches(rules, request) { return true }
        guard !request.namespace.isEmpty else { return false }
        for rules in try await namespaceRules(for: principal, namespace: request.namespace)
        where Self.matches(rules, request) {
            return true
        }
        return false
    }

    /// The namespaces `principal` may see in `GET /namespaces`: `nil` (all) when a cluster role binding grants
    /// listing namespaces, else the existing namespaces where a role binding names the principal.
    /// - Throws: `StoreError` when the store fails.
    public func visibleNamespaces(_ principal: Principal) async throws(StoreError) -> Set<String>? {
        let listAll = AccessRequest(verb: "list", resource: "namespaces")
        for rules in try await clusterRules(for: principal) where Self.matches(rules, listAll) { return nil }
        let existing = Set(try await store.resources(Namespace.self, namespace: nil).map(\.name))
        let bound = try await store.resources(RoleBinding.self, namespace: nil)
            .filter { Self.names(principal, in: $0.subjects) }
            .map(\.metadata.namespace)
        return Set(bound).intersection(existing)
    }

    /// The rule sets of the cluster roles granted to `principal` by cluster role bindings.
    private func clusterRules(for principal: Principal) async throws(StoreError) -> [[RoleRule]] {
        var result: [[RoleRule]] = []
        for binding in try await store.resources(ClusterRoleBinding.self, namespace: nil)
        where Self.names(principal, in: binding.subjects) {
            if let role = try await store.resource(ClusterRole.self, namespace: "", name: binding.roleRef.name) {
                result.append(role.rules)
            }
        }
        return result
    }

    /// The rule sets granted to `principal` by the role bindings of `namespace`.
    private func namespaceRules(for principal: Principal, namespace: String) async throws(StoreError) -> [[RoleRule]] {
        var result: [[RoleRule]] = []
        for binding in try await store.resources(RoleBinding.self, namespace: namespace)
        where Self.names(principal, in: binding.subjects) {
            if binding.roleRef.type == "ClusterRole" {
                if let role = try await store.resource(ClusterRole.self, namespace: "", name: binding.roleRef.name) {
                    result.append(role.rules)
                }
            } else if let role = try await store.resource(Role.self, namespace: namespace, name: binding.roleRef.name) {
                result.append(role.rules)
            }
        }
        return result
    }

    /// Whether one of `subjects` is the principal's user or one of its groups.
    static func names(_ principal: Principal, in subjects: [RoleSubject]) -> Bool {
        subjects.contains { subject in
            switch subject.type {
            case "User": subject.name == principal.username
            case "Group": principal.groups.contains(subject.name)
            default: false
            }
        }
    }

    /// Whether one of `rules` grants `request`.
    static func matches(_ rules: [RoleRule], _ request: AccessRequest) -> Bool {
        rules.contains { rule in
            (rule.verbs.contains("*") || rule.verbs.contains(request.verb))
                && (rule.resources.contains("*") || rule.resources.contains(request.resource))
                && (rule.resourceNames.isEmpty || rule.resourceNames.contains(request.name))
        }
    }
}
