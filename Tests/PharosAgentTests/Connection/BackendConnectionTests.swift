import Foundation
import Logging
import PharosAgent
import PharosCore
import PharosWire
import ServiceLifecycle
import Synchronization
import Testing

@Suite struct BackendConnectionTests {
    func agentConfiguration(port: Int) -> AgentConfiguration {
        AgentConfiguration(
            backendURLs: ["ws://127.0.0.1:\(port)/"], namespace: "webinar", subscriptions: ["linux", "nginx"],
            name: "pod-1", deregister: true, keepaliveInterval: .seconds(5), keepaliveTimeout: .seconds(10),
            retryMinimum: .milliseconds(200))
    }

    @Test(.timeLimit(.minutes(1)))
    func keepaliveCheckRequestAndGoodbye() async throws {
        let backend = TestBackend()
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = ServiceGroup(
            configuration: .init(
                services: [backend.application(port: portSink)], gracefulShutdownSignals: [],
                logger: Logger(label: "test-backend")))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let logger = Logger(label: "agent")
            let connection = BackendConnection(
                configuration: agentConfiguration(port: port),
                runner: CheckRunner(
                    agentName: "pod-1", assets: DirectoryAssetProvider(root: "/nonexistent"), logger: logger),
                logger: logger)
            let agent = ServiceGroup(
                configuration: .init(services: [connection], gracefulShutdownSignals: [], logger: logger))
            async let agentRun: Void = agent.run()
            var frames = backend.frames.makeAsyncIterator()

            let keepaliveFrame = try #require(await frames.next())
            #expect(keepaliveFrame.messageType == .keepalive)
            let keepalive = try keepaliveFrame.decode(Event.self)
            #expect(keepalive.entity?.metadata.name == "pod-1")
            #expect(keepalive.entity?.metadata.namespace == "webinar")
            #expect(keepalive.entity?.entityClass == "agent")
            #expect(keepalive.entity?.subscriptions == ["linux", "nginx", "entity:pod-1"])
            #expect(keepalive.entity?.deregister == true)
            #expect(keepalive.entity?.system.os == "linux")
            #expect(keepalive.check?.config.metadata.name == "keepalive")
            #expect(keepalive.check?.config.interval == 5)
            #expect(keepalive.check?.config.timeout == 10)
            #expect(keepalive.check?.status == 0)
            #expect(keepalive.sequence == 1)
            #expect(UUID(uuidString: keepalive.id) != nil)

            let headers = try #require(backend.state.withLock { $0.headers.first })
            #expect(headers["Sensu-AgentName"] == "pod-1")
            #expect(headers["Sensu-Namespace"] == "webinar")
            #expect(headers["Sensu-User"] == "agent")
            #expect(headers["Sensu-Subscriptions"] == "linux,nginx")
            let basic = "Basic " + Data("agent:P@ssw0rd!".utf8).base64EncodedString()
            #expect(headers["Authorization"] == basic)

            try await backend.send(
                AgentFrame.make(
                    .entityConfig,
                    EntityConfig(
                        metadata: ObjectMeta(name: "pod-1", namespace: "webinar"), entityClass: "agent",
                        subscriptions: ["linux", "nginx", "kubernetes", "entity:pod-1"])))
            try await backend.send(
                AgentFrame.make(
                    .checkRequest,
                    CheckRequest(
                        config: CheckConfig(
                            metadata: ObjectMeta(name: "check-hello", namespace: "webinar"),
                            command: "echo hello; exit 1", interval: 10),
                        issued: 1_700_000_000)))
            var eventFrame: AgentFrame?
            while let frame = await frames.next() {
                if frame.messageType == .event {
                    eventFrame = frame
                    break
                }
            }
            let event = try #require(eventFrame).decode(Event.self)
            #expect(event.check?.config.metadata.name == "check-hello")
            #expect(event.check?.status == 1)
            #expect(event.check?.output == "hello\n")
            #expect(event.check?.issued == 1_700_000_000)
            #expect(event.entity?.subscriptions == ["linux", "nginx", "kubernetes", "entity:pod-1"])

            await agent.triggerGracefulShutdown()
            var goodbye: AgentFrame?
            while let frame = await frames.next() {
                if frame.messageType == .goodbye {
                    goodbye = frame
                    break
                }
            }
            #expect(try #require(goodbye).payload == Array("{}".utf8))
            // The agent's run ends after goodbye (bounded by the test's time limit; how promptly a real agent
            // process exits is `AgentShutdownTests.agentExitsPromptlyAfterGoodbyeOverTLS…`, with a deadline).
            try await agentRun
            await server.triggerGracefulShutdown()
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func refusedCredentialsAreRetriedWithGrowingDelays() async throws {
        let backend = TestBackend(refuse: true)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = ServiceGroup(
            configuration: .init(
                services: [backend.application(port: portSink)], gracefulShutdownSignals: [],
                logger: Logger(label: "test-backend")))
        let logs = RecordingLogHandler.Store()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let logger = Logger(label: "agent") { _ in RecordingLogHandler(store: logs) }
            var configuration = agentConfiguration(port: port)
            configuration.password = "wrong"
            let connection = BackendConnection(
                configuration: configuration,
                runner: CheckRunner(
                    agentName: "pod-1", assets: DirectoryAssetProvider(root: "/nonexistent"), logger: logger),
                logger: logger)
            let agent = ServiceGroup(
                configuration: .init(services: [connection], gracefulShutdownSignals: [], logger: logger))
            async let agentRun: Void = agent.run()
            try await Task.sleep(for: .seconds(3))
            await agent.triggerGracefulShutdown()
            try await agentRun
            await server.triggerGracefulShutdown()
        }
        let attempts = backend.state.withLock { $0.attempts }
        #expect(attempts.count >= 3)
        #expect(attempts.count <= 6)
        let gaps = zip(attempts.dropFirst(), attempts).map { $0 - $1 }
        // Backoff from 0.2 s: each wait is at least twice the previous one (jitter only adds).
        for (index, gap) in gaps.enumerated() {
            #expect(gap >= .milliseconds(200) * (1 << index), "gaps: \(gaps)")
        }
        let reasons = logs.entries.withLock { $0 }.compactMap { $0.metadata["reason"] }
        #expect(reasons.count >= 3)
        #expect(reasons.allSatisfy { $0.hasPrefix("backend refused credentials (401)") }, "\(reasons)")
    }
}
