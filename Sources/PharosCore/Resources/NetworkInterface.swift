/// One network interface of an entity's system (`{"name","mac","addresses"}`), as in Sensu Go `core/v2`
/// `NetworkInterface`.
public struct NetworkInterface: Sendable, Hashable, Codable {
    /// Interface name, e.g. `eth0`.
    public var name: String
    /// Hardware address, e.g. `02:42:ac:12:00:07`; empty for loopback.
    public var mac: String
    /// Addresses in CIDR notation, e.g. `172.18.0.7/16`.
    public var addresses: [String]

    /// Creates an interface description.
    public init(name: String, mac: String = "", addresses: [String] = []) {
        self.name = name
        self.mac = mac
        self.addresses = addresses
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, mac, addresses }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.lenient(.name, "")
        mac = try container.lenient(.mac, "")
        addresses = try container.lenient(.addresses, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(name, forKey: .name)
        try container.encodeOmitEmpty(mac, forKey: .mac)
        try container.encodeNilIfEmpty(addresses, forKey: .addresses)
    }
}
