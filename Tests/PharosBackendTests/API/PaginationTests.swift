import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// Acceptance: keyset pagination with `limit` + `continue` / `Sensu-Continue`, and selectors on list routes.
@Suite struct PaginationTests {
    static func event(entity: String, check: String = "ping", status: UInt32 = 0) -> Event {
        var result = Check(config: CheckConfig(metadata: ObjectMeta(name: check, namespace: "default"), interval: 60))
        result.status = status
        return Event(
            timestamp: 1_700_000_000,
            entity: Entity(metadata: ObjectMeta(name: entity, namespace: "default"), entityClass: "proxy"),
            check: result, metadata: ObjectMeta(namespace: "default"))
    }

    static func entityName(_ number: Int) -> String {
        let digits = String(number)
        return "e-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    @Test func listing2500EventsWithLimit100ReturnsEachExactlyOnceWhileEventsAreWritten() async throws {
        let store = try await TestSupport.seededStore()
        let originals = (0..<2500).map { Self.entityName($0 * 2) }
        for name in originals { try await store.putEvent(Self.event(entity: name)) }
        let processor = EventProcessor(store: store, pipeline: RecordingEvents(), logger: TestSupport.logger)
        let app = try await APITestHarness.application(store: store, events: processor)
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let port = try #require(client.port)
            // A second connection keeps writing new events (odd numbers interleave with the listed ones) while
            // the first pages through the list.
            let writer = Task {
                let other = TestClient(host: "127.0.0.1", port: port)
                other.connect()
                var written = 0
                for number in stride(from: 1, to: 1200, by: 2) {
                    let body =
                        #"{"entity":{"metadata":{"name":"\#(Self.entityName(number))"}},"check":{"metadata":{"name":"ping"},"status":1,"interval":60}}"#
                    let response = try await other.post(
                        "/api/core/v2/namespaces/default/events", headers: api.auth, body: ByteBuffer(string: body))
                    if response.status == .created { written += 1 }
                }
                try await other.shutdown()
                return written
            }
            var seen: [String] = []
            var token: String?
            var pages = 0
            var insertedAhead: [String] = []
            repeat {
                let query = "limit=100" + (token.map { "&continue=\($0)" } ?? "")
                let response = try await api.send(.get, "/api/core/v2/namespaces/default/events?" + query)
                #expect(response.status == .ok)
                let events = try TestSupport.decode([Event].self, response.body)
                #expect(events.count <= 100)
                seen += events.map { "\($0.entity?.metadata.name ?? "")/\($0.check?.metadata.name ?? "")" }
                token = TestSupport.header("Sensu-Continue", "").first.flatMap { response.headers[$0.name] }
                pages += 1
                // Between pages, insert events behind the cursor (already listed range) and ahead of it.
                let cursor = events.last?.entity?.metadata.name ?? ""
                for name in ["a-" + String(pages), cursor + "-next", "z-" + String(pages)] {
                    let body =
                        #"{"entity":{"metadata":{"name":"\#(name)"}},"check":{"metadata":{"name":"ping"},"status":0,"interval":60}}"#
                    #expect(
                        try await api.send(.post, "/api/core/v2/namespaces/default/events", body).status == .created)
                    if token != nil, cursor.utf8.lexicographicallyPrecedes(name.utf8) {
                        insertedAhead.append(name + "/ping")
                    }
                }
            } while token != nil && pages < 100
            let written = try await writer.value
            #expect(written == 600)
            #expect(Set(seen).count == seen.count, "an event was listed twice")
            let listed = Set(seen)
            #expect(originals.allSatisfy { listed.contains("\($0)/ping") }, "an original event was skipped")
            #expect(pages >= 25)
            print("pagination: \(pages) pages, \(seen.count) listed, \(written) written concurrently")
        }
    }

    @Test func continueTokensAreOpaqueAndCheckedAndLimitsValidated() async throws {
        let store = try await TestSupport.seededStore()
        for name in ["a", "b", "c"] {
            try await store.putResource(
                CheckConfig(metadata: ObjectMeta(name: name, namespace: "default"), command: "true", interval: 10))
        }
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let base = "/api/core/v2/namespaces/default/checks"
            let first = try await api.send(.get, base + "?limit=2")
            #expect(try TestSupport.decode([CheckConfig].self, first.body).map(\.metadata.name) == ["a", "b"])
            let headerName = try #require(TestSupport.header("Sensu-Continue", "x").first?.name)
            let token = try #require(first.headers[headerName])
            #expect(!token.contains("="))
            let second = try await api.send(.get, base + "?limit=2&continue=\(token)")
            #expect(try TestSupport.decode([CheckConfig].self, second.body).map(\.metadata.name) == ["c"])
            #expect(second.headers[headerName] == nil)
            let all = try await api.send(.get, base + "?limit=0")
            #expect(try TestSupport.decode([CheckConfig].self, all.body).count == 3)
            for bad in ["limit=-1", "limit=ten", "continue=%25%25%25"] {
                let response = try await api.send(.get, base + "?" + bad)
                #expect(response.status == .badRequest, "\(bad)")
                let message = APISession.error(response)?.message ?? ""
                #expect(message.hasPrefix(bad.split(separator: "=")[0] + ":"), "\(bad): \(message)")
            }
        }
    }

    @Test(arguments: [
        ("fieldSelector=event.check.status%20!=%200", ["web-1/disk"]),
        ("fieldSelector=event.entity.name%20in%20%5Bweb-1,db-1%5D", ["db-1/ping", "web-1/disk", "web-1/ping"]),
        ("fieldSelector=event.check.name%20matches%20dis", ["web-1/disk"]),
        ("labelSelector=tier%20==%20db", ["db-1/ping"]),
        ("fieldSelector=event.check.name%20==%20ping%20%26%26%20event.entity.name%20!=%20db-1", ["web-1/ping"]),
    ])
    func eventSelectors(query: String, expected: [String]) async throws {
        let store = try await TestSupport.seededStore()
        try await store.putEvent(Self.event(entity: "web-1", check: "ping"))
        try await store.putEvent(Self.event(entity: "web-1", check: "disk", status: 2))
        var db = Self.event(entity: "db-1", check: "ping")
        db.metadata.labels = ["tier": "db"]
        try await store.putEvent(db)
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let response = try await api.send(.get, "/api/core/v2/namespaces/default/events?" + query)
            #expect(response.status == .ok, "\(APISession.text(response))")
            let events = try TestSupport.decode([Event].self, response.body)
            #expect(events.map { "\($0.entity?.metadata.name ?? "")/\($0.check?.metadata.name ?? "")" } == expected)
        }
    }

    @Test(arguments: [
        ("checks", "fieldSelector=linux%20in%20check.subscriptions", ["cpu"]),
        ("checks", "fieldSelector=check.colour%20==%20red", []),
        ("checks", "fieldSelector=check.name%20=%20cpu", []),
        ("entities", "fieldSelector=entity.entity_class%20==%20proxy", ["router"]),
        ("entities", "labelSelector=site%20in%20%5Bparis%5D", ["router"]),
    ])
    func resourceSelectors(collection: String, query: String, expected: [String]) async throws {
        let store = try await TestSupport.seededStore()
        try await store.putResource(
            CheckConfig(
                metadata: ObjectMeta(name: "cpu", namespace: "default"), command: "true", interval: 10,
                subscriptions: ["linux"]))
        try await store.putResource(
            CheckConfig(
                metadata: ObjectMeta(name: "iis", namespace: "default"), command: "true", interval: 10,
                subscriptions: ["windows"]))
        try await store.putEntityConfig(
            EntityConfig(
                metadata: ObjectMeta(name: "router", namespace: "default", labels: ["site": "paris"]),
                entityClass: "proxy"))
        try await store.putEntityConfig(
            EntityConfig(metadata: ObjectMeta(name: "web", namespace: "default"), entityClass: "agent"))
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let response = try await api.send(.get, "/api/core/v2/namespaces/default/\(collection)?" + query)
            if expected.isEmpty {
                #expect(response.status == .badRequest)
                let message = APISession.error(response)?.message ?? ""
                #expect(message.hasPrefix("fieldSelector: "), "\(message)")
            } else {
                #expect(response.status == .ok, "\(APISession.text(response))")
                let names = try TestSupport.decode([JSONValue].self, response.body).map {
                    $0["metadata"]?["name"]?.stringValue ?? ""
                }
                #expect(names == expected)
            }
        }
    }
}
