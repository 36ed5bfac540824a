import PharosBackend
import PharosCore
import Testing

@Suite struct CheckRequestPublisherContractTests {
    actor Recorder: CheckRequestPublisher, EventSink {
        var published: [(String, String)] = []
        var processed: [String] = []
        func publish(_ request: CheckRequest, namespace: String, subscription: String) async -> Int {
            published.append((namespace, subscription))
            return 1
        }
        func process(_ event: Event) async { processed.append(event.check?.metadata.name ?? "") }
        func forward(_ event: Event) async {}
        func forget(namespace: String, entity: String, check: String?) async {}
    }

    @Test func protocolsCarryNamespaceAndSubscription() async {
        let recorder = Recorder()
        let reached = await recorder.publish(CheckRequest(), namespace: "webinar", subscription: "nginx")
        await recorder.process(Event(check: Check(config: CheckConfig(metadata: .init(name: "check-nginx")))))
        #expect(reached == 1)
        #expect(await recorder.published.map { "\($0.0)/\($0.1)" } == ["webinar/nginx"])
        #expect(await recorder.processed == ["check-nginx"])
    }
}
