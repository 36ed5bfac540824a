/// Proxy check request settings of a check (`proxy_requests`), as in Sensu Go `core/v2` `ProxyRequests`.
public struct ProxyRequests: Sendable, Hashable, Codable {
    /// Expressions evaluated against each entity; a check request is published for every entity matching all.
    public var entityAttributes: [String]
    /// Whether proxy check requests are spread over the interval.
    public var splay: Bool
    /// Percentage (0–100) of the interval used for splay.
    public var splayCoverage: UInt32

    /// Creates proxy request settings.
    public init(entityAttributes: [String] = [], splay: Bool = false, splayCoverage: UInt32 = 0) {
        self.entityAttributes = entityAttributes
        self.splay = splay
        self.splayCoverage = splayCoverage
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case entityAttributes = "entity_attributes"
        case splay
        case splayCoverage = "splay_coverage"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        entityAttributes = try container.lenient(.entityAttributes, [])
        splay = try container.lenient(.splay, false)
        splayCoverage = try container.lenient(.splayCoverage, 0)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNilIfEmpty(entityAttributes, forKey: .entityAttributes)
        try container.encode(splay, forKey: .splay)
        try container.encode(splayCoverage, forKey: .splayCoverage)
    }
}
