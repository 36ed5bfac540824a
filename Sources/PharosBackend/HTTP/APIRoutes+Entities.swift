import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// Entities: `GET` joins config and state; `POST`/`PUT` store the config part (with `entity:<name>` always
    /// in the subscriptions) and answer 200 with the entity, as Sensu does; `DELETE` removes the entity and its
    /// events (reference §2.1).
    func addEntityRoutes(to api: RouterGroup<APIRequestContext>) {
        let collection = "/namespaces/:namespace/entities"
        api.get("/entities") { request, _ -> Response in
            try await entityList(request, namespace: nil)
        }
        api.get(RouterPath(collection)) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            try await requireNamespace(namespace)
            return try await entityList(request, namespace: namespace)
        }
        api.get(RouterPath(collection + "/:name")) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let name = try context.parameters.require("name")
            let shown = try await entity(namespace: namespace, name: name).redacted()
            var response = try Self.json(shown)
            response.headers[.eTag] = ETag.of(shown)
            return response
        }
        api.post(RouterPath(collection)) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let entity = try await prepare(Entity.self, request: request, context: context, namespace: namespace)
            try Self.requireMatch(namespace, entity.metadata.namespace, field: "metadata.namespace")
            try await requireNamespace(namespace)
            if try await store.entityConfig(namespace: namespace, name: entity.metadata.name) != nil {
                throw APIError(.alreadyExists, "Entity \"\(namespace)/\(entity.metadata.name)\" already exists")
            }
            return try Self.json(try await storeConfig(of: entity).redacted())
        }
        api.put(RouterPath(collection + "/:name")) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let name = try context.parameters.require("name")
            let entity = try await prepare(
                Entity.self, request: request, context: context, namespace: namespace, urlName: name)
            try Self.requireMatch(namespace, entity.metadata.namespace, field: "metadata.namespace")
            try Self.requireMatch(name, entity.metadata.name, field: "metadata.name")
            try await requireNamespace(namespace)
            // An agent started with --agent-managed-entity owns its config (reference §4.3).
            if try await store.entityConfig(namespace: namespace, name: name)?.metadata.labels["sensu.io/managed_by"]
                == "sensu-agent"
            {
                throw APIError(
                    .alreadyExists, "Entity \"\(namespace)/\(name)\" is managed by its agent (--agent-managed-entity)")
            }
            return try Self.json(try await storeConfig(of: entity).redacted())
        }
        api.patch(RouterPath(collection + "/:name")) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let name = try context.parameters.require("name")
            let current = try await entity(namespace: namespace, name: name)
            try Self.checkPreconditions(request, current: current.redacted())
            let patch = try await Self.mergePatch(of: request)
            var patched = try Self.decodeTree(
                Entity.self, JSONValue(encoding: current).merged(with: patch), namespace: namespace)
            try Self.requireMatch(namespace, patched.metadata.namespace, field: "metadata.namespace")
            try Self.requireMatch(name, patched.metadata.name, field: "metadata.name")
            patched = try finish(patched, context: context)
            _ = try await storeConfig(of: patched)
            return Response(status: .ok)
        }
        api.delete(RouterPath(collection + "/:name")) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let name = try context.parameters.require("name")
            guard try await store.deleteEntity(namespace: namespace, name: name) else {
                throw APIError(.notFound, "Entity \"\(namespace)/\(name)\" not found")
            }
            await events.forget(namespace: namespace, entity: name, check: nil)
            return Response(status: .noContent)
        }
    }

    /// One page of entities (ordered by namespace and name), filtered by the list query as the store reads
    /// (`Store.entityPage`).
    private func entityList(_ request: Request, namespace: String?) async throws -> Response {
        let query = try ListQuery(request, type: .entity)
        let page = try await store.entityPage(
            namespace: namespace, after: query.after, limit: query.limit,
            matching: { query.matches(SelectorFields($0)) })
        return try Self.listResponse(ListQuery.response(page.items.map { $0.redacted() }, next: page.next))
    }

    /// The stored entity (config joined with state). - Throws: `APIError` 404.
    func entity(namespace: String, name: String) async throws -> Entity {
        guard let config = try await store.entityConfig(namespace: namespace, name: name) else {
            throw APIError(.notFound, "Entity \"\(namespace)/\(name)\" not found")
        }
        let state =
            try await store.entityState(namespace: namespace, name: name) ?? EntityState(metadata: config.metadata)
        return Entity(config: config, state: state)
    }

    /// Stores the config part of `entity` (adding `entity:<name>`); returns the stored entity with its state.
    private func storeConfig(of entity: Entity) async throws -> Entity {
        let stored = try await store.entityConfig(
            namespace: entity.metadata.namespace, name: entity.metadata.name)
        var config = try Self.keepingRedactedValues(entity.config, stored: stored)
        config.subscriptions = Self.withEntitySubscription(config.subscriptions, name: config.metadata.name)
        try await store.putEntityConfig(config)
        await entityConfigChanged(config.metadata.namespace, config.metadata.name)
        let state =
            try await store.entityState(namespace: config.metadata.namespace, name: config.metadata.name)
            ?? entity.state
        return Entity(config: config, state: state)
    }

    /// `config` with each redacted label or annotation that carries the placeholder `REDACTED` (what the API
    /// shows, so what `dump` writes) given back its stored value: restoring a dump keeps the secret instead of
    /// overwriting it with the placeholder (#18 item 17).
    /// - Throws: `APIError` `.invalidArgument` naming the field when there is no stored value to keep.
    static func keepingRedactedValues(_ config: EntityConfig, stored: EntityConfig?) throws -> EntityConfig {
        let keys = Set((config.redact.isEmpty ? Entity.defaultRedactedKeys : config.redact).map { $0.lowercased() })
        func keep(_ map: [String: String], _ storedMap: [String: String]?, field: String) throws -> [String: String] {
            var result = map
            for (key, value) in map where value == Entity.redactedValue && keys.contains(key.lowercased()) {
                guard let real = storedMap?[key] else {
                    throw APIError(
                        .invalidArgument,
                        "metadata.\(field).\(key): \"\(Entity.redactedValue)\" is the placeholder the API shows for a "
                            + "redacted value (a dump holds no secrets) and there is no stored value to keep; "
                            + "give the real value")
                }
                result[key] = real
            }
            return result
        }
        var kept = config
        kept.metadata.labels = try keep(config.metadata.labels, stored?.metadata.labels, field: "labels")
        kept.metadata.annotations = try keep(
            config.metadata.annotations, stored?.metadata.annotations, field: "annotations")
        return kept
    }

    /// `subscriptions` with `entity:<name>` appended when missing.
    static func withEntitySubscription(_ subscriptions: [String], name: String) -> [String] {
        let own = SilenceRule.entitySubscription(for: name)
        return subscriptions.contains(own) ? subscriptions : subscriptions + [own]
    }
}
