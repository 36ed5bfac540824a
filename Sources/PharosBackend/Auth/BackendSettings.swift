import Foundation
public import PharosStore

/// The store settings the backend keeps: the JWT signing key and the "initialised" marker.
public enum BackendSettings {
    /// Setting key of the base64 HS256 signing key.
    public static let jwtSecretKey = "auth.jwt_secret"
    /// Setting key written last by `pharos-backend init`.
    public static let initializedKey = "backend.initialized"

    /// The stored signing key, generating and storing 32 random bytes when there is none.
    /// - Throws: `StoreError` when the store fails.
    public static func jwtSecret(in store: any Store) async throws(StoreError) -> [UInt8] {
        if let stored = try await store.setting(jwtSecretKey), let data = Data(base64Encoded: stored), !data.isEmpty {
            return Array(data)
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try await store.putSetting(jwtSecretKey, value: Data(secret).base64EncodedString())
        return secret
    }
}
