import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// Roles and role bindings (namespaced, through the generic resource routes) and cluster roles and cluster role
    /// bindings (cluster-wide, through `addClusterResourceRoutes`).
    func addRBACRoutes(to api: RouterGroup<APIRequestContext>) {
        addResourceRoutes(Role.self, to: api)
        addResourceRoutes(RoleBinding.self, to: api)
        addClusterResourceRoutes(ClusterRole.self, to: api)
        addClusterResourceRoutes(ClusterRoleBinding.self, to: api)
    }

    /// `GET|POST /{collection}` and `GET|PUT|DELETE /{collection}/{name}` for a cluster-wide resource type (stored
    /// with the empty namespace): POST 201/409, PUT create-or-replace 201 (URL and body name must agree, else 400),
    /// GET 200/404, DELETE 204/404.
    func addClusterResourceRoutes<R: Resource>(_ type: R.Type, to api: RouterGroup<APIRequestContext>) {
        precondition(!R.resourceType.isNamespaced, "\(R.resourceType.typeName) is namespaced")
        let collection = "/\(R.resourceType.collection)"
        api.get(RouterPath(collection)) { _, _ -> Response in
            try Self.json(try await store.resources(R.self, namespace: nil).map(Self.redacted))
        }
        api.get(RouterPath(collection + "/:name")) { _, context -> Response in
            let name = try context.parameters.require("name")
            guard let resource = try await store.resource(R.self, namespace: "", name: name) else {
                throw APIError(.notFound, "\(R.resourceType.typeName) \"\(name)\" not found")
            }
            return try Self.json(Self.redacted(resource))
        }
        api.post(RouterPath(collection)) { request, context -> Response in
            let resource = try await prepareClusterWide(R.self, request: request, context: context, urlName: nil)
            try await store.createResource(resource)
            return Response(status: .created)
        }
        api.put(RouterPath(collection + "/:name")) { request, context -> Response in
            let name = try context.parameters.require("name")
            let resource = try await prepareClusterWide(R.self, request: request, context: context, urlName: name)
            try Self.requireMatch(name, resource.metadata.name, field: "metadata.name")
            try await store.putResource(resource)
            return Response(status: .created)
        }
        api.delete(RouterPath(collection + "/:name")) { _, context -> Response in
            let name = try context.parameters.require("name")
            guard try await store.deleteResource(R.resourceType, namespace: "", name: name) else {
                throw APIError(.notFound, "\(R.resourceType.typeName) \"\(name)\" not found")
            }
            return Response(status: .noContent)
        }
    }

    /// Decodes a cluster-wide resource body (a namespace in it is refused), fills the URL's name, sets
    /// `created_by` and validates. - Throws: `APIError` 400.
    private func prepareClusterWide<R: Resource>(
        _ type: R.Type, request: Request, context: APIRequestContext, urlName: String?
    ) async throws -> R {
        var resource = try Self.decode(R.self, from: try await Self.body(of: request), namespace: nil)
        if !resource.metadata.namespace.isEmpty {
            throw APIError(
                .invalidArgument, "metadata.namespace: \(R.resourceType.typeName) is cluster-wide and has no namespace")
        }
        if resource.metadata.name.isEmpty, let urlName { resource.metadata.name = urlName }
        if let subject = context.subject, resource.metadata.createdBy.isEmpty {
            resource.metadata.createdBy = subject
        }
        try Self.validate(resource)
        return resource
    }
}
