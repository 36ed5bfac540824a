import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import PharosBackend
import PharosCore
import PharosStore
import PharosWire
import Testing

/// An agent's credentials only create events where RBAC lets them: the user `dev-agent` is bound to the
/// `system:agent` cluster role in namespace `dev` only, so it may post events and connect there, and nowhere
/// else, over the REST API and over the agent WebSocket (Sensu Go agentd: 403 when it may not create events).
@Suite struct AgentAuthorizationTests {
    static let devAgent = BasicCredentials(username: "dev-agent", password: "dev-agent-password")

    /// Namespace `dev`, user `dev-agent` bound to `system:agent` in `dev`, and user `stranger` bound to nothing.
    static func prepare(_ store: any Store) async throws {
        try await store.putResource(Namespace(name: "dev"))
        try await AuthTestSupport.makeUser(store, devAgent.username, password: devAgent.password)
        try await AuthTestSupport.bind(store, user: devAgent.username, clusterRole: "system:agent", namespace: "dev")
        try await AuthTestSupport.makeUser(store, "stranger", password: "stranger-password")
    }

    static func event(_ namespace: String) -> String {
        #"{"entity":{"metadata":{"name":"web-1","namespace":"\#(namespace)"},"entity_class":"proxy"},"check":{"metadata":{"name":"ping","namespace":"\#(namespace)"},"status":1,"output":"warn","interval":10}}"#
    }

    @Test func apiEventsOnlyInTheAgentsOwnNamespace() async throws {
        let store = try await TestSupport.seededStore()
        try await Self.prepare(store)
        let sink = RecordingEvents()
        let app = try await TestSupport.application(store: store, events: sink)
        try await app.test(.live) { client in
            let auth = TestSupport.bearer(try await AuthTestSupport.login(client, Self.devAgent).accessToken)
            let own = try await client.execute(
                uri: "/api/core/v2/namespaces/dev/events", method: .post, headers: auth,
                body: TestSupport.json(Self.event("dev")))
            #expect(own.status == .created)
            #expect(
                try await AuthTestSupport.status(
                    client, .put, "/api/core/v2/namespaces/dev/events/web-1/ping", auth, body: Self.event("dev")) == 201
            )
            for uri in ["/api/core/v2/namespaces/default/events", "/api/core/v2/namespaces/other/events"] {
                let foreign = try await client.execute(
                    uri: uri, method: .post, headers: auth, body: TestSupport.json(Self.event("default")))
                #expect(foreign.status == .forbidden, "\(uri)")
                #expect(try AuthTestSupport.error(foreign).code == ErrorCode.permissionDenied.rawValue)
            }
            #expect(
                try await AuthTestSupport.status(
                    client, .put, "/api/core/v2/namespaces/default/events/web-1/ping", auth, body: Self.event("default")
                )
                    == 403)
            #expect(
                try await AuthTestSupport.status(client, .get, "/api/core/v2/namespaces/dev/checks", auth) == 403)
            #expect(try await AuthTestSupport.status(client, .get, "/api/core/v2/events", auth) == 403)
            let received = await sink.events
            #expect(received.map(\.metadata.namespace) == ["dev", "dev"])
        }
    }

    static func upgradeHeaders(_ credentials: BasicCredentials, namespace: String) -> HTTPFields {
        var headers = AgentGatewayTests.handshakeHeaders(namespace: namespace, credentials: credentials)
        headers[.upgrade] = "websocket"
        headers[.connection] = "Upgrade"
        headers.append(contentsOf: TestSupport.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="))
        headers.append(contentsOf: TestSupport.header("Sec-WebSocket-Version", "13"))
        return headers
    }

    @Test func webSocketRefusesOtherNamespacesWith403() async throws {
        try await AgentGatewayTests.withGateway { harness in
            try await Self.prepare(harness.store)
            let cases: [(BasicCredentials, String, Int, String)] = [
                (Self.devAgent, "default", 403, "Forbidden"),
                (BasicCredentials(username: "stranger", password: "stranger-password"), "dev", 403, "Forbidden"),
                (BasicCredentials(username: "dev-agent", password: "wrong-password"), "dev", 401, "bad credentials"),
            ]
            for (credentials, namespace, status, body) in cases {
                let client = TestClient(host: "127.0.0.1", port: harness.port)
                client.connect()
                let response = try await client.get(
                    "/", headers: Self.upgradeHeaders(credentials, namespace: namespace))
                #expect(response.status.code == status, "\(credentials.username) in \(namespace)")
                #expect(response.body.map { String(decoding: $0.readableBytesView, as: UTF8.self) } == body)
                try await client.shutdown()
            }
        }
    }

    @Test func webSocketAcceptsTheAgentsOwnNamespace() async throws {
        try await AgentGatewayTests.withGateway { harness in
            try await Self.prepare(harness.store)
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders = AgentGatewayTests.handshakeHeaders(
                agent: "dev-1", namespace: "dev", credentials: Self.devAgent)
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(harness.port)/", configuration: configuration, logger: TestSupport.logger
            ) { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                let first = try AgentGatewayTests.frame(try await messages.next())
                #expect(first.type == AgentMessageType.entityConfig.rawValue)
                #expect(try first.decode(EntityConfig.self).metadata.namespace == "dev")
            }
        }
    }
}
