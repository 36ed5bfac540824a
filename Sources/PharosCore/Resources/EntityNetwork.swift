/// The network part of an entity's system (`{"interfaces":[...]}`), as in Sensu Go `core/v2` `Network`.
public struct EntityNetwork: Sendable, Hashable, Codable {
    /// Network interfaces; empty when the agent runs with `strip-networks`.
    public var interfaces: [NetworkInterface]

    /// Creates a network description.
    public init(interfaces: [NetworkInterface] = []) {
        self.interfaces = interfaces
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case interfaces }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        interfaces = try container.lenient(.interfaces, [])
    }
}
