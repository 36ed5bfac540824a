import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
public import NIOCore
import NIOHTTP1
import NIOSSL
import PharosWire
public import ServiceLifecycle

extension AgentGateway {
    /// The gateway's listener: a Hummingbird application with a WebSocket upgrade on `/`.
    ///
    /// A refused upgrade is answered by the gateway itself with the status and a plain-text reason (401
    /// `missing credentials`/`bad credentials`, 404 `namespace "x" not found`), then the connection is closed;
    /// Hummingbird would otherwise answer every refused upgrade with a bare 400. Requests without an upgrade go to
    /// a small router that gives the same answers.
    /// - Parameters:
    ///   - configuration: Host, port, TLS and `Backend-ID`.
    ///   - onServerRunning: Called with the listening channel (tests read the port from it).
    /// - Throws: NIOSSL's error when the TLS configuration is unusable.
    public nonisolated func makeService(
        configuration: AgentGatewayConfiguration,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> any Service {
        let maxMessageSize = configuration.maxMessageSize
        let transportLimit = Self.transportLimit(maxMessageSize: maxMessageSize)
        var responseHeaders = HTTPFields()
        if let field = HTTPFields.Element.Name(HandshakeHeader.backendID) {
            responseHeaders[field] = configuration.backendID
        }
        let upgradeHeaders = responseHeaders
        let mutualTLS = configuration.authenticatesClientCertificates
        let router = Router(context: AgentGatewayRequestContext.self)
        router.get("/") { request, context -> Response in
            let certificateUser = mutualTLS ? try await Self.peerCommonName(context.channel) : nil
            _ = try await self.checkHandshake(request.headers, certificateUser: certificateUser)
            throw AgentHandshakeError(status: .badRequest, message: "websocket upgrade required")
        }
        let webSocket = HTTP1WebSocketUpgradeChannel.Configuration(ws: .init(maxFrameSize: transportLimit))
        let shouldUpgrade:
            @Sendable (HTTPRequest, any Channel, Logger) async throws -> ShouldUpgradeResult<
                WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>
            > = { head, channel, _ in
                let handshake: AgentHandshake
                let user: String
                do {
                    let certificateUser = mutualTLS ? try await Self.peerCommonName(channel) : nil
                    (handshake, user) = try await self.checkHandshake(
                        head.headerFields, certificateUser: certificateUser)
                } catch {
                    let refusal = (error as? AgentHandshakeError) ?? .badCredentials
                    await Self.refuse(channel, refusal)
                    return .dontUpgrade
                }
                return .upgrade(upgradeHeaders) { inbound, outbound, _ in
                    await self.runSession(
                        handshake: handshake, user: user, inbound: inbound, outbound: outbound,
                        maxMessageSize: maxMessageSize)
                }
            }
        let host = configuration.host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let application = ApplicationConfiguration(
            address: .hostname(host, port: configuration.port), serverName: "pharos-agent-gateway")
        if let tls = configuration.tls {
            return Application(
                router: router,
                server: try .tls(
                    .http1WebSocketUpgrade(configuration: webSocket, shouldUpgrade: shouldUpgrade),
                    tlsConfiguration: tls),
                configuration: application, onServerRunning: onServerRunning, logger: logger)
        }
        return Application(
            router: router, server: .http1WebSocketUpgrade(configuration: webSocket, shouldUpgrade: shouldUpgrade),
            configuration: application, onServerRunning: onServerRunning, logger: logger)
    }

    /// The subject common name of the verified client certificate on `channel` (empty when it has none).
    /// - Throws: `AgentHandshakeError` 401 when the channel has no TLS handler or no client certificate.
    private static func peerCommonName(_ channel: any Channel) async throws -> String {
        guard let certificate = try? await channel.nioSSL_peerCertificate().get() else {
            throw AgentHandshakeError(status: .unauthorized, message: "missing client certificate")
        }
        return certificate.subjectName.first { $0.type == .commonName }?.value ?? ""
    }

    /// Writes the refusal (status + plain-text reason) on the connection and closes it.
    private static func refuse(_ channel: any Channel, _ error: AgentHandshakeError) async {
        let body = ByteBuffer(string: error.message)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(body.readableBytes)")
        headers.add(name: "Connection", value: "close")
        let head = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: error.status.code), headers: headers)
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        channel.write(HTTPServerResponsePart.body(.byteBuffer(body)), promise: nil)
        try? await channel.writeAndFlush(HTTPServerResponsePart.end(nil))
        try? await channel.close()
    }
}
