import PharosCore
public import PharosStore

/// Seeds a new store (`pharos-backend init`, reference §1.15): namespace `default`, the cluster admin (group
/// `cluster-admins`), the agent user `agent`/`P@ssw0rd!` (group `system:agents`), the built-in cluster roles and
/// bindings (`BuiltinAccessControl`), and the JWT signing key. Idempotent, and safe for backends initialising one
/// store at once: everything is created if absent (an existing admin is kept), the marker last.
public enum BackendInitializer {
    /// The agent user's name.
    public static let agentUsername = "agent"
    /// The agent user's default password (Sensu Go's).
    public static let agentPassword = "P@ssw0rd!"

    /// Whether the store was initialised.
    /// - Throws: `StoreError` when the store fails.
    public static func isInitialized(_ store: any Store) async throws(StoreError) -> Bool {
        try await store.setting(BackendSettings.initializedKey) != nil
    }

    /// Seeds the store unless it is initialised already.
    /// - Parameters:
    ///   - store: The store.
    ///   - adminUsername: The cluster admin's name (group `cluster-admins`).
    ///   - adminPassword: The cluster admin's password (at least 8 characters).
    ///   - cost: bcrypt cost (10 in production).
    /// - Returns: `false` when the store was initialised before (nothing changed) or another caller finished first.
    /// - Throws: `StoreError` `.invalid` for an invalid admin user, or the store's error.
    @discardableResult
    public static func initialize(
        _ store: any Store, adminUsername: String, adminPassword: String, cost: UInt8 = 10
    ) async throws(StoreError) -> Bool {
        if try await isInitialized(store) { return false }
        let admin = User(username: adminUsername, password: adminPassword, groups: ["cluster-admins"])
        do { try admin.validate() } catch { throw StoreError(.invalid, "cluster admin: \(error.description)") }
        let hasher = UserAuthenticator(store: store, cost: cost)
        try await BuiltinAccessControl.createIfAbsent(Namespace(name: "default"), in: store)
        try await BuiltinAccessControl.createIfAbsent(hasher.hashingPassword(of: admin), in: store)
        try await BuiltinAccessControl.createIfAbsent(
            hasher.hashingPassword(
                of: User(username: agentUsername, password: agentPassword, groups: ["system:agents"])), in: store)
        try await BuiltinAccessControl.seed(store)
        _ = try await BackendSettings.jwtSecret(in: store)
        return try await BuiltinAccessControl.createMarker(BackendSettings.initializedKey, in: store)
    }
}
