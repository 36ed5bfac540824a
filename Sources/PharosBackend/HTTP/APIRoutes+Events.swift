import Hummingbird
import PharosCore
import PharosStore
import PharosWire

extension APIRoutes {
    /// Events: list per namespace or entity, get/delete by (entity, check), and submissions (`POST` collection,
    /// `PUT …/{entity}/{check}`) handed to the `EventSink` (201).
    func addEventRoutes(to api: RouterGroup<APIRequestContext>) {
        let collection = "/namespaces/:namespace/events"
        api.get("/events") { request, _ -> Response in
            try await eventList(request, namespace: nil, entity: nil)
        }
        api.get(RouterPath(collection)) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            try await requireNamespace(namespace)
            return try await eventList(request, namespace: namespace, entity: nil)
        }
        api.get(RouterPath(collection + "/:entity")) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let entity = try context.parameters.require("entity")
            try await requireNamespace(namespace)
            return try await eventList(request, namespace: namespace, entity: entity)
        }
        api.get(RouterPath(collection + "/:entity/:check")) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let entity = try context.parameters.require("entity")
            let check = try context.parameters.require("check")
            guard let event = try await store.event(namespace: namespace, entity: entity, check: check) else {
                throw APIError(.notFound, "Event \"\(namespace)/\(entity)/\(check)\" not found")
            }
            let shown = Self.redactedEvent(event)
            var response = try Self.json(shown)
            response.headers[.eTag] = ETag.of(shown)
            return response
        }
        api.delete(RouterPath(collection + "/:entity/:check")) { _, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let entity = try context.parameters.require("entity")
            let check = try context.parameters.require("check")
            guard try await store.deleteEvent(namespace: namespace, entity: entity, check: check) else {
                throw APIError(.notFound, "Event \"\(namespace)/\(entity)/\(check)\" not found")
            }
            await events.forget(namespace: namespace, entity: entity, check: check)
            return Response(status: .noContent)
        }
        api.post(RouterPath(collection)) { request, context -> Response in
            let namespace = try context.parameters.require("namespace")
            let event = try await submitted(request: request, namespace: namespace, entity: nil, check: nil)
            try await requireNamespace(namespace)
            await events.process(event)
            return Response(status: .created)
        }
        for method in [HTTPRequest.Method.put, .post] {
            api.on(RouterPath(collection + "/:entity/:check"), method: method) { request, context -> Response in
                let namespace = try context.parameters.require("namespace")
                let entity = try context.parameters.require("entity")
                let check = try context.parameters.require("check")
                let event = try await submitted(request: request, namespace: namespace, entity: entity, check: check)
                try await requireNamespace(namespace)
                await events.process(event)
                return Response(status: .created)
            }
        }
    }

    /// One page of events (ordered by namespace, entity and check), filtered by the list query as the store reads
    /// (`Store.eventPage`).
    private func eventList(_ request: Request, namespace: String?, entity: String?) async throws -> Response {
        let query = try ListQuery(request, type: .event)
        let page = try await store.eventPage(
            namespace: namespace, entity: entity, after: query.after, limit: query.limit,
            matching: { query.matches(SelectorFields($0)) })
        return try Self.listResponse(ListQuery.response(page.items.map(Self.redactedEvent), next: page.next))
    }

    /// Decodes a submitted event: namespace from the URL (event, entity and check metadata), entity and check
    /// names from the URL when given (400 on mismatch), `entity_class` defaulting to `proxy`, then validation.
    private func submitted(request: Request, namespace: String, entity: String?, check: String?) async throws -> Event {
        var event = try Self.decode(
            Event.self, from: try await Self.body(of: request), namespace: nil, rejectingUnknownFields: true)
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
