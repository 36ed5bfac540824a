import Foundation
import HummingbirdWebSocket
public import Logging
import NIOCore
public import PharosCore
public import PharosStore
import PharosWire

/// The agent gateway (reference §3): authenticates WebSocket handshakes, keeps the registry of connected agents
/// (namespace, agent, subscriptions, outbound writer), hands keepalives to the `KeepaliveMonitor` and events to
/// the `EventSink`, and delivers check requests to subscribed agents.
public actor AgentGateway: CheckRequestPublisher {
    let store: any Store
    let users: UserAuthenticator
    let events: any EventSink
    let keepalives: KeepaliveMonitor
    let logger: Logger

    var sessions: [AgentSessionKey: AgentSession] = [:]

    /// Frames that could not be decoded (logged and skipped).
    public private(set) var malformedFrames = 0
    /// Messages larger than the configured maximum message size (logged with agent and size, and skipped).
    public private(set) var oversizedMessages = 0

    /// Creates the gateway.
    /// - Parameters:
    ///   - store: Users, namespaces and entity configs.
    ///   - users: Checks the agents' Basic credentials.
    ///   - events: Where `event` frames go (the `EventProcessor`).
    ///   - keepalives: Where `keepalive` and `goodbye` frames go.
    ///   - logger: Structured logger.
    public init(
        store: any Store, users: UserAuthenticator, events: any EventSink, keepalives: KeepaliveMonitor,
        logger: Logger
    ) {
        self.store = store
        self.users = users
        self.events = events
        self.keepalives = keepalives
        self.logger = logger
    }

    /// The connected agents.
    public var connectedAgents: [AgentSessionKey] {
        sessions.keys.sorted { ($0.namespace, $0.agent) < ($1.namespace, $1.agent) }
    }

    /// Sends `request` as a `check_request` frame to every connected agent of `namespace` subscribed to
    /// `subscription`; returns how many it reached.
    public func publish(_ request: CheckRequest, namespace: String, subscription: String) async -> Int {
        let targets = sessions.filter { $0.key.namespace == namespace && $0.value.subscriptions.contains(subscription) }
        guard !targets.isEmpty else { return 0 }
        let frame: AgentFrame
        do {
            frame = try AgentFrame.make(.checkRequest, request)
        } catch {
            logger.error("check request not encodable", metadata: ["error": "\(error)"])
            return 0
        }
        let logger = logger
        return await withTaskGroup(of: Bool.self) { group in
            for (key, session) in targets {
                group.addTask {
                    do {
                        try await session.outbound.write(.binary(ByteBuffer(bytes: frame.bytes)))
                        return true
                    } catch {
                        logger.info(
                            "check request not delivered", metadata: ["agent.name": "\(key)", "error": "\(error)"])
                        return false
                    }
                }
            }
            var reached = 0
            for await delivered in group where delivered { reached += 1 }
            return reached
        }
    }

    /// The sorted names of the connected agents of `namespace` subscribed to `subscription` (round-robin ring).
    public func subscribers(namespace: String, subscription: String) async -> [String] {
        sessions.filter { $0.key.namespace == namespace && $0.value.subscriptions.contains(subscription) }
            .map(\.key.agent).sorted()
    }

    // MARK: Registry

    func register(_ key: AgentSessionKey, _ session: AgentSession) {
        if sessions[key] != nil {
            logger.info(
                "agent reconnected; its previous session is replaced by a newer session",
                metadata: ["agent.name": "\(key)"])
        }
        sessions[key] = session
    }

    /// Removes session `id` of `key`; returns `false` when a newer session of the agent had replaced it.
    @discardableResult
    func unregister(_ key: AgentSessionKey, id: UUID) -> Bool {
        guard sessions[key]?.id == id else { return false }
        sessions.removeValue(forKey: key)
        return true
    }

    func countOversizedMessage() {
        oversizedMessages += 1
    }

    func countMalformedFrame() {
        malformedFrames += 1
    }
}
