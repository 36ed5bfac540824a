/// De-registration settings of an entity (`{"handler"}`), as in Sensu Go `core/v2` `Deregistration`.
public struct Deregistration: Sendable, Hashable, Codable {
    /// Handler that receives the de-registration event; empty for none.
    public var handler: String

    /// Creates de-registration settings.
    public init(handler: String = "") {
        self.handler = handler
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case handler }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        handler = try container.lenient(.handler, "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(handler, forKey: .handler)
    }
}
