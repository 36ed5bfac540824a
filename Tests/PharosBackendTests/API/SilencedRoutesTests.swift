import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// Silences through the API (reference §1.14): derived names, `begin`, `expire` as remaining seconds,
/// `expire_at`, default and maximum expiry, sub-routes by subscription and check, expired entries gone.
@Suite struct SilencedRoutesTests {
    static let start: Double = 1_700_000_000

    @Test func silencesLifeCycle() async throws {
        let store = try await TestSupport.seededStore()
        let time = ManualTime(Self.start)
        let app = try await APITestHarness.application(store: store, events: RecordingEvents(), now: time)
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let base = "/api/core/v2/namespaces/default/silenced"
            let created = try await api.send(
                .post, base, #"{"subscription":"linux","check":"check-cpu","expire":600,"reason":"patching"}"#)
            #expect(created.status == .created, "\(APISession.text(created))")
            let silence = try TestSupport.decode(
                Silenced.self, try await api.send(.get, base + "/linux:check-cpu").body)
            #expect(silence.metadata.name == "linux:check-cpu")
            #expect(silence.creator == "admin")
            #expect(silence.begin == 1_700_000_000)
            #expect(silence.expire == 600)
            #expect(silence.expireAt == 1_700_000_600)

            let tag = try await api.send(.get, base + "/linux:check-cpu").headers[.eTag]
            time.advance(100)
            let laterResponse = try await api.send(.get, base + "/linux:check-cpu")
            let later = try TestSupport.decode(Silenced.self, laterResponse.body)
            #expect(later.expire == 500)
            #expect(laterResponse.headers[.eTag] == tag, "the ETag must not count down with expire")

            #expect(try await api.send(.post, base, #"{"check":"check-disk"}"#).status == .created)
            let defaulted = try TestSupport.decode(Silenced.self, try await api.send(.get, base + "/*:check-disk").body)
            #expect(defaulted.expireAt == 1_700_000_100 + 86_400)
            #expect(defaulted.expire == 86_400)

            let future = try await api.send(
                .put, base + "/entity:web-1:*",
                #"{"subscription":"entity:web-1","begin":1700003700,"expire_at":1700007300,"expire_on_resolve":true}"#)
            #expect(future.status == .created, "\(APISession.text(future))")
            let scheduled = try TestSupport.decode(
                Silenced.self, try await api.send(.get, base + "/entity:web-1:*").body)
            #expect(scheduled.begin == 1_700_003_700)
            #expect(scheduled.expireAt == 1_700_007_300)
            #expect(scheduled.expireOnResolve)

            let tooLong = try await api.send(.post, base, #"{"subscription":"web","expire":86401}"#)
            #expect(tooLong.status == .badRequest)
            #expect(APISession.error(tooLong)?.message.contains("expire") == true)
            let wrongName = try await api.send(.put, base + "/linux:check-cpu", #"{"subscription":"web"}"#)
            #expect(wrongName.status == .badRequest)

            let bySubscription = try await api.send(.get, base + "/subscriptions/linux")
            #expect(
                try TestSupport.decode([Silenced].self, bySubscription.body).map(\.metadata.name) == ["linux:check-cpu"]
            )
            let byCheck = try await api.send(.get, "/api/core/v2/silenced/checks/check-disk")
            #expect(try TestSupport.decode([Silenced].self, byCheck.body).map(\.metadata.name) == ["*:check-disk"])
            let all = try await api.send(.get, base)
            #expect(try TestSupport.decode([Silenced].self, all.body).count == 3)
            let unknownNamespace = try await api.send(.get, "/api/core/v2/namespaces/nowhere/silenced/checks/x")
            #expect(unknownNamespace.status == .notFound)

            time.advance(500)
            #expect(try await api.send(.get, base + "/linux:check-cpu").status == .notFound)
            let remaining = try TestSupport.decode([Silenced].self, try await api.send(.get, base).body)
            #expect(remaining.map(\.metadata.name).sorted() == ["*:check-disk", "entity:web-1:*"])
            #expect(try await store.resources(Silenced.self, namespace: "default").count == 2)
            #expect(
                try TestSupport.decode([Silenced].self, try await api.send(.get, base + "/subscriptions/linux").body)
                    .isEmpty)
        }
    }

    @Test func eventsAreSilencedByAnAPICreatedSilence() async throws {
        let store = try await TestSupport.seededStore()
        let pipeline = RecordingEvents()
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: TestSupport.logger)
        let app = try await APITestHarness.application(store: store, events: processor)
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            #expect(
                try await api.send(
                    .post, "/api/core/v2/namespaces/default/silenced", #"{"subscription":"entity:router-1"}"#
                )
                .status == .created)
            let posted = try await api.send(
                .post, "/api/core/v2/namespaces/default/events",
                #"{"entity":{"metadata":{"name":"router-1"}},"check":{"metadata":{"name":"ping"},"status":2,"interval":60}}"#
            )
            #expect(posted.status == .created)
            let event = try TestSupport.decode(
                Event.self, try await api.send(.get, "/api/core/v2/namespaces/default/events/router-1/ping").body)
            #expect(event.check?.silenced == ["entity:router-1:*"])
            #expect(event.check?.isSilenced == true)
        }
    }
}
