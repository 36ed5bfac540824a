import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import PharosCore
import PharosWire

/// One simulated agent: a real WebSocket connection with the agent handshake, a keepalive, then (per mode) check
/// results as fast as the backend accepts them, keepalives every interval, or just listening for check requests.
struct SimulatedAgent: Sendable {
    enum Behaviour: Sendable {
        /// Send results of check `bench` back to back until the deadline.
        case flood(until: UInt64)
        /// Send keepalives every `interval` seconds until the deadline (Unix ns).
        case keepalives(interval: Double, until: UInt64)
    }

    let name: String
    let port: Int
    let subscriptions: [String]
    let keepaliveTimeout: UInt32
    let onConnected: @Sendable () -> Void
    let onRequest: @Sendable (CheckRequest, UInt64) -> Void

    func run(_ behaviour: Behaviour) async {
        var configuration = WebSocketClientConfiguration()
        var headers = HTTPFields()
        if let field = HTTPField.Name(HandshakeHeader.agentName) { headers[field] = name }
        if let field = HTTPField.Name(HandshakeHeader.namespace) { headers[field] = "default" }
        if let field = HTTPField.Name(HandshakeHeader.subscriptions) {
            headers[field] = subscriptions.joined(separator: ",")
        }
        headers[.authorization] = "Basic " + Data("agent:P@ssw0rd!".utf8).base64EncodedString()
        configuration.additionalHeaders = headers
        configuration.maxFrameSize = 1 << 20
        var logger = Logger(label: "bench-agent")
        logger.logLevel = .critical
        let entity = Entity(
            metadata: ObjectMeta(name: name, namespace: "default"), entityClass: "agent", subscriptions: subscriptions)
        do {
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(port)/", configuration: configuration, logger: logger
            ) { inbound, outbound, _ in
                try await outbound.write(.binary(ByteBuffer(bytes: try keepaliveFrame(entity).bytes)))
                onConnected()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            let received = Clock.nanoseconds()
                            guard case .binary(let buffer) = message,
                                let frame = try? AgentFrame(bytes: Array(buffer.readableBytesView)),
                                frame.messageType == .checkRequest,
                                let request = try? frame.decode(CheckRequest.self)
                            else { continue }
                            onRequest(request, received)
                        }
                    }
                    switch behaviour {
                    case .flood(let until):
                        var check = CheckConfig(metadata: ObjectMeta(name: "bench", namespace: "default"))
                        check.interval = 10
                        var sequence: Int64 = 0
                        while Clock.nanoseconds() < until {
                            sequence += 1
                            var result = Check(config: check)
                            result.status = 0
                            result.output = String(Clock.nanoseconds())
                            result.executed = Int64(Date().timeIntervalSince1970)
                            let event = Event(
                                timestamp: result.executed, entity: entity, check: result,
                                metadata: ObjectMeta(namespace: "default"), id: UUID().uuidString, sequence: sequence)
                            try await outbound.write(
                                .binary(ByteBuffer(bytes: try AgentFrame.make(.event, event).bytes)))
                        }
                    case .keepalives(let interval, let until):
                        while Clock.nanoseconds() < until {
                            try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
                            try await outbound.write(.binary(ByteBuffer(bytes: try keepaliveFrame(entity).bytes)))
                        }
                    }
                    group.cancelAll()
                }
            }
        } catch {
            // A closed connection ends the simulated agent.
        }
    }

    private func keepaliveFrame(_ entity: Entity) throws -> AgentFrame {
        var config = CheckConfig(metadata: ObjectMeta(name: "keepalive", namespace: "default"))
        config.interval = 20
        config.timeout = keepaliveTimeout
        let event = Event(
            timestamp: Int64(Date().timeIntervalSince1970), entity: entity, check: Check(config: config),
            metadata: ObjectMeta(namespace: "default"), id: UUID().uuidString, sequence: 0)
        return try AgentFrame.make(.keepalive, event)
    }
}

/// Counts connected agents and records check-request arrivals.
final class AgentTally: @unchecked Sendable {
    private let lock = NSLock()
    private var connected = 0
    private var lateness: [Double] = []

    var connectedCount: Int { lock.withLock { connected } }
    func connectedOne() { lock.withLock { connected += 1 } }
    func record(lateness milliseconds: Double) { lock.withLock { lateness.append(milliseconds) } }
    var latenesses: [Double] { lock.withLock { lateness } }
}
