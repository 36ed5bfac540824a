import NIOCore
import NIOPosix

/// Delivers a payload to a `tcp` or `udp` handler's socket (Sensu Go 6.x, reference §7.8): connect (TCP) within the
/// timeout, write the whole payload once with no framing, close.
public enum SocketDelivery {
    /// Sends `payload` to `host:port`.
    /// - Parameters:
    ///   - payload: the bytes to send.
    ///   - host: peer host name or address.
    ///   - port: peer port.
    ///   - transport: `tcp` or `udp`.
    ///   - timeout: connect-and-write time limit.
    /// - Throws: `PipelineError` (`.socket`) naming the peer and the reason.
    public static func send(
        _ payload: [UInt8], host: String, port: Int, transport: String, timeout: Duration
    ) async throws(PipelineError) {
        do {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    if transport == "udp" {
                        try await sendUDP(payload, host: host, port: port)
                    } else {
                        try await sendTCP(payload, host: host, port: port, timeout: timeout)
                    }
                    return true
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return false
                }
                defer { group.cancelAll() }
                guard try await group.next() == true else {
                    throw PipelineError.socket(host: host, port: port, reason: "timed out after \(timeout)")
                }
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.socket(host: host, port: port, reason: "\(error)")
        }
    }

    private static func sendTCP(_ payload: [UInt8], host: String, port: Int, timeout: Duration) async throws {
        let milliseconds = max(
            1, Int64(timeout.components.seconds) * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(milliseconds))
            .connect(host: host, port: port)
            .get()
        do {
            try await channel.writeAndFlush(ByteBuffer(bytes: payload)).get()
        } catch {
            try? await channel.close().get()
            throw error
        }
        try await channel.close().get()
    }

    private static func sendUDP(_ payload: [UInt8], host: String, port: Int) async throws {
        let address = try SocketAddress.makeAddressResolvingHost(host, port: port)
        let bindHost = address.protocol == .inet6 ? "::" : "0.0.0.0"
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: bindHost, port: 0)
            .get()
        do {
            let envelope = AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: payload))
            try await channel.writeAndFlush(envelope).get()
        } catch {
            try? await channel.close().get()
            throw error
        }
        try await channel.close().get()
    }
}
