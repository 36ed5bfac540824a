import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOCore
import NIOSSL
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import ServiceLifecycle
import Testing

@Suite struct AgentGatewayTests {
    struct Harness {
        var store: InMemoryStore
        var gateway: AgentGateway
        var events: RecordingEvents
        var pipeline: RecordingEvents
        var port: Int
    }

    /// Runs a gateway on 127.0.0.1 port 0 for the duration of `body`.
    static func withGateway(
        tls: TLSConfiguration? = nil, _ body: @Sendable (Harness) async throws -> Void
    ) async throws {
        let store = try await TestSupport.seededStore()
        let events = RecordingEvents()
        let pipeline = RecordingEvents()
        let logger = TestSupport.logger
        let processor = EventProcessor(store: store, pipeline: pipeline, logger: logger)
        let keepalives = KeepaliveMonitor(store: store, events: processor, logger: logger)
        let gateway = AgentGateway(
            store: store, users: UserAuthenticator(store: store, cost: TestSupport.bcryptCost), events: processor,
            keepalives: keepalives, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let service = try gateway.makeService(
            configuration: AgentGatewayConfiguration(host: "127.0.0.1", port: 0, tls: tls, backendID: "backend-test"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                try await body(Harness(store: store, gateway: gateway, events: events, pipeline: pipeline, port: port))
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    static func handshakeHeaders(
        agent: String = "web-1", namespace: String = "default", credentials: BasicCredentials? = TestSupport.agent
    ) -> HTTPFields {
        var headers = TestSupport.header(HandshakeHeader.agentName, agent)
        headers.append(contentsOf: TestSupport.header(HandshakeHeader.namespace, namespace))
        headers.append(contentsOf: TestSupport.header(HandshakeHeader.subscriptions, "linux, nginx"))
        if let credentials { headers[.authorization] = credentials.headerValue }
        return headers
    }

    @Test(arguments: [
        (nil as BasicCredentials?, "default", 401, "missing credentials"),
        (BasicCredentials(username: "agent", password: "nope"), "default", 401, "bad credentials"),
        (TestSupport.agent, "webinar", 404, #"namespace "webinar" not found"#),
    ])
    func refusedHandshakes(credentials: BasicCredentials?, namespace: String, status: Int, body: String) async throws {
        try await Self.withGateway { harness in
            let client = TestClient(host: "127.0.0.1", port: harness.port)
            client.connect()
            var headers = Self.handshakeHeaders(namespace: namespace, credentials: credentials)
            headers[.upgrade] = "websocket"
            headers[.connection] = "Upgrade"
            headers.append(contentsOf: TestSupport.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="))
            headers.append(contentsOf: TestSupport.header("Sec-WebSocket-Version", "13"))
            let response = try await client.get("/", headers: headers)
            #expect(response.status.code == status)
            let text = response.body.map { String(decoding: $0.readableBytesView, as: UTF8.self) }
            #expect(text == body)
            try await client.shutdown()
        }
    }

    @Test func agentSessionRegistersReceivesRequestsAndSaysGoodbye() async throws {
        try await Self.withGateway { harness in
            let store = harness.store
            let gateway = harness.gateway
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders = Self.handshakeHeaders()
            let received = ReceivedFrames()
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(harness.port)/", configuration: configuration, logger: TestSupport.logger
            ) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                let first = try Self.frame(try await messages.next())
                await received.append(first)

                let meta = ObjectMeta(name: "web-1", namespace: "default")
                var entity = Entity(metadata: meta, entityClass: "agent", subscriptions: ["linux", "nginx"])
                entity.deregister = true
                var keepaliveCheck = CheckConfig(metadata: ObjectMeta(name: "keepalive", namespace: "default"))
                keepaliveCheck.interval = 5
                keepaliveCheck.timeout = 10
                let keepalive = Event(
                    timestamp: Int64(Date().timeIntervalSince1970), entity: entity,
                    check: Check(config: keepaliveCheck), metadata: ObjectMeta(namespace: "default"),
                    id: UUID().uuidString, sequence: 1)
                try await outbound.write(.binary(ByteBuffer(bytes: try AgentFrame.make(.keepalive, keepalive).bytes)))
                try await outbound.write(.binary(ByteBuffer(string: "garbage without newline")))
                let registered = try await TestSupport.eventually {
                    try await store.entityConfig(namespace: "default", name: "web-1") != nil
                }
                #expect(registered)
                let keepaliveStored = try await TestSupport.eventually {
                    try await store.event(namespace: "default", entity: "web-1", check: "keepalive")?.check?.status == 0
                }
                #expect(keepaliveStored)

                var config = CheckConfig(metadata: ObjectMeta(name: "check-nginx", namespace: "default"))
                config.command = "check_http -H 127.0.0.1"
                var request = CheckRequest()
                request.config = config
                let reached = await gateway.publish(request, namespace: "default", subscription: "nginx")
                #expect(reached == 1)
                #expect(await gateway.publish(request, namespace: "default", subscription: "windows") == 0)
                // The entity config registered by the keepalive may be pushed (entity_config) at any time;
                // the check request is the first other frame.
                var second = try Self.frame(try await messages.next())
                while second.type == "entity_config" { second = try Self.frame(try await messages.next()) }
                await received.append(second)

                try await outbound.write(
                    .binary(ByteBuffer(bytes: AgentFrame(type: "goodbye", payload: Array("{}".utf8)).bytes)))
                let gone = try await TestSupport.eventually {
                    try await store.entityConfig(namespace: "default", name: "web-1") == nil
                }
                #expect(gone)
            }
            let frames = await received.frames
            #expect(frames.map(\.type) == ["entity_config", "check_request"])
            let placeholder = try frames[0].decode(EntityConfig.self)
            #expect(placeholder.metadata.name == "not found")
            let request = try frames[1].decode(CheckRequest.self)
            #expect(request.config?.metadata.name == "check-nginx")
            #expect(await gateway.malformedFrames == 1)
            let stillConnected = try await TestSupport.eventually { await gateway.connectedAgents.isEmpty }
            #expect(stillConnected)
            #expect(await harness.pipeline.checkNames.contains("registration"))
        }
    }

    @Test func storedConfigIsSentAndItsSubscriptionsWin() async throws {
        try await Self.withGateway { harness in
            try await harness.store.putEntityConfig(
                EntityConfig(
                    metadata: ObjectMeta(name: "web-1", namespace: "default"), entityClass: "agent",
                    subscriptions: ["windows"]))
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders = Self.handshakeHeaders()
            let gateway = harness.gateway
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(harness.port)/", configuration: configuration, logger: TestSupport.logger
            ) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                let first = try Self.frame(try await messages.next())
                #expect(try first.decode(EntityConfig.self).subscriptions == ["windows"])
                var request = CheckRequest()
                request.config = CheckConfig(metadata: ObjectMeta(name: "c", namespace: "default"))
                #expect(await gateway.publish(request, namespace: "default", subscription: "nginx") == 0)
                #expect(await gateway.publish(request, namespace: "default", subscription: "windows") == 1)
                #expect(await gateway.publish(request, namespace: "default", subscription: "entity:web-1") == 1)
            }
        }
    }

    /// Field failure #18 item 3: a message over the maximum size closed the connection ("agent disconnected"
    /// only), so the agent reconnected and sent it again. It is now skipped, counted and logged; the session stays.
    @Test func oversizedMessageIsSkippedAndCountedWithoutEndingTheSession() async throws {
        try await Self.withGateway { harness in
            let store = harness.store
            let gateway = harness.gateway
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders = Self.handshakeHeaders()
            configuration.maxFrameSize = 1 << 24
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(harness.port)/", configuration: configuration, logger: TestSupport.logger
            ) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                _ = try Self.frame(try await messages.next())
                let huge = Array("event\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5 << 20)
                try await outbound.write(.binary(ByteBuffer(bytes: huge)))
                let meta = ObjectMeta(name: "web-1", namespace: "default")
                var keepaliveCheck = CheckConfig(metadata: ObjectMeta(name: "keepalive", namespace: "default"))
                keepaliveCheck.interval = 5
                keepaliveCheck.timeout = 10
                let keepalive = Event(
                    timestamp: Int64(Date().timeIntervalSince1970),
                    entity: Entity(metadata: meta, entityClass: "agent", subscriptions: ["linux"]),
                    check: Check(config: keepaliveCheck), metadata: ObjectMeta(namespace: "default"),
                    id: UUID().uuidString, sequence: 1)
                try await outbound.write(.binary(ByteBuffer(bytes: try AgentFrame.make(.keepalive, keepalive).bytes)))
                let registered = try await TestSupport.eventually {
                    try await store.entityConfig(namespace: "default", name: "web-1") != nil
                }
                #expect(registered)
                #expect(await gateway.oversizedMessages == 1)
                #expect(await gateway.connectedAgents.map(\.agent) == ["web-1"])
            }
        }
    }

    static func frame(_ message: WebSocketMessage?) throws -> AgentFrame {
        switch try #require(message) {
        case .binary(let buffer): try AgentFrame(bytes: Array(buffer.readableBytesView))
        case .text(let text): try AgentFrame(bytes: Array(text.utf8))
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func tlsGatewayUpgradesOverWSS() async throws {
        let directory = NSTemporaryDirectory() + "pharos-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        let tls = try AgentGatewayConfiguration.serverTLS(
            certificateFile: directory + "/cert.pem", keyFile: directory + "/key.pem")
        try await Self.withGateway(tls: tls) { harness in
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders = Self.handshakeHeaders()
            configuration.sniHostname = "pharos-backend"
            var clientTLS = TLSConfiguration.makeClientConfiguration()
            clientTLS.certificateVerification = .none
            let received = ReceivedFrames()
            try await WebSocketClient.connect(
                url: "wss://127.0.0.1:\(harness.port)/", configuration: configuration, tlsConfiguration: clientTLS,
                logger: TestSupport.logger
            ) { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                await received.append(try Self.frame(try await messages.next()))
            }
            #expect(await received.frames.map(\.type) == ["entity_config"])
        }
    }
}

actor ReceivedFrames {
    private(set) var frames: [AgentFrame] = []
    func append(_ frame: AgentFrame) { frames.append(frame) }
}
