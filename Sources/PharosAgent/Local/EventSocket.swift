import Foundation
public import Logging
import NIOCore
import NIOPosix
import PharosCore
public import ServiceLifecycle

/// The legacy event socket on `socket-host:socket-port`, TCP and UDP (Sensu Go 6.x `agent/sockets.go`,
/// reference §4.5). TCP: bytes are read until they form a Sensu 1.x result (reply `ok`) or the peer closes or
/// 5 s pass (reply `invalid`); `ping` gets `pong`. UDP: one datagram is one result; no reply.
public struct EventSocket: Service {
    let host: String
    let port: Int
    let sink: AgentEventSink
    let logger: Logger

    /// Creates the socket service; nothing listens until ``run()``.
    public init(host: String, port: Int, sink: AgentEventSink, logger: Logger) {
        self.host = host
        self.port = port
        self.sink = sink
        self.logger = logger
    }

    /// What one TCP message gave.
    enum Reply: String {
        case ok, invalid, pong
    }

    /// Listens on TCP and UDP until graceful shutdown.
    public func run() async throws {
        do {
            try await serve()
        } catch {
            // A local source that cannot start (port taken, address missing) must not stop the agent.
            logger.error("cannot run the event socket; continuing without it", metadata: ["error": "\(error)"])
            try? await gracefulShutdown()
        }
    }

    /// Listens until graceful shutdown.
    private func serve() async throws {
        let tcp = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let udp = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(
                        wrappingChannelSynchronously: channel)
                }
            }
        logger.info("event socket listening", metadata: ["socket.host": "\(host)", "socket.port": "\(port)"])
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask {
                        try await udp.executeThenClose { inbound, _ in
                            for try await envelope in inbound {
                                _ = await accept(Array(envelope.data.readableBytesView))
                            }
                        }
                    }
                    try await tcp.executeThenClose { connections in
                        for try await connection in connections {
                            group.addTask { await serve(connection) }
                        }
                    }
                }
            }
        } catch is CancellationError {
            // Graceful shutdown.
        }
    }

    /// Serves one TCP connection.
    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        try? await connection.executeThenClose { inbound, outbound in
            let reply: Reply = await withTaskGroup(of: Reply?.self) { group in
                group.addTask {
                    var bytes: [UInt8] = []
                    do {
                        for try await chunk in inbound {
                            bytes += chunk.readableBytesView
                            let text = String(decoding: bytes, as: UTF8.self)
                            if text.trimmingCharacters(in: .whitespacesAndNewlines) == "ping" {
                                try await outbound.write(ByteBuffer(string: "pong"))
                                bytes = []
                                continue
                            }
                            if (try? JSONSerialization.jsonObject(with: Data(bytes))) != nil {
                                return await accept(bytes) ? .ok : .invalid
                            }
                        }
                    } catch {
                        return .invalid
                    }
                    return bytes.isEmpty ? nil : .invalid
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(5))
                    return Task.isCancelled ? nil : .invalid
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first ?? .invalid
            }
            try await outbound.write(ByteBuffer(string: reply.rawValue))
        }
    }

    /// Decodes, prepares and queues one result; `false` (logged) when it is not valid.
    func accept(_ bytes: [UInt8]) async -> Bool {
        do {
            let result = try JSONDecoder().decode(LegacyCheckResult.self, from: Data(bytes))
            let event = try LocalEvent.prepare(result.event, agent: await sink.entity(), now: AgentEvents.unixNow())
            await sink.enqueue(event)
            return true
        } catch {
            logger.warning(
                "invalid event on the event socket",
                metadata: [
                    "reason": "\(error is DecodingError ? LocalEvent.describe(decodingError: error) : "\(error)")"
                ])
            return false
        }
    }
}
