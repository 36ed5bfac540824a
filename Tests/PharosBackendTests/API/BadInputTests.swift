import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// Acceptance: bad input is refused with a 4xx and the Sensu error body naming the field, and nothing is stored
/// (each row reads the resource back afterwards).
@Suite struct BadInputTests {
    static let existing = #"{"metadata":{"name":"keep"},"command":"true","interval":10}"#

    /// (case, method, path under /api/core/v2/namespaces/default, body, status, fragment of the message)
    @Test(arguments: [
        ("malformed JSON", "PUT", "/checks/c", #"{"metadata":"#, 400, "invalid JSON"),
        ("not an object", "PUT", "/checks/c", #"["check"]"#, 400, "expected a JSON object"),
        (
            "wrong type", "PUT", "/checks/c", #"{"metadata":{"name":"c"},"command":"true","interval":"ten"}"#, 400,
            "interval"
        ),
        (
            "unknown field", "PUT", "/checks/c",
            #"{"metadata":{"name":"c"},"command":"true","interval":10,"colour":1}"#,
            400, "colour: unknown field"
        ),
        (
            "invalid name", "POST", "/checks", #"{"metadata":{"name":"bad name!"},"command":"true","interval":10}"#,
            400,
            "metadata.name"
        ),
        ("invalid URL name", "PUT", "/checks/bad%20name", #"{"command":"true","interval":10}"#, 400, "metadata.name"),
        (
            "validation", "PUT", "/checks/c",
            #"{"metadata":{"name":"c"},"command":"true","interval":10,"cron":"* * * * *"}"#,
            400, "cron"
        ),
        ("handler type", "POST", "/handlers", #"{"metadata":{"name":"c"},"type":"pigeon"}"#, 400, "type"),
        (
            "silence too long", "POST", "/silenced", #"{"subscription":"linux","check":"c","expire":90000}"#, 400,
            "expire"
        ),
        ("silence without target", "POST", "/silenced", #"{"reason":"x"}"#, 400, "subscription"),
        (
            "event unknown field", "POST", "/events",
            #"{"entity":{"metadata":{"name":"c"}},"check":{"metadata":{"name":"c"}},"extra":true}"#, 400, "extra"
        ),
        (
            "event without check", "PUT", "/events/c/c", #"{"entity":{"metadata":{"name":"c"}},"timestamp":"x"}"#, 400,
            "timestamp"
        ),
        (
            "entity wrong type", "PUT", "/entities/c", #"{"metadata":{"name":"c"},"subscriptions":"linux"}"#, 400,
            "subscriptions"
        ),
        ("oversized", "PUT", "/checks/c", "OVERSIZED", 413, "larger than 512000 bytes"),
    ])
    func refusedAndNothingStored(
        _ name: String, method: String, path: String, body: String, status: Int, fragment: String
    ) async throws {
        let store = try await TestSupport.seededStore()
        let processor = EventProcessor(store: store, pipeline: RecordingEvents(), logger: TestSupport.logger)
        let app = try await APITestHarness.application(store: store, events: processor)
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let payload =
                body == "OVERSIZED"
                ? #"{"metadata":{"name":"c"},"command":""# + String(repeating: "x", count: 512_000)
                    + #"","interval":10}"#
                : body
            let response = try await api.send(
                HTTPRequest.Method(method) ?? .get, "/api/core/v2/namespaces/default" + path, payload)
            #expect(response.status.code == status, "\(name): \(APISession.text(response))")
            let error = try #require(APISession.error(response), "\(name): no error body")
            #expect(error.message.contains(fragment), "\(name): \(error.message)")
            #expect(error.code == ErrorCode.invalidArgument.rawValue)

            #expect(try await store.resources(CheckConfig.self, namespace: nil).isEmpty)
            #expect(try await store.resources(Handler.self, namespace: nil).isEmpty)
            #expect(try await store.resources(Silenced.self, namespace: nil).isEmpty)
            #expect(try await store.events(namespace: nil, entity: nil).isEmpty)
            #expect(try await store.entities(namespace: nil).isEmpty)
        }
    }

    @Test(arguments: [
        (#"{"interval":"often"}"#, "interval"),
        (#"{"metadata":{"name":"renamed"}}"#, "metadata.name"),
        (#"{"metadata":{"namespace":"other"}}"#, "metadata.namespace"),
        (#"{"cron":"not a cron"}"#, "cron"),
        (#"{"unknown":1}"#, "unknown: unknown field"),
        ("{", "invalid JSON merge patch"),
    ])
    func badPatchesLeaveTheResourceUnchanged(patch: String, fragment: String) async throws {
        let store = try await TestSupport.seededStore()
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let item = "/api/core/v2/namespaces/default/checks/keep"
            #expect(try await api.send(.put, item, Self.existing).status == .created)
            let before = try await store.resource(CheckConfig.self, namespace: "default", name: "keep")
            let response = try await api.send(.patch, item, patch)
            #expect(response.status == .badRequest)
            #expect(APISession.error(response)?.message.contains(fragment) == true, "\(APISession.text(response))")
            #expect(try await store.resource(CheckConfig.self, namespace: "default", name: "keep") == before)
            #expect(try await store.resource(CheckConfig.self, namespace: "default", name: "renamed") == nil)
        }
    }
}
