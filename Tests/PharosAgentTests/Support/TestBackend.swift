import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import PharosWire
import ServiceLifecycle
import Synchronization

/// A small WebSocket backend on 127.0.0.1 (port 0) for agent tests: records handshake headers and received frames,
/// and lets the test send frames to the connected agent. With `refuse` set it declines every upgrade with 401.
final class TestBackend: Sendable {
    struct Received: Sendable {
        var frames: [AgentFrame] = []
        var headers: [[String: String]] = []
        var attempts: [ContinuousClock.Instant] = []
        var outbound: WebSocketOutboundWriter?
    }

    let state = Mutex(Received())
    let refuse: Bool
    let frames: AsyncStream<AgentFrame>
    private let frameSink: AsyncStream<AgentFrame>.Continuation

    init(refuse: Bool = false) {
        self.refuse = refuse
        (frames, frameSink) = AsyncStream.makeStream(of: AgentFrame.self)
    }

    /// Builds the server application; `port` receives the bound port.
    func application(port: AsyncStream<Int>.Continuation) -> some ApplicationProtocol {
        let router = Router()
        router.get("/") { _, _ -> Response in
            throw HTTPError(.unauthorized, message: "bad credentials")
        }
        let wsRouter = Router(context: BasicWebSocketRequestContext.self)
        wsRouter.ws("/") { [self] request, _ in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.rawName] = field.value }
            guard headers["Pharos-Upgrade-Probe"] == nil else { return .dontUpgrade }
            state.withLock {
                $0.attempts.append(.now)
                $0.headers.append(headers)
            }
            return refuse ? .dontUpgrade : .upgrade([:])
        } onUpgrade: { [self] inbound, outbound, _ in
            state.withLock { $0.outbound = outbound }
            for try await message in inbound.messages(maxSize: 1 << 22) {
                guard case .binary(let buffer) = message else { continue }
                let frame = try AgentFrame(bytes: Array(buffer.readableBytesView))
                state.withLock { $0.frames.append(frame) }
                frameSink.yield(frame)
            }
        }
        return Application(
            router: router, server: .http1WebSocketUpgrade(webSocketRouter: wsRouter),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                if let bound = channel.localAddress?.port { port.yield(bound) }
                port.finish()
            }, logger: Logger(label: "test-backend"))
    }

    /// Sends a frame to the connected agent.
    func send(_ frame: AgentFrame) async throws {
        guard let outbound = state.withLock({ $0.outbound }) else { return }
        try await outbound.write(.binary(ByteBuffer(bytes: frame.bytes)))
    }
}
