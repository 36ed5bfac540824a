/// A user or group a role binding grants its role to (`{"type","name"}`), as in Sensu Go `core/v2` `Subject`.
public struct RoleSubject: Sendable, Hashable, Codable {
    /// `User` or `Group`.
    public var type: String
    /// User name or group name.
    public var name: String

    /// Creates a subject.
    public init(type: String, name: String) {
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
