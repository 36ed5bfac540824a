/// The tokens `GET /auth` and `POST /auth/token` return: `{"access_token", "expires_at", "refresh_token"}`
/// (Sensu Go 6 REST API, reference §2.1).
public struct Tokens: Sendable, Hashable, Codable {
    /// The bearer token sent as `Authorization: Bearer …` on every API request (a JWT; Sensu: 5 minutes' life).
    public var accessToken: String
    /// When the access token expires, in seconds since 1970-01-01 UTC.
    public var expiresAt: Int64
    /// The token exchanged for a new access token at `POST /auth/token` (Sensu: 12 hours' life).
    public var refreshToken: String

    /// Creates a token set.
    /// - Parameters:
    ///   - accessToken: The bearer token.
    ///   - expiresAt: Expiry of the access token, in seconds since the Unix epoch.
    ///   - refreshToken: The refresh token.
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
