import HummingbirdBcrypt
public import PharosCore
public import PharosStore

/// Checks a username and password against the stored `User` resources (bcrypt `password_hash`); disabled users
/// are refused.
public struct UserAuthenticator: Sendable {
    /// The bcrypt cost of new hashes (Sensu and Pharos: 10; tests use 4).
    public var cost: UInt8
    private let store: any Store

    /// Creates an authenticator over `store`.
    public init(store: any Store, cost: UInt8 = 10) {
        self.store = store
        self.cost = cost
    }

    /// The user when the password matches and the account is enabled, else `nil`.
    /// - Throws: `StoreError` when the store fails.
    public func authenticate(_ credentials: BasicCredentials) async throws(StoreError) -> User? {
        guard !credentials.username.isEmpty,
            let user = try await store.resource(User.self, namespace: "", name: credentials.username),
            !user.disabled, !user.passwordHash.isEmpty
        else { return nil }
        return Bcrypt.verify(credentials.password, hash: user.passwordHash) ? user : nil
    }

    /// The user when it exists and is enabled (used when refreshing tokens), else `nil`.
    /// - Throws: `StoreError` when the store fails.
    public func activeUser(_ username: String) async throws(StoreError) -> User? {
        guard let user = try await store.resource(User.self, namespace: "", name: username), !user.disabled else {
            return nil
        }
        return user
    }

    /// `user` with `password` replaced by its bcrypt hash in `password_hash` (the clear text is dropped).
    public func hashingPassword(of user: User) -> User {
        var hashed = user
        if !user.password.isEmpty {
            hashed.passwordHash = Bcrypt.hash(user.password, cost: cost)
            hashed.password = ""
        }
        return hashed
    }
}
