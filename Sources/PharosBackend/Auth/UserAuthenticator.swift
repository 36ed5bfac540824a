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

    /// Whether `text` looks like a bcrypt hash (`$2a$`, `$2b$` or `$2y$`, two cost digits, 53 characters of salt
    /// and hash in bcrypt's base64 alphabet; 60 characters in all).
    public static func isBcryptHash(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 60, text.hasPrefix("$2"),
            [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "y")]
                .contains(bytes[2]), bytes[3] == UInt8(ascii: "$"), bytes[6] == UInt8(ascii: "$")
        else { return false }
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard digits.contains(bytes[4]), digits.contains(bytes[5]) else { return false }
        return bytes[7...].allSatisfy { byte in
            digits.contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "/")
        }
    }

    /// Whether `password` is the password of the stored hash.
    public func matches(_ password: String, hash: String) -> Bool {
        !hash.isEmpty && Bcrypt.verify(password, hash: hash)
    }

    /// The bcrypt hash of `password`.
    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
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
