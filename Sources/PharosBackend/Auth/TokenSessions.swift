import Foundation
public import PharosStore

/// The live token sessions (one per issued access/refresh pair), persisted in the store setting
/// `auth.sessions` so a restart keeps users logged in. A token is accepted only while its session is live:
/// logging out ends the session, refreshing ends it and opens a new one (so a used refresh token is refused, as
/// Sensu Go 6.10+ does), and disabling a user or resetting its password ends all of the user's sessions.
/// Sessions past their refresh expiry are dropped whenever the set is written.
public actor TokenSessions {
    /// Setting key of the JSON session table.
    public static let settingKey = "auth.sessions"

    /// One live session.
    struct Session: Codable, Hashable {
        /// The user the pair was issued to.
        var user: String
        /// When the refresh token expires, Unix seconds.
        var expires: Int64
    }

    private let store: any Store
    private var sessions: [String: Session]?

    /// Creates the session table over `store` (read on first use).
    public init(store: any Store) {
        self.store = store
    }

    /// Records a new session.
    /// - Parameters:
    ///   - id: The session id (`sid` of both tokens).
    ///   - user: The user name.
    ///   - expires: When the refresh token expires, Unix seconds.
    ///   - now: The current time, Unix seconds (expired sessions are dropped).
    /// - Throws: `StoreError` when the store fails.
    public func open(_ id: String, user: String, expires: Int64, now: Int64) async throws(StoreError) {
        var table = try await loaded()
        table = table.filter { $0.value.expires > now }
        table[id] = Session(user: user, expires: expires)
        try await save(table)
    }

    /// Whether the session is live.
    /// - Throws: `StoreError` when the store fails.
    public func isLive(_ id: String) async throws(StoreError) -> Bool {
        try await loaded()[id] != nil
    }

    /// Ends a session and returns its user, or `nil` when it was not live (already used or logged out).
    /// - Throws: `StoreError` when the store fails.
    @discardableResult
    public func close(_ id: String) async throws(StoreError) -> String? {
        var table = try await loaded()
        guard let session = table.removeValue(forKey: id) else { return nil }
        try await save(table)
        return session.user
    }

    /// Ends every session of `user`; returns how many there were.
    /// - Throws: `StoreError` when the store fails.
    @discardableResult
    public func closeAll(user: String) async throws(StoreError) -> Int {
        let table = try await loaded()
        let kept = table.filter { $0.value.user != user }
        guard kept.count != table.count else { return 0 }
        try await save(kept)
        return table.count - kept.count
    }

    private func loaded() async throws(StoreError) -> [String: Session] {
        if let sessions { return sessions }
        var table: [String: Session] = [:]
        if let text = try await store.setting(Self.settingKey),
            let decoded = try? JSONDecoder().decode([String: Session].self, from: Data(text.utf8))
        {
            table = decoded
        }
        sessions = table
        return table
    }

    /// Updates the cached table first (so concurrent calls build on it), then writes it through.
    private func save(_ table: [String: Session]) async throws(StoreError) {
        sessions = table
        let data: Data
        do { data = try JSONEncoder().encode(table) } catch {
            throw StoreError(.internalError, "internal error", debug: "encoding sessions: \(error)")
        }
        try await store.putSetting(Self.settingKey, value: String(decoding: data, as: UTF8.self))
    }
}
