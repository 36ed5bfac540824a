import Hummingbird
import PharosCore

extension APIRoutes {
    /// Roles and role bindings (namespaced) and cluster roles and cluster role bindings (cluster-wide), all through
    /// the generic resource routes (POST 201/409, PUT create-or-replace, GET with ETag, PATCH, DELETE 204/404).
    func addRBACRoutes(to api: RouterGroup<APIRequestContext>) {
        addResourceRoutes(Role.self, to: api)
        addResourceRoutes(RoleBinding.self, to: api)
        addResourceRoutes(ClusterRole.self, to: api)
        addResourceRoutes(ClusterRoleBinding.self, to: api)
    }
}
