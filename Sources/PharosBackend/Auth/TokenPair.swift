/// The body of `GET /auth` and `POST /auth/token`: `{"access_token","expires_at","refresh_token"}` (reference §2.1).
public struct TokenPair: Sendable, Hashable, Codable {
    /// The access JWT (HS256, valid 5 minutes).
    public var accessToken: String
    /// When the access token expires, Unix seconds.
    public var expiresAt: Int64
    /// The refresh JWT (valid 12 hours).
    public var refreshToken: String

    /// Creates a token pair.
    public init(accessToken: String, expiresAt: Int64, refreshToken: String) {
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        self.refreshToken = refreshToken
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case expiresAt = "expires_at"
        case refreshToken = "refresh_token"
    }
}
