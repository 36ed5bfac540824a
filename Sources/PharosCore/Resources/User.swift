/// A user account, as in Sensu Go `core/v2` `User` (reference §1.15). Cluster-wide; it has no `ObjectMeta` on the
/// wire, so `metadata` is derived from `username`.
public struct User: Sendable, Hashable, Codable, Resource {
    /// Login name (lowercase letters, digits, `_`, `.`, `-`).
    public var username: String
    /// Clear-text password, only sent on create/update (at least 8 characters); never returned.
    public var password: String
    /// Groups the user belongs to (role bindings refer to them).
    public var groups: [String]
    /// Whether the account is disabled.
    public var disabled: Bool
    /// bcrypt hash of the password, as stored and dumped.
    public var passwordHash: String

    /// Creates a user.
    public init(
        username: String, password: String = "", groups: [String] = [], disabled: Bool = false,
        passwordHash: String = ""
    ) {
        self.username = username
        self.password = password
        self.groups = groups
        self.disabled = disabled
        self.passwordHash = passwordHash
    }

    /// `ObjectMeta(name: username)`; setting it copies a non-empty `name` back.
    public var metadata: ObjectMeta {
        get { ObjectMeta(name: username) }
        set { if !newValue.name.isEmpty { username = newValue.name } }
    }

    /// `user`, REST collection `users`, cluster-wide.
    public static var resourceType: ResourceType { .user }
    /// JSON field names of a user.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case username, password, groups, disabled
        case passwordHash = "password_hash"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        username = try container.lenient(.username, "")
        password = try container.lenient(.password, "")
        groups = try container.lenient(.groups, [])
        disabled = try container.lenient(.disabled, false)
        passwordHash = try container.lenient(.passwordHash, "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(username, forKey: .username)
        try container.encodeOmitEmpty(password, forKey: .password)
        try container.encodeNilIfEmpty(groups, forKey: .groups)
        try container.encode(disabled, forKey: .disabled)
        try container.encodeOmitEmpty(passwordHash, forKey: .passwordHash)
    }
}
