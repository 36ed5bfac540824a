/// A local process reported by an agent (`{"name"}`), as in Sensu Go `core/v2` `Process` (commercial discovery).
public struct EntityProcess: Sendable, Hashable, Codable {
    /// Process name.
    public var name: String

    /// Creates a process description.
    public init(name: String) {
        self.name = name
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.lenient(.name, "")
    }
}
