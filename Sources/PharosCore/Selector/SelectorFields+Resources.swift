extension SelectorFields {
    /// The field names each resource type offers to `fieldSelector` (besides `labels.<name>`), after Sensu Go
    /// `core/v2` `CheckConfigFields`, `EntityFields`, `EventFields` and the others.
    public static func names(of type: ResourceType) -> Set<String> {
        let prefix = prefix(of: type)
        let common: Set<String> = type.isNamespaced ? ["\(prefix).name", "\(prefix).namespace"] : ["\(prefix).name"]
        let specific: [String]
        switch type {
        case .checkConfig:
            specific = [
                "check.handlers", "check.publish", "check.round_robin", "check.runtime_assets", "check.subscriptions",
            ]
        case .entity:
            specific = ["entity.deregister", "entity.entity_class", "entity.subscriptions"]
        case .event:
            specific = [
                "event.is_silenced", "event.check.is_silenced", "event.check.name", "event.check.handlers",
                "event.check.publish", "event.check.round_robin", "event.check.runtime_assets", "event.check.state",
                "event.check.status", "event.check.subscriptions", "event.entity.deregister",
                "event.entity.entity_class", "event.entity.name", "event.entity.subscriptions", "event.name",
            ]
        case .handler: specific = ["handler.filters", "handler.handlers", "handler.mutator", "handler.type"]
        case .eventFilter: specific = ["filter.action", "filter.runtime_assets"]
        case .mutator: specific = ["mutator.runtime_assets", "mutator.type"]
        case .asset: specific = ["asset.filters"]
        case .hookConfig: specific = ["hook.runtime_assets"]
        case .silenced:
            specific = [
                "silenced.check", "silenced.creator", "silenced.expire_on_resolve", "silenced.subscription",
            ]
        case .user: specific = ["user.username", "user.disabled", "user.groups"]
        case .roleBinding: specific = ["rolebinding.role_ref.name", "rolebinding.role_ref.type"]
        case .clusterRoleBinding:
            specific = ["clusterrolebinding.role_ref.name", "clusterrolebinding.role_ref.type"]
        case .apiKey: specific = ["api_key.username"]
        case .namespace, .role, .clusterRole, .pipeline: specific = []
        }
        return common.union(specific)
    }

    /// The field-name prefix of a type: `check`, `entity`, `event`, `handler`, `filter`, `mutator`, `asset`, `hook`,
    /// `silenced`, `namespace`, `user`, `role`, `rolebinding`, `clusterrole`, `clusterrolebinding`, `api_key`,
    /// `pipeline`.
    public static func prefix(of type: ResourceType) -> String {
        switch type {
        case .checkConfig: "check"
        case .eventFilter: "filter"
        case .hookConfig: "hook"
        case .roleBinding: "rolebinding"
        case .clusterRole: "clusterrole"
        case .clusterRoleBinding: "clusterrolebinding"
        default: type.rawValue
        }
    }

    /// The selectable fields of a resource.
    public init(_ resource: some Resource) {
        let type = type(of: resource).resourceType
        let prefix = Self.prefix(of: type)
        let meta = resource.metadata
        var fields: [String: SelectorField] = ["\(prefix).name": .scalar(meta.name)]
        if type.isNamespaced { fields["\(prefix).namespace"] = .scalar(meta.namespace) }
        func flag(_ value: Bool) -> SelectorField { .scalar(value ? "true" : "false") }
        switch resource {
        case let check as CheckConfig:
            fields["check.handlers"] = .list(check.handlers)
            fields["check.publish"] = flag(check.publish)
            fields["check.round_robin"] = flag(check.roundRobin)
            fields["check.runtime_assets"] = .list(check.runtimeAssets)
            fields["check.subscriptions"] = .list(check.subscriptions)
        case let entity as Entity:
            fields["entity.deregister"] = flag(entity.deregister)
            fields["entity.entity_class"] = .scalar(entity.entityClass)
            fields["entity.subscriptions"] = .list(entity.subscriptions)
        case let event as Event:
            let check = event.check
            let entity = event.entity
            fields["event.name"] = .scalar("\(entity?.metadata.name ?? "")/\(check?.metadata.name ?? "")")
            fields["event.namespace"] = .scalar(meta.namespace)
            fields["event.is_silenced"] = flag(event.isSilenced)
            fields["event.check.is_silenced"] = flag(check?.isSilenced ?? false)
            fields["event.check.name"] = .scalar(check?.metadata.name ?? "")
            fields["event.check.handlers"] = .list(check?.handlers ?? [])
            fields["event.check.publish"] = flag(check?.publish ?? false)
            fields["event.check.round_robin"] = flag(check?.roundRobin ?? false)
            fields["event.check.runtime_assets"] = .list(check?.runtimeAssets ?? [])
            fields["event.check.state"] = .scalar(check?.state ?? "")
            fields["event.check.status"] = .scalar(String(check?.status ?? 0))
            fields["event.check.subscriptions"] = .list(check?.subscriptions ?? [])
            fields["event.entity.deregister"] = flag(entity?.deregister ?? false)
            fields["event.entity.entity_class"] = .scalar(entity?.entityClass ?? "")
            fields["event.entity.name"] = .scalar(entity?.metadata.name ?? "")
            fields["event.entity.subscriptions"] = .list(entity?.subscriptions ?? [])
        case let handler as Handler:
            fields["handler.filters"] = .list(handler.filters)
            fields["handler.handlers"] = .list(handler.handlers)
            fields["handler.mutator"] = .scalar(handler.mutator)
            fields["handler.type"] = .scalar(handler.type)
        case let filter as EventFilter:
            fields["filter.action"] = .scalar(filter.action)
            fields["filter.runtime_assets"] = .list(filter.runtimeAssets)
        case let mutator as Mutator:
            fields["mutator.runtime_assets"] = .list(mutator.runtimeAssets)
            fields["mutator.type"] = .scalar(mutator.type)
        case let asset as Asset:
            fields["asset.filters"] = .list(asset.filters)
        case let hook as HookConfig:
            fields["hook.runtime_assets"] = .list(hook.runtimeAssets)
        case let silenced as Silenced:
            fields["silenced.check"] = .scalar(silenced.check)
            fields["silenced.creator"] = .scalar(silenced.creator)
            fields["silenced.expire_on_resolve"] = flag(silenced.expireOnResolve)
            fields["silenced.subscription"] = .scalar(silenced.subscription)
        case let user as User:
            fields["user.username"] = .scalar(user.username)
            fields["user.disabled"] = flag(user.disabled)
            fields["user.groups"] = .list(user.groups)
        case let binding as RoleBinding:
            fields["rolebinding.role_ref.name"] = .scalar(binding.roleRef.name)
            fields["rolebinding.role_ref.type"] = .scalar(binding.roleRef.type)
        case let binding as ClusterRoleBinding:
            fields["clusterrolebinding.role_ref.name"] = .scalar(binding.roleRef.name)
            fields["clusterrolebinding.role_ref.type"] = .scalar(binding.roleRef.type)
        case let key as APIKey:
            fields["api_key.username"] = .scalar(key.username)
        default:
            break
        }
        self.init(prefix: prefix, fields: fields, labels: meta.labels)
    }
}
