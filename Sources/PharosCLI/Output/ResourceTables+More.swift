public import PharosCore

extension ResourceTables {
    /// Filters: Name, Action, Expressions. An allow filter's expressions are joined with ` && ` (it allows when all
    /// match), a deny filter's with ` || ` (it denies when any matches), as sensuctl shows them.
    public func filters(_ filters: [EventFilter]) -> Table {
        Table(
            headers: ["Name", "Action", "Expressions"],
            rows: filters.map { filter in
                let joiner = filter.action == "deny" ? " || " : " && "
                return [
                    filter.metadata.name, filter.action,
                    filter.expressions.map { "(\($0))" }.joined(separator: joiner),
                ]
            })
    }

    /// Hooks: Name, Command, Timeout, Stdin?, Assets.
    public func hooks(_ hooks: [HookConfig]) -> Table {
        Table(
            headers: ["Name", "Command", "Timeout", "Stdin?", "Assets"],
            rows: hooks.map { hook in
                [
                    hook.metadata.name, hook.command, hook.timeout == 0 ? "" : String(hook.timeout), String(hook.stdin),
                    hook.runtimeAssets.joined(separator: ","),
                ]
            })
    }

    /// Pipelines: Name, Workflows (each `name: filters → mutator → handler`, separated by `;`).
    public func pipelines(_ pipelines: [Pipeline]) -> Table {
        Table(
            headers: ["Name", "Workflows"],
            rows: pipelines.map { pipeline in
                [
                    pipeline.metadata.name,
                    pipeline.workflows.map { workflow in
                        let steps =
                            workflow.filters.map(\.name)
                            + [workflow.mutator?.name, workflow.handler?.name].compactMap {
                                $0
                            }
                        return "\(workflow.name): " + steps.joined(separator: " → ")
                    }.joined(separator: "; "),
                ]
            })
    }

    /// Silenced entries: Name, Subscription, Check, Begin, Expire (remaining seconds, `-1` for never), Expire On
    /// Resolve, Creator, Reason.
    public func silenced(_ entries: [Silenced]) -> Table {
        Table(
            headers: ["Name", "Subscription", "Check", "Begin", "Expire", "Expire On Resolve", "Creator", "Reason"],
            rows: entries.map { entry in
                [
                    entry.metadata.name, entry.subscription, entry.check, time(entry.begin), String(entry.expire),
                    String(entry.expireOnResolve), entry.creator, entry.reason,
                ]
            })
    }

    /// Users: Username, Groups, Enabled.
    public func users(_ users: [User]) -> Table {
        Table(
            headers: ["Username", "Groups", "Enabled"],
            rows: users.map { [$0.username, $0.groups.joined(separator: ","), String(!$0.disabled)] })
    }

    /// Roles: Name, Rules (the number of rules).
    public func roles(_ roles: [Role]) -> Table {
        Table(headers: ["Name", "Rules"], rows: roles.map { [$0.metadata.name, String($0.rules.count)] })
    }

    /// Cluster roles: Name, Rules (the number of rules).
    public func clusterRoles(_ roles: [ClusterRole]) -> Table {
        Table(headers: ["Name", "Rules"], rows: roles.map { [$0.metadata.name, String($0.rules.count)] })
    }

    /// Role bindings: Name, Role Ref (`Type/name`), Users, Groups.
    public func roleBindings(_ bindings: [RoleBinding]) -> Table {
        Table(
            headers: ["Name", "Role Ref", "Users", "Groups"],
            rows: bindings.map { binding in
                [binding.metadata.name] + bindingColumns(roleRef: binding.roleRef, subjects: binding.subjects)
            })
    }

    /// Cluster role bindings: Name, Role Ref (`Type/name`), Users, Groups.
    public func clusterRoleBindings(_ bindings: [ClusterRoleBinding]) -> Table {
        Table(
            headers: ["Name", "Role Ref", "Users", "Groups"],
            rows: bindings.map { binding in
                [binding.metadata.name] + bindingColumns(roleRef: binding.roleRef, subjects: binding.subjects)
            })
    }

    /// API keys: Name (the key), Username, Created At.
    public func apiKeys(_ keys: [APIKey]) -> Table {
        Table(
            headers: ["Name", "Username", "Created At"],
            rows: keys.map { [$0.metadata.name, $0.username, time($0.createdAt)] })
    }

    private func bindingColumns(roleRef: RoleRef, subjects: [RoleSubject]) -> [String] {
        [
            "\(roleRef.type)/\(roleRef.name)",
            subjects.filter { $0.type == "User" }.map(\.name).joined(separator: ","),
            subjects.filter { $0.type == "Group" }.map(\.name).joined(separator: ","),
        ]
    }
}
