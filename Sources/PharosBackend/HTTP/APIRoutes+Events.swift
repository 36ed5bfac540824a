import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// Events: list per namespace or entity, get/delete by (entity, check), and submissions (`POST` collection,
    /// `PUT …/{entity}/{check}`) handed to the `EventSink` (201).
    func addEventRoutes(to api: RouterGroup<APIRequestContext>) {
        let collection = "/namespaces/:namespace/events"
        api.get("/events") { _, _ -> Response in
            try Self.json(try await store.events(namespace: nil, entity: nil).map(Self.redactedEvent))
        }
        api.get(RouterPath(collection)) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            return try Self.json(try await store.events(namespace: namespace, entity: nil).map(Self.redactedEvent))
        }
        api.get(RouterPath(collection + "/:entity")) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let entity = try context.parameters.require("entity")
            return try Self.json(
                try await store.events(namespace: namespace, entity: entity).map(Self.redactedEvent))
        }
        api.get(RouterPath(collection + "/:entity/:check")) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let entity = try context.parameters.require("entity")
            let check = try context.parameters.require("check")
            guard let event = try await store.event(namespace: namespace, entity: entity, check: check) else {
                throw APIError(.notFound, "Event \"\(namespace)/\(entity)/\(check)\" not found")
            }
            return try Self.json(Self.redactedEvent(event))
        }
        api.delete(RouterPath(collection + "/:entity/:check")) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let entity = try context.parameters.require("entity")
            let check = try context.parameters.require("check")
            guard try await store.deleteEvent(namespace: namespace, entity: entity, check: check) else {
                throw APIError(.notFound, "Event \"\(namespace)/\(entity)/\(check)\" not found")
            }
            await (events as? any EventStateCache)?.forget(namespace: namespace, entity: entity, check: check)
            return Response(status: .noContent)
        }
        api.post(RouterPath(collection)) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let event = try await submitted(request: request, namespace: namespace, entity: nil, check: nil)
            try await requireNamespace(namespace)
            await events.process(event)
            return Response(status: .created)
        }
        api.put(RouterPath(collection + "/:entity/:check")) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let entity = try context.parameters.require("entity")
            let check = try context.parameters.require("check")
            let event = try await submitted(request: request, namespace: namespace, entity: entity, check: check)
            try await requireNamespace(namespace)
            await events.process(event)
            return Response(status: .created)
        }
    }

    /// Decodes a submitted event: namespace from the URL (event, entity and check metadata), entity and check
    /// names from the URL when given (400 on mismatch), `entity_class` defaulting to `proxy`, then validation.
    private func submitted(request: Request, namespace: String, entity: String?, check: String?) async throws -> Event {
        var event = try Self.decode(Event.self, from: try await Self.body(of: request), namespace: nil)
        if event.metadata.namespace.isEmpty { event.metadata.namespace = namespace }
        try Self.requireMatch(namespace, event.metadata.namespace, field: "metadata.namespace")
        if var posted = event.entity {
            if posted.metadata.name.isEmpty, let entity { posted.metadata.name = entity }
            if posted.metadata.namespace.isEmpty { posted.metadata.namespace = namespace }
            if posted.entityClass.isEmpty { posted.entityClass = "proxy" }
            if let entity { try Self.requireMatch(entity, posted.metadata.name, field: "entity.metadata.name") }
            event.entity = posted
        }
        if var result = event.check {
            if result.metadata.name.isEmpty, let check { result.metadata.name = check }
            if result.metadata.namespace.isEmpty { result.metadata.namespace = namespace }
            if let check { try Self.requireMatch(check, result.metadata.name, field: "check.metadata.name") }
            event.check = result
        }
        try Self.validate(event)
        return event
    }

    /// The event as the API shows it (entity labels redacted).
    static func redactedEvent(_ event: Event) -> Event {
        var shown = event
        shown.entity = event.entity?.redacted()
        return shown
    }
}
