/// Whether a JWT grants API access (5 minutes) or only obtains new tokens (12 hours).
public enum TokenKind: String, Sendable, Hashable, Codable {
    /// Sent as `Authorization: Bearer` on API calls.
    case access
    /// Exchanged at `POST /auth/token` for a new pair.
    case refresh
}
