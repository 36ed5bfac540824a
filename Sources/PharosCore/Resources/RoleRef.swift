/// The role a binding grants (`{"type","name"}`), as in Sensu Go `core/v2` `RoleRef`.
public struct RoleRef: Sendable, Hashable, Codable {
    /// `Role` or `ClusterRole`.
    public var type: String
    /// Name of the role.
    public var name: String

    /// Creates a role reference.
    public init(type: String = "", name: String = "") {
        self.type = type
        self.name = name
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case type, name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.lenient(.type, "")
        name = try container.lenient(.name, "")
    }
}
