public import PharosCore

/// Who a request or an agent connection acts as: a user name and the groups role bindings may name.
public struct Principal: Sendable, Hashable {
    /// The group every user of the built-in provider belongs to implicitly; the seeded `system:user` cluster role
    /// binding names it so users can read themselves and change their own password (Sensu Go 6 seeds).
    public static let localUsersGroup = "system:users"

    /// The user name (the token's `sub`, or the API key's user).
    public var username: String
    /// The user's groups, plus `system:users`.
    public var groups: [String]

    /// Creates a principal.
    public init(username: String, groups: [String]) {
        self.username = username
        self.groups = groups
    }

    /// The principal of a stored user of the built-in provider: its groups plus `system:users`.
    public init(user: User) {
        username = user.username
        groups = user.groups.contains(Self.localUsersGroup) ? user.groups : user.groups + [Self.localUsersGroup]
    }
}
