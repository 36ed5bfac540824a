import Foundation
import Hummingbird
import HummingbirdTesting
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// The API's If-Match paths compare-and-swap on the store's resource version: another client's write that lands
/// between the precondition check and the write is answered 412 instead of being silently overwritten.
@Suite struct ConditionalWriteTests {
    static let item = "/api/core/v2/namespaces/default/checks/check-cpu"

    static func check(interval: UInt32) -> CheckConfig {
        CheckConfig(
            metadata: ObjectMeta(name: "check-cpu", namespace: "default"), command: "check-cpu.sh",
            interval: interval, subscriptions: ["linux"])
    }

    /// A seeded store where the first read of `check-cpu` lets another client set its interval to 99.
    static func racingStore() async throws -> InterleavingStore {
        let base = try await TestSupport.seededStore()
        try await base.putResource(check(interval: 10))
        return InterleavingStore(base: base, slipName: "check-cpu") { store in
            try await store.putResource(check(interval: 99))
        }
    }

    @Test func aPutWithIfMatchLosesToAWriteBetweenCheckAndWrite() async throws {
        let store = try await Self.racingStore()
        let tag = ETagOf.check(interval: 10)
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let body = #"{"metadata":{"name":"check-cpu","namespace":"default"},"command":"x","interval":30}"#
            let response = try await api.send(.put, Self.item, body, headers: TestSupport.header("If-Match", tag))
            #expect(response.status == .preconditionFailed, "\(APISession.text(response))")
            #expect(APISession.error(response)?.code == ErrorCode.preconditionFailed.rawValue)
        }
        #expect(
            try await store.base.resource(CheckConfig.self, namespace: "default", name: "check-cpu")?.interval == 99)
    }

    @Test func aPatchWithIfMatchLosesToAWriteBetweenCheckAndWrite() async throws {
        let store = try await Self.racingStore()
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let response = try await api.send(
                .patch, Self.item, #"{"interval":30}"#,
                headers: TestSupport.header("If-Match", ETagOf.check(interval: 10)))
            #expect(response.status == .preconditionFailed, "\(APISession.text(response))")
        }
        #expect(
            try await store.base.resource(CheckConfig.self, namespace: "default", name: "check-cpu")?.interval == 99)
    }

    /// Without a precondition the merge is redone on the value that won, so neither update is lost.
    @Test func aPatchWithoutPreconditionIsMergedOnTheNewValue() async throws {
        let base = try await TestSupport.seededStore()
        try await base.putResource(Self.check(interval: 10))
        let store = InterleavingStore(base: base, slipName: "check-cpu") { store in
            var labelled = Self.check(interval: 99)
            labelled.metadata.labels = ["team": "ops"]
            try await store.putResource(labelled)
        }
        let app = try await APITestHarness.application(store: store, events: RecordingEvents())
        try await app.test(.live) { client in
            let api = try await APISession.login(client)
            let response = try await api.send(.patch, Self.item, #"{"metadata":{"labels":{"tier":"web"}}}"#)
            #expect(response.status == .ok, "\(APISession.text(response))")
        }
        let stored = try await base.resource(CheckConfig.self, namespace: "default", name: "check-cpu")
        #expect(stored?.interval == 99)
        #expect(stored?.metadata.labels == ["team": "ops", "tier": "web"])
    }

    /// The tag the API shows for the check with `interval` is the store's version, quoted.
    enum ETagOf {
        static func check(interval: UInt32) -> String {
            "\"" + ResourceVersion.of(ConditionalWriteTests.check(interval: interval)) + "\""
        }
    }
}
