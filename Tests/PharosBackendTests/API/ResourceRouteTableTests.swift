import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// Acceptance: the route × method × status table of every non-RBAC resource route (reference §2.1): 401 without
/// credentials, 201/409 on create, 201 on replace, 200 + ETag on fetch, 404 for unknown names and namespaces,
/// 400 when the URL and body disagree, 412 on failed preconditions, 413 beyond 512000 bytes, 204/404 on delete.
@Suite struct ResourceRouteTableTests {
    /// A collection under test: its path segment, a valid body for name `x` and whether it is namespaced.
    struct Collection: Sendable, CustomStringConvertible {
        var segment: String
        var body: String
        var name: String = "x"
        var namespaced = true
        /// Status of a successful POST/PUT (entities answer 200 with the entity).
        var written: HTTPResponse.Status = .created
        /// A merge patch that changes something.
        var patch: String = #"{"metadata":{"labels":{"patched":"yes"}}}"#
        /// A body whose name differs from the URL's.
        var mismatched: String = #"{"metadata":{"name":"other"}}"#
        var description: String { segment }
    }

    static let sha512 = String(repeating: "a", count: 128)

    static let collections: [Collection] = [
        Collection(
            segment: "assets",
            body: #"{"metadata":{"name":"x"},"url":"http://127.0.0.1/a.tar.gz","sha512":"\#(sha512)"}"#),
        Collection(segment: "checks", body: #"{"metadata":{"name":"x"},"command":"true","interval":10}"#),
        Collection(
            segment: "filters",
            body: #"{"metadata":{"name":"x"},"action":"allow","expressions":["event.check.status == 0"]}"#),
        Collection(segment: "handlers", body: #"{"metadata":{"name":"x"},"type":"pipe","command":"cat"}"#),
        Collection(segment: "hooks", body: #"{"metadata":{"name":"x"},"command":"true","timeout":10}"#),
        Collection(segment: "mutators", body: #"{"metadata":{"name":"x"},"command":"cat"}"#),
        Collection(
            segment: "pipelines",
            body:
                #"{"metadata":{"name":"x"},"workflows":[{"name":"w","handler":{"name":"h","type":"Handler","api_version":"core/v2"}}]}"#
        ),
        Collection(
            segment: "silenced", body: #"{"subscription":"linux","check":"x","expire":600}"#, name: "linux:x",
            patch: #"{"reason":"maintenance"}"#, mismatched: #"{"subscription":"web","check":"x"}"#),
        Collection(
            segment: "entities", body: #"{"metadata":{"name":"x"},"entity_class":"proxy"}"#, written: .ok),
        Collection(
            segment: "namespaces", body: #"{"name":"x"}"#, namespaced: false, patch: #"{"name":"x"}"#,
            mismatched: #"{"name":"other"}"#),
    ]

    @Test(arguments: collections)
    func statusTable(_ collection: Collection) async throws {
        let store = try await TestSupport.seededStore()
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let base =
                collection.namespaced
                ? "/api/core/v2/namespaces/default/\(collection.segment)" : "/api/core/v2/\(collection.segment)"
            let item = base + "/" + collection.name
            let missingNamespace = "/api/core/v2/namespaces/nowhere/\(collection.segment)"
            let oversized = String(repeating: " ", count: 512_001) + collection.body

            // (step, method, path, body, extra headers, expected status)
            var rows: [(String, HTTPRequest.Method, String, String?, HTTPFields, HTTPResponse.Status)] = [
                ("list without credentials", .get, base, nil, [.authorization: ""], .unauthorized),
                ("create", .post, base, collection.body, [:], collection.written),
                ("create again", .post, base, collection.body, [:], .conflict),
                ("fetch", .get, item, nil, [:], .ok),
                ("list", .get, base, nil, [:], .ok),
                ("fetch unknown name", .get, base + "/unknown", nil, [:], .notFound),
                ("replace", .put, item, collection.body, [:], collection.written),
                ("replace with another name", .put, item, collection.mismatched, [:], .badRequest),
                (
                    "patch with a stale If-Match", .patch, item, collection.patch,
                    TestSupport.header("If-Match", "\"0\""),
                    .preconditionFailed
                ),
                (
                    "patch with If-None-Match *", .patch, item, collection.patch,
                    TestSupport.header("If-None-Match", "*"), .preconditionFailed
                ),
                ("patch", .patch, item, collection.patch, [:], .ok),
                ("patch unknown name", .patch, base + "/unknown", collection.patch, [:], .notFound),
                ("create oversized", .post, base, oversized, [:], .contentTooLarge),
                ("delete", .delete, item, nil, [:], .noContent),
                ("delete again", .delete, item, nil, [:], .notFound),
            ]
            if collection.namespaced {
                rows += [
                    ("list in an unknown namespace", .get, missingNamespace, nil, [:], .notFound),
                    (
                        "replace in an unknown namespace", .put, missingNamespace + "/" + collection.name,
                        collection.body, [:], .notFound
                    ),
                    ("list in every namespace", .get, "/api/core/v2/\(collection.segment)", nil, [:], .ok),
                    (
                        "replace with another namespace", .put, item,
                        Self.withNamespace(collection.body, "elsewhere"), [:], .badRequest
                    ),
                ]
            }
            for (step, method, path, body, headers, expected) in rows {
                let response: TestResponse
                if headers[.authorization] != nil {
                    response = try await client.execute(uri: path, method: method, headers: [:])
                } else {
                    response = try await api.send(method, path, body, headers: headers)
                }
                #expect(
                    response.status == expected,
                    "\(collection.segment): \(step): \(method) \(path) → \(response.status) \(APISession.text(response))"
                )
                if expected.code >= 400 {
                    let error = APISession.error(response)
                    #expect(error != nil, "\(collection.segment): \(step): no error body")
                    if let error, expected != .contentTooLarge {
                        #expect(ErrorCode(rawValue: error.code)?.httpStatus == expected.code, "\(step): \(error)")
                    }
                }
                if step == "fetch" {
                    #expect(response.headers[.eTag]?.hasPrefix("\"") == true, "\(step): ETag")
                }
            }
        }
    }

    @Test(arguments: collections.filter { $0.segment != "namespaces" })
    func etagGuardsConcurrentPatches(_ collection: Collection) async throws {
        let store = try await TestSupport.seededStore()
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let item = "/api/core/v2/namespaces/default/\(collection.segment)/\(collection.name)"
            _ = try await api.send(.put, item, collection.body)
            let tag = try #require(try await api.send(.get, item).headers[.eTag])
            let first = try await api.send(
                .patch, item, collection.patch,
                headers: APITestHarness.headers([("If-Match", tag), ("Content-Type", "application/merge-patch+json")]))
            #expect(first.status == .ok, "\(APISession.text(first))")
            let after = try #require(try await api.send(.get, item).headers[.eTag])
            #expect(after != tag)
            let second = try await api.send(
                .patch, item, #"{"metadata":{"labels":{"second":"yes"}}}"#,
                headers: TestSupport.header("If-Match", tag))
            #expect(second.status == .preconditionFailed)
            #expect(APISession.error(second)?.code == ErrorCode.preconditionFailed.rawValue)
            let unsupported = try await api.send(
                .patch, item, collection.patch, headers: TestSupport.header("Content-Type", "text/plain"))
            #expect(unsupported.status == .badRequest)
            #expect(try await api.send(.get, item).headers[.eTag] == after)
        }
    }

    @Test func patchMergesAndKeepsTheRest() async throws {
        let store = try await TestSupport.seededStore()
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let item = "/api/core/v2/namespaces/default/checks/cpu"
            let created = try await api.send(
                .put, item,
                #"{"metadata":{"name":"cpu","labels":{"a":"1","b":"2"}},"command":"check-cpu","interval":10,"subscriptions":["linux"]}"#
            )
            #expect(created.status == .created)
            let patched = try await api.send(
                .patch, item, #"{"interval":30,"metadata":{"labels":{"a":null,"c":"3"}},"subscriptions":["web"]}"#)
            #expect(patched.status == .ok)
            let check = try #require(try await store.resource(CheckConfig.self, namespace: "default", name: "cpu"))
            #expect(check.interval == 30)
            #expect(check.command == "check-cpu")
            #expect(check.subscriptions == ["web"])
            #expect(check.metadata.labels == ["b": "2", "c": "3"])
            #expect(check.metadata.createdBy == "admin")
        }
    }

    static func withNamespace(_ body: String, _ namespace: String) -> String {
        if body.contains(#""metadata":{"#) {
            return body.replacingOccurrences(
                of: #""metadata":{"#, with: #""metadata":{"namespace":"\#(namespace)","#)
        }
        return body.replacingOccurrences(
            of: "{", with: #"{"metadata":{"namespace":"\#(namespace)"},"#, options: [], range: body.range(of: "{"))
    }
}
