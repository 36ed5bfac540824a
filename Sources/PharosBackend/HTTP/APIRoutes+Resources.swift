import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// `GET|POST /namespaces/{ns}/{collection}` and `GET|PUT|DELETE /namespaces/{ns}/{collection}/{name}`.
    func addResourceRoutes<R: Resource>(_ type: R.Type, to api: RouterGroup<APIRequestContext>) {
        let collection = "/namespaces/:namespace/\(R.resourceType.collection)"
        api.get(RouterPath("/\(R.resourceType.collection)")) { _, _ -> Response in
            try Self.json(try await store.resources(R.self, namespace: nil).map(Self.redacted))
        }
        api.get(RouterPath(collection)) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            return try Self.json(try await store.resources(R.self, namespace: namespace).map(Self.redacted))
        }
        api.get(RouterPath(collection + "/:name")) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let name = try context.parameters.require("name")
            guard let resource = try await store.resource(R.self, namespace: namespace, name: name) else {
                throw APIError(.notFound, "\(R.resourceType.typeName) \"\(namespace)/\(name)\" not found")
            }
            return try Self.json(Self.redacted(resource))
        }
        api.post(RouterPath(collection)) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let resource = try await prepare(R.self, request: request, context: context, namespace: namespace)
            try Self.requireMatch(namespace, resource.metadata.namespace, field: "metadata.namespace")
            try await requireNamespace(namespace)
            try await store.createResource(resource)
            return Response(status: .created)
        }
        api.put(RouterPath(collection + "/:name")) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let name = try context.parameters.require("name")
            let resource = try await prepare(
                R.self, request: request, context: context, namespace: namespace, urlName: name)
            try Self.requireMatch(namespace, resource.metadata.namespace, field: "metadata.namespace")
            try Self.requireMatch(name, resource.metadata.name, field: "metadata.name")
            try await requireNamespace(namespace)
            try await store.putResource(resource)
            return Response(status: .created)
        }
        api.delete(RouterPath(collection + "/:name")) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let name = try context.parameters.require("name")
            guard try await store.deleteResource(R.resourceType, namespace: namespace, name: name) else {
                throw APIError(.notFound, "\(R.resourceType.typeName) \"\(namespace)/\(name)\" not found")
            }
            return Response(status: .noContent)
        }
    }

    /// `GET|POST /namespaces`, `GET|PUT|DELETE /namespaces/{name}` (cluster-wide).
    func addNamespaceRoutes(to api: RouterGroup<APIRequestContext>) {
        api.get("/namespaces") { _, _ -> Response in
            try Self.json(try await store.resources(Namespace.self, namespace: nil))
        }
        api.get("/namespaces/:namespace") { _, context -> Response in
            let name = try context.parameters.require("namespace")
            guard let namespace = try await store.resource(Namespace.self, namespace: "", name: name) else {
                throw APIError(.notFound, "namespace \"\(name)\" not found")
            }
            return try Self.json(namespace)
        }
        api.post("/namespaces") { request, _ -> Response in
            let namespace = try Self.decode(Namespace.self, from: try await Self.body(of: request), namespace: nil)
            try Self.validate(namespace)
            try await store.createResource(namespace)
            return Response(status: .created)
        }
        api.put("/namespaces/:namespace") { request, context -> Response in
            let name = try context.parameters.require("namespace")
            var namespace = try Self.decode(Namespace.self, from: try await Self.body(of: request), namespace: nil)
            if namespace.name.isEmpty { namespace.name = name }
            try Self.requireMatch(name, namespace.name, field: "name")
            try Self.validate(namespace)
            try await store.putResource(namespace)
            return Response(status: .created)
        }
        api.delete("/namespaces/:namespace") { _, context -> Response in
            let name = try context.parameters.require("namespace")
            guard try await store.deleteResource(.namespace, namespace: "", name: name) else {
                throw APIError(.notFound, "namespace \"\(name)\" not found")
            }
            return Response(status: .noContent)
        }
    }

    /// Decodes the body, fills the URL's namespace (and name for `PUT`, or a silence's derived name), sets
    /// `created_by` from the token and validates.
    func prepare<R: Resource>(
        _ type: R.Type, request: Request, context: APIRequestContext, namespace: String, urlName: String? = nil
    ) async throws -> R {
        var resource = try Self.decode(R.self, from: try await Self.body(of: request), namespace: namespace)
        if var silenced = resource as? Silenced {
            if silenced.metadata.name.isEmpty { silenced.metadata.name = silenced.derivedName }
            if silenced.creator.isEmpty { silenced.creator = context.subject ?? "" }
            if let typed = silenced as? R { resource = typed }
        }
        if resource.metadata.name.isEmpty, let urlName { resource.metadata.name = urlName }
        if let subject = context.subject, resource.metadata.createdBy.isEmpty {
            resource.metadata.createdBy = subject
        }
        try Self.validate(resource)
        return resource
    }

    /// The resource as the API shows it: users never show `password` or `password_hash`.
    static func redacted<R: Resource>(_ resource: R) -> R {
        guard var user = resource as? User else { return resource }
        user.password = ""
        user.passwordHash = ""
        return (user as? R) ?? resource
    }
}
