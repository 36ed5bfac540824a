import Foundation
public import PharosStore

/// The store settings the backend keeps: the JWT signing key and the "initialised" marker.
public enum BackendSettings {
    /// Setting key of the base64 HS256 signing key.
    public static let jwtSecretKey = "auth.jwt_secret"
    /// Setting key written last by `pharos-backend init`.
    public static let initializedKey = "backend.initialized"

    /// The stored signing key, generating 32 random bytes and storing them with create-if-absent when there is
    /// none, so backends starting at once on one empty store all end up with the one key that won.
    /// - Throws: `StoreError` when the store fails, `.invalid` when the stored key is not base64 of at least one byte.
    public static func jwtSecret(in store: any Store) async throws(StoreError) -> [UInt8] {
        if let stored = try await store.setting(jwtSecretKey) { return try decode(stored) }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let winner = try await store.createSettingIfAbsent(jwtSecretKey, value: Data(secret).base64EncodedString())
        return try decode(winner)
    }

    private static func decode(_ stored: String) throws(StoreError) -> [UInt8] {
        guard let data = Data(base64Encoded: stored), !data.isEmpty else {
            throw StoreError(.invalid, "setting \(jwtSecretKey): not a base64 signing key")
        }
        return Array(data)
    }
}
