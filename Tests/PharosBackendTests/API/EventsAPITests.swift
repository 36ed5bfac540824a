import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import ServiceLifecycle
import Testing

/// The events API with the real `EventProcessor` behind it (reference §2.1, §7.2): every submission route goes
/// through event processing and on to the pipeline, unknown entities become proxy entities, and deleting an entity
/// deletes its events.
@Suite struct EventsAPITests {
    static func body(entity: String, check: String, status: Int) -> String {
        #"{"entity":{"metadata":{"name":"\#(entity)"}},"check":{"metadata":{"name":"\#(check)"},"status":\#(status),"output":"s\#(status)","interval":60}}"#
    }

    @Test func submissionsAreProcessedStoredAndPiped() async throws {
        let store = try await TestSupport.seededStore()
        let pipeline = RecordingEvents()
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: TestSupport.logger)
        let app = try await APITestHarness.application(store: store, events: processor)
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let base = "/api/core/v2/namespaces/default/events"
            // (method, path, body, expected status)
            let rows: [(HTTPRequest.Method, String, String, HTTPResponse.Status)] = [
                (.post, base, Self.body(entity: "router-1", check: "ping", status: 2), .created),
                (.put, base + "/router-1/ping", Self.body(entity: "router-1", check: "ping", status: 1), .created),
                (.post, base + "/router-1/ping", Self.body(entity: "router-1", check: "ping", status: 0), .created),
                (.post, base + "/router-1/disk", Self.body(entity: "router-1", check: "disk", status: 2), .created),
                (.put, base + "/router-2/ping", Self.body(entity: "router-1", check: "ping", status: 0), .badRequest),
                (.put, base + "/router-1/cpu", Self.body(entity: "router-1", check: "ping", status: 0), .badRequest),
                (
                    .post, "/api/core/v2/namespaces/nowhere/events", Self.body(entity: "a", check: "b", status: 0),
                    .notFound
                ),
            ]
            for (method, path, body, expected) in rows {
                let response = try await api.send(method, path, body)
                #expect(response.status == expected, "\(method) \(path): \(APISession.text(response))")
            }
            let piped = await pipeline.events
            #expect(piped.map { $0.check?.status ?? 99 } == [2, 1, 0, 2])

            let event = try TestSupport.decode(Event.self, try await api.send(.get, base + "/router-1/ping").body)
            #expect(event.check?.history.map(\.status) == [2, 1, 0])
            #expect(event.check?.occurrences == 1)
            let fetched = try await api.send(.get, base + "/router-1/ping")
            #expect(fetched.headers[.eTag] != nil)
            let ofEntity = try TestSupport.decode([Event].self, try await api.send(.get, base + "/router-1").body)
            #expect(ofEntity.compactMap { $0.check?.metadata.name } == ["disk", "ping"])
            #expect(try await api.send(.get, base + "/router-9/ping").status == .notFound)
            #expect(try await api.send(.get, "/api/core/v2/namespaces/nowhere/events").status == .notFound)

            let entity = try TestSupport.decode(
                Entity.self, try await api.send(.get, "/api/core/v2/namespaces/default/entities/router-1").body)
            #expect(entity.entityClass == "proxy")
            #expect(entity.subscriptions == ["entity:router-1"])

            #expect(try await api.send(.delete, base + "/router-1/disk").status == .noContent)
            #expect(try await api.send(.delete, base + "/router-1/disk").status == .notFound)
            // Posting again after the delete starts a new history (the processor's cache forgot it).
            _ = try await api.send(.post, base, Self.body(entity: "router-1", check: "disk", status: 1))
            let fresh = try TestSupport.decode(Event.self, try await api.send(.get, base + "/router-1/disk").body)
            #expect(fresh.check?.history.map(\.status) == [1])

            #expect(
                try await api.send(.delete, "/api/core/v2/namespaces/default/entities/router-1").status == .noContent)
            #expect(try await store.events(namespace: "default", entity: "router-1").isEmpty)
            #expect(try TestSupport.decode([Event].self, try await api.send(.get, base).body).isEmpty)
        }
    }

    /// Issue #18 item 1: concurrent submissions for one proxy entity and check must all count.
    @Test func concurrentPostsForOneKeyAllCount() async throws {
        let store = LatentStore(latency: .milliseconds(1), inner: try await TestSupport.seededStore())
        let processor = EventProcessor(store: store, pipeline: RecordingEvents(), logger: TestSupport.logger)
        let app = try await APITestHarness.application(store: store, events: processor)
        try await app.test(.router) { client in
            let api = try await APISession.login(client)
            let body =
                #"{"entity":{"metadata":{"name":"router-1"}},"check":{"metadata":{"name":"ping"},"status":2,"output":"down","interval":60,"proxy_entity_name":"race"}}"#
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await api.send(.post, "/api/core/v2/namespaces/default/events", body).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == .created })
            let event = try TestSupport.decode(
                Event.self, try await api.send(.get, "/api/core/v2/namespaces/default/events/race/ping").body)
            #expect(event.check?.occurrences == 200)
            #expect(event.check?.occurrencesWatermark == 200)
            #expect(event.check?.history.count == 21)
        }
    }

    /// Issue #18 item 2: a proxy entity updated through the API is seen by its next event (the processor follows
    /// the store's change feed instead of keeping the entity until a restart).
    @Test func proxyEntityUpdateReachesItsNextEvent() async throws {
        let store = try await TestSupport.seededStore()
        let processor = EventProcessor(store: store, pipeline: RecordingEvents(), logger: TestSupport.logger)
        let app = try await APITestHarness.application(store: store, events: processor)
        let group = ServiceGroup(
            configuration: .init(services: [processor], gracefulShutdownSignals: [], logger: TestSupport.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await app.test(.router) { client in
                let api = try await APISession.login(client)
                let entity = "/api/core/v2/namespaces/default/entities/race"
                let events = "/api/core/v2/namespaces/default/events"
                let body =
                    #"{"entity":{"metadata":{"name":"poller"}},"check":{"metadata":{"name":"ping"},"status":0,"interval":60,"proxy_entity_name":"race"}}"#
                for tier in ["gold", "silver", "bronze"] {
                    let put = try await api.send(
                        .put, entity,
                        #"{"metadata":{"name":"race","labels":{"tier":"\#(tier)"}},"entity_class":"proxy"}"#)
                    #expect(put.status == .ok || put.status == .created, "\(APISession.text(put))")
                    #expect(try await api.send(.post, events, body).status == .created)
                    let stored = try TestSupport.decode(
                        Event.self, try await api.send(.get, events + "/race/ping").body)
                    #expect(stored.entity?.metadata.labels["tier"] == tier)
                }
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func entityWritesKeepConfigAndStateApart() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await store.putEntityState(
            EntityState(metadata: ObjectMeta(name: "web-1", namespace: "default"), lastSeen: 1_700_000_000))
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let item = "/api/core/v2/namespaces/default/entities/web-1"
            let put = try await api.send(
                .put, item,
                #"{"metadata":{"name":"web-1"},"entity_class":"proxy","subscriptions":["web"],"last_seen":5,"system":{"hostname":"forged"}}"#
            )
            #expect(put.status == .ok)
            let state = try await store.entityState(namespace: "default", name: "web-1")
            #expect(state?.lastSeen == 1_700_000_000)
            #expect(state?.system.hostname != "forged")
            let patched = try await api.send(.patch, item, #"{"subscriptions":["web","db"]}"#)
            #expect(patched.status == .ok)
            let config = try await store.entityConfig(namespace: "default", name: "web-1")
            #expect(config?.subscriptions == ["web", "db", "entity:web-1"])
            #expect(config?.metadata.createdBy == "admin")
            let listed = try TestSupport.decode(
                [Entity].self, try await api.send(.get, "/api/core/v2/entities?limit=1").body)
            #expect(listed.map(\.metadata.name) == ["web-1"])
        }
    }
}
