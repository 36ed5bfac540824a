import Foundation
import PharosCore
public import PharosStore

/// Authenticates REST requests from their `Authorization` header (reference §2.2): `Bearer <access JWT>` whose
/// session is live, or `Key <api-key>` naming a stored `APIKey`; either way the user must exist and be enabled.
public struct RequestAuthenticator: Sendable {
    private let store: any Store
    private let tokens: TokenIssuer
    private let sessions: TokenSessions

    /// Creates an authenticator.
    public init(store: any Store, tokens: TokenIssuer, sessions: TokenSessions) {
        self.store = store
        self.tokens = tokens
        self.sessions = sessions
    }

    /// The principal of an `Authorization` header value, or `nil` when it is missing, malformed, expired,
    /// logged out, revoked, or names a disabled or deleted user.
    /// - Throws: `StoreError` when the store fails.
    public func principal(authorization header: String?) async throws(StoreError) -> Principal? {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " ") else { return nil }
        let scheme = trimmed[..<space].lowercased()
        let credential = trimmed[trimmed.index(after: space)...].trimmingCharacters(in: .whitespaces)
        guard !credential.isEmpty else { return nil }
        let username: String
        switch scheme {
        case "bearer":
            guard let token = await tokens.verified(credential, kind: .access),
                try await sessions.isLive(token.session)
            else { return nil }
            username = token.subject
        case "key":
            guard UUID(uuidString: credential) != nil,
                let key = try await store.resource(APIKey.self, namespace: "", name: credential.lowercased())
            else { return nil }
            username = key.username
        default:
            return nil
        }
        guard let user = try await store.resource(User.self, namespace: "", name: username), !user.disabled else {
            return nil
        }
        return Principal(user: user)
    }
}
