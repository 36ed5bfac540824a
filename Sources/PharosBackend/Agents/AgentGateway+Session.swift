import Foundation
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import PharosCore
import PharosStore
import PharosWire
import ServiceLifecycle

extension AgentGateway {
    /// Runs one upgraded session: sends `entity_config`, registers the session, then reads frames until the
    /// agent disconnects. Errors end only this session.
    nonisolated func runSession(
        handshake: AgentHandshake, user: String, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
        maxMessageSize: Int
    ) async {
        let key = AgentSessionKey(namespace: handshake.namespace, agent: handshake.agent)
        var logger = logger
        logger[metadataKey: "agent.name"] = "\(key)"
        let id = UUID()
        let transportLimit = Self.transportLimit(maxMessageSize: maxMessageSize)
        var reason = "the agent closed the connection"
        do {
            var stored = try await store.entityConfig(namespace: key.namespace, name: key.agent)
            // A deregister: true entity is ephemeral: the connecting agent's configuration replaces it on its
            // first keepalive (EntityOwnership), so the old copy is neither sent nor used for subscriptions.
            if stored?.deregister == true { stored = nil }
            var subscriptions = stored?.subscriptions ?? handshake.subscriptions
            let own = SilenceRule.entitySubscription(for: key.agent)
            if !subscriptions.contains(own) { subscriptions.append(own) }
            let config =
                stored ?? EntityConfig(metadata: ObjectMeta(name: "not found", namespace: key.namespace))
            try await outbound.write(.binary(ByteBuffer(bytes: try AgentFrame.make(.entityConfig, config).bytes)))
            await register(
                key,
                AgentSession(
                    id: id, user: user, subscriptions: Set(subscriptions), outbound: outbound, sentConfig: stored))
            logger.info("agent connected", metadata: ["subscriptions": "\(subscriptions.joined(separator: ","))"])
            let watcher = Task { await pollEntityConfig(key: key, id: id, logger: logger) }
            defer { watcher.cancel() }
            for try await message in inbound.messages(maxSize: transportLimit) {
                let bytes: [UInt8]
                switch message {
                case .binary(let buffer): bytes = Array(buffer.readableBytesView)
                case .text(let text): bytes = Array(text.utf8)
                }
                guard bytes.count <= maxMessageSize else {
                    await countOversizedMessage()
                    let type = String(
                        decoding: bytes.prefix(while: { $0 != UInt8(ascii: "\n") }).prefix(64), as: UTF8.self)
                    logger.warning(
                        "agent message larger than the maximum message size skipped",
                        metadata: ["size": "\(bytes.count)", "limit": "\(maxMessageSize)", "frame.type": "\(type)"])
                    continue
                }
                await handleFrame(
                    bytes, key: key, user: user, declaredSubscriptions: handshake.subscriptions, logger: logger)
            }
            if Task.isShuttingDownGracefully { reason = "the backend is shutting down" }
        } catch {
            reason = Self.sessionEndReason(error, transportLimit: transportLimit)
        }
        if await !unregister(key, id: id) {
            reason += "; a newer session of the same agent had replaced this one"
        }
        logger.info("agent disconnected", metadata: ["reason": "\(reason)"])
    }

    /// The largest message a session reads before closing the connection: four times the maximum message size
    /// (a message between the two is read and skipped, so one huge result does not cause a reconnect loop).
    nonisolated static func transportLimit(maxMessageSize: Int) -> Int {
        let (limit, overflow) = maxMessageSize.multipliedReportingOverflow(by: 4)
        return overflow ? Int.max : limit
    }

    /// Why a session's read loop failed, for the log line that ends the session.
    nonisolated static func sessionEndReason(_ error: any Error, transportLimit: Int) -> String {
        let description = String(describing: error)
        if case NIOWebSocketError.invalidFrameLength = error {
            return "the agent sent a frame over \(transportLimit) bytes; connection closed (WebSocket close 1009)"
        }
        if description.contains("messageTooLarge") {
            return "the agent sent a message over \(transportLimit) bytes; connection closed (WebSocket close 1009)"
        }
        return "error: \(description)"
    }

    /// Decodes and dispatches one frame; malformed frames are logged and counted, never fatal. The first keepalive
    /// of a connection settles the entity's ownership with the handshake's `declaredSubscriptions`, and the
    /// session then picks up the stored configuration that results.
    nonisolated func handleFrame(
        _ bytes: [UInt8], key: AgentSessionKey, user: String, declaredSubscriptions: [String], logger: Logger
    ) async {
        let frame: AgentFrame
        do {
            frame = try AgentFrame(bytes: bytes)
        } catch {
            await countMalformedFrame()
            logger.warning("malformed frame skipped", metadata: ["error": "\(error)"])
            return
        }
        switch frame.messageType {
        case .keepalive:
            guard let event = await decodeEvent(frame, key: key, logger: logger) else { return }
            let first = event.sequence <= 1
            await keepalives.keepalive(
                event, user: user, declaredSubscriptions: first ? declaredSubscriptions : nil)
            if first { await entityConfigChanged(namespace: key.namespace, name: key.agent) }
        case .event:
            guard var event = await decodeEvent(frame, key: key, logger: logger) else { return }
            if event.entity == nil { event.entity = await storedEntity(key) }
            do {
                try event.validate()
            } catch {
                await countMalformedFrame()
                logger.warning("invalid event skipped", metadata: ["error": "\(error)"])
                return
            }
            await events.process(event)
        case .goodbye:
            await keepalives.goodbye(namespace: key.namespace, name: key.agent)
        case .checkRequest, .entityConfig, nil:
            logger.info("unexpected frame type ignored", metadata: ["frame.type": "\(frame.type)"])
        }
    }

    /// Decodes an event payload and fills its namespace (and the entity's) from the session.
    private nonisolated func decodeEvent(_ frame: AgentFrame, key: AgentSessionKey, logger: Logger) async -> Event? {
        do {
            var event = try frame.decode(Event.self)
            event.metadata.namespace = key.namespace
            if var entity = event.entity {
                if entity.metadata.namespace.isEmpty { entity.metadata.namespace = key.namespace }
                if entity.metadata.name.isEmpty { entity.metadata.name = key.agent }
                event.entity = entity
            }
            if var check = event.check, check.metadata.namespace.isEmpty {
                check.metadata.namespace = key.namespace
                event.check = check
            }
            return event
        } catch {
            await countMalformedFrame()
            logger.warning("malformed frame skipped", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// The stored entity of the session's agent, or a bare agent entity.
    private nonisolated func storedEntity(_ key: AgentSessionKey) async -> Entity {
        let meta = ObjectMeta(name: key.agent, namespace: key.namespace)
        let config = (try? await store.entityConfig(namespace: key.namespace, name: key.agent)) ?? nil
        let state = (try? await store.entityState(namespace: key.namespace, name: key.agent)) ?? nil
        return Entity(
            config: config ?? EntityConfig(metadata: meta, entityClass: "agent"),
            state: state ?? EntityState(metadata: meta))
    }
}
