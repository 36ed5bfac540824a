/// Peer address of a `tcp` or `udp` handler (`{"host","port"}`), as in Sensu Go `core/v2` `HandlerSocket`.
public struct HandlerSocket: Sendable, Hashable, Codable {
    /// Host name or address of the peer.
    public var host: String
    /// TCP/UDP port of the peer.
    public var port: UInt32

    /// Creates a socket address.
    public init(host: String, port: UInt32) {
        self.host = host
        self.port = port
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case host, port }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        host = try container.lenient(.host, "")
        port = try container.lenient(.port, 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(host, forKey: .host)
        try container.encode(port, forKey: .port)
    }
}
