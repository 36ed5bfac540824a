import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

@Suite struct APIRoutesTests {
    static let check =
        #"{"metadata":{"name":"check-nginx","namespace":"default"},"command":"check_http","interval":10,"subscriptions":["nginx"]}"#

    @Test func statusRoutesNeedNoToken() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            let healthText = String(decoding: health.body.readableBytesView, as: UTF8.self)
            #expect(healthText.contains("\"Healthy\":true"))
            let version = try await client.execute(uri: "/version", method: .get)
            let body = try TestSupport.decode([String: JSONValue].self, version.body)
            #expect(body["sensu_backend"] == .string("6.12.0-pharos.0.1.0"))
            #expect(try await client.execute(uri: "/ready", method: .get).status == .ok)
        }
    }

    @Test func routesWithoutATokenAre401() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            for uri in ["/api/core/v2/namespaces", "/api/core/v2/namespaces/default/checks"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .unauthorized)
                #expect(
                    try TestSupport.decode(ErrorBody.self, response.body)
                        == ErrorBody(message: "bad credentials", code: .unauthenticated))
            }
            let forged = try await client.execute(
                uri: "/api/core/v2/namespaces", method: .get, headers: TestSupport.bearer("not.a.jwt"))
            #expect(forged.status == .unauthorized)
        }
    }

    @Test func unknownRouteIsNotFoundWithCode2() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let token = try await TestSupport.token(client)
            let response = try await client.execute(
                uri: "/api/core/v2/nothing-here", method: .get, headers: TestSupport.bearer(token))
            #expect(response.status == .notFound)
            let body = try TestSupport.decode(ErrorBody.self, response.body)
            #expect(body == ErrorBody(message: "not found", code: .notFound))
        }
    }

    @Test func checkLifecycleStatusCodes() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await TestSupport.token(client))
            let base = "/api/core/v2/namespaces/default/checks"
            let put = try await client.execute(
                uri: base + "/check-nginx", method: .put, headers: auth, body: TestSupport.json(Self.check))
            #expect(put.status == .created)
            #expect(put.body.readableBytes == 0)

            let fetched = try await client.execute(uri: base + "/check-nginx", method: .get, headers: auth)
            #expect(fetched.status == .ok)
            let check = try TestSupport.decode(CheckConfig.self, fetched.body)
            #expect(check.command == "check_http")
            #expect(check.metadata.createdBy == "admin")

            let list = try await client.execute(uri: base, method: .get, headers: auth)
            #expect(try TestSupport.decode([CheckConfig].self, list.body).map(\.metadata.name) == ["check-nginx"])

            let conflict = try await client.execute(
                uri: base, method: .post, headers: auth, body: TestSupport.json(Self.check))
            #expect(conflict.status == .conflict)
            #expect(try TestSupport.decode(ErrorBody.self, conflict.body).code == ErrorCode.alreadyExists.rawValue)

            let deleted = try await client.execute(uri: base + "/check-nginx", method: .delete, headers: auth)
            #expect(deleted.status == .noContent)
            let again = try await client.execute(uri: base + "/check-nginx", method: .delete, headers: auth)
            #expect(again.status == .notFound)
            let missing = try await client.execute(uri: base + "/check-nginx", method: .get, headers: auth)
            #expect(missing.status == .notFound)
            #expect(try TestSupport.decode(ErrorBody.self, missing.body).code == ErrorCode.notFound.rawValue)

            let created = try await client.execute(
                uri: base, method: .post, headers: auth, body: TestSupport.json(Self.check))
            #expect(created.status == .created)
            let everywhere = try await client.execute(uri: "/api/core/v2/checks", method: .get, headers: auth)
            #expect(try TestSupport.decode([CheckConfig].self, everywhere.body).map(\.metadata.name) == ["check-nginx"])
        }
    }

    @Test(arguments: [
        (#"{"metadata":{"name":"c"},"command":"true","interval":"ten"}"#, "interval"),
        (#"{"metadata":{"name":"c"},"command":"true","interval":10,"timeout":-1}"#, "timeout"),
        (#"{"metadata":{"name":"other"},"command":"true","interval":10}"#, "metadata.name"),
        (#"{"metadata":{"name":"c","namespace":"elsewhere"},"command":"true","interval":10}"#, "metadata.namespace"),
        ("not json", "invalid JSON"),
    ])
    func badBodiesAre400NamingTheField(body: String, field: String) async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await TestSupport.token(client))
            let response = try await client.execute(
                uri: "/api/core/v2/namespaces/default/checks/c", method: .put, headers: auth,
                body: TestSupport.json(body))
            #expect(response.status == .badRequest)
            let error = try TestSupport.decode(ErrorBody.self, response.body)
            #expect(error.code == 1)
            #expect(error.message.contains(field), "\(error.message)")
        }
    }

    @Test func handlerValidationNamesTheField() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await TestSupport.token(client))
            let response = try await client.execute(
                uri: "/api/core/v2/namespaces/default/handlers/h", method: .put, headers: auth,
                body: TestSupport.json(#"{"type":"carrier-pigeon","command":"cat"}"#))
            #expect(response.status == .badRequest)
            #expect(try TestSupport.decode(ErrorBody.self, response.body).message.contains("type"))
            let ok = try await client.execute(
                uri: "/api/core/v2/namespaces/default/handlers/h", method: .put, headers: auth,
                body: TestSupport.json(#"{"type":"pipe","command":"cat"}"#))
            #expect(ok.status == .created)
            let stored = try await store.resource(Handler.self, namespace: "default", name: "h")
            #expect(stored?.command == "cat")
        }
    }

    @Test func writesToAMissingNamespaceAre404() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await TestSupport.token(client))
            let response = try await client.execute(
                uri: "/api/core/v2/namespaces/webinar/checks/c", method: .put, headers: auth,
                body: TestSupport.json(#"{"command":"true","interval":10}"#))
            #expect(response.status == .notFound)
            #expect(try TestSupport.decode(ErrorBody.self, response.body).message == #"namespace "webinar" not found"#)

            let namespace = try await client.execute(
                uri: "/api/core/v2/namespaces", method: .post, headers: auth,
                body: TestSupport.json(#"{"name":"webinar"}"#))
            #expect(namespace.status == .created)
            let retry = try await client.execute(
                uri: "/api/core/v2/namespaces/webinar/checks/c", method: .put, headers: auth,
                body: TestSupport.json(#"{"command":"true","interval":10}"#))
            #expect(retry.status == .created)
            let list = try await client.execute(uri: "/api/core/v2/namespaces", method: .get, headers: auth)
            #expect(try TestSupport.decode([Namespace].self, list.body).map(\.name) == ["default", "webinar"])
        }
    }

    @Test func entitiesJoinConfigAndStateAndDeleteTheirEvents() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await TestSupport.token(client))
            let base = "/api/core/v2/namespaces/default/entities"
            let put = try await client.execute(
                uri: base + "/web-1", method: .put, headers: auth,
                body: TestSupport.json(#"{"entity_class":"proxy","subscriptions":["web"]}"#))
            #expect(put.status == .ok)
            try await store.putEntityState(
                EntityState(metadata: ObjectMeta(name: "web-1", namespace: "default"), lastSeen: 1_700_000_000))
            let fetched = try await client.execute(uri: base + "/web-1", method: .get, headers: auth)
            let entity = try TestSupport.decode(Entity.self, fetched.body)
            #expect(entity.subscriptions == ["web", "entity:web-1"])
            #expect(entity.lastSeen == 1_700_000_000)

            try await store.putEvent(
                Event(
                    timestamp: 1, entity: entity,
                    check: Check(config: CheckConfig(metadata: ObjectMeta(name: "disk", namespace: "default"))),
                    metadata: ObjectMeta(namespace: "default")))
            let deleted = try await client.execute(uri: base + "/web-1", method: .delete, headers: auth)
            #expect(deleted.status == .noContent)
            #expect(try await store.events(namespace: "default", entity: "web-1").isEmpty)
            #expect(try await client.execute(uri: base + "/web-1", method: .get, headers: auth).status == .notFound)
        }
    }

    /// Field failure #18 item 17: `dump` then `create -f` sends the placeholder REDACTED; the stored secret is
    /// kept, and without a stored value the write is refused naming the field.
    @Test func entityPutWithTheRedactedPlaceholderKeepsTheStoredSecret() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await TestSupport.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await TestSupport.token(client))
            let base = "/api/core/v2/namespaces/default/entities"
            let original =
                #"{"metadata":{"name":"db-1","namespace":"default","labels":{"password":"hunter2","site":"lyon"}},"#
                + #""entity_class":"proxy"}"#
            let created = try await client.execute(
                uri: base + "/db-1", method: .put, headers: auth, body: TestSupport.json(original))
            #expect(created.status == .ok)
            let shown = try await client.execute(uri: base + "/db-1", method: .get, headers: auth)
            let dumped = try TestSupport.decode(Entity.self, shown.body)
            #expect(dumped.metadata.labels["password"] == "REDACTED")
            let restored = try await client.execute(
                uri: base + "/db-1", method: .put, headers: auth,
                body: ByteBuffer(bytes: try JSONEncoder().encode(dumped)))
            #expect(restored.status == .ok)
            let config = try #require(try await store.entityConfig(namespace: "default", name: "db-1"))
            #expect(config.metadata.labels == ["password": "hunter2", "site": "lyon"])

            let fresh =
                #"{"metadata":{"name":"db-2","namespace":"default","labels":{"password":"REDACTED"}},"#
                + #""entity_class":"proxy"}"#
            let refused = try await client.execute(
                uri: base + "/db-2", method: .put, headers: auth, body: TestSupport.json(fresh))
            #expect(refused.status == .badRequest)
            #expect(
                String(buffer: refused.body).contains("metadata.labels.password"), "\(String(buffer: refused.body))")
            #expect(try await store.entityConfig(namespace: "default", name: "db-2") == nil)
        }
    }

    @Test func submittedEventsGoToTheSink() async throws {
        let store = try await TestSupport.seededStore()
        let sink = RecordingEvents()
        let app = try await TestSupport.application(store: store, events: sink)
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await TestSupport.token(client))
            let body =
                #"{"entity":{"metadata":{"name":"router-1"}},"check":{"metadata":{"name":"ping"},"status":2,"output":"down","interval":60}}"#
            let posted = try await client.execute(
                uri: "/api/core/v2/namespaces/default/events", method: .post, headers: auth,
                body: TestSupport.json(body))
            #expect(posted.status == .created)
            let put = try await client.execute(
                uri: "/api/core/v2/namespaces/default/events/router-1/ping", method: .put, headers: auth,
                body: TestSupport.json(body))
            #expect(put.status == .created)
            let mismatch = try await client.execute(
                uri: "/api/core/v2/namespaces/default/events/router-2/ping", method: .put, headers: auth,
                body: TestSupport.json(body))
            #expect(mismatch.status == .badRequest)
            let received = await sink.events
            #expect(received.count == 2)
            #expect(received.first?.entity?.entityClass == "proxy")
            #expect(received.first?.metadata.namespace == "default")
            #expect(received.first?.check?.status == 2)
            let missing = try await client.execute(
                uri: "/api/core/v2/namespaces/default/events/router-1/ping", method: .get, headers: auth)
            #expect(missing.status == .notFound)
        }
    }
}
