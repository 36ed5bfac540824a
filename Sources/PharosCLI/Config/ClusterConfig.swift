/// The `cluster` file of the pharosctl config directory: where the API is and the tokens for it (sensuctl keeps the
/// same data in `~/.config/sensu/sensuctl/cluster`).
public struct ClusterConfig: Sendable, Hashable, Codable {
    /// The API base URL, e.g. `http://127.0.0.1:8080`.
    public var apiURL: String
    /// The bearer token for API requests.
    public var accessToken: String
    /// The token exchanged for a new access token when this one expires.
    public var refreshToken: String
    /// Expiry of the access token, in seconds since 1970-01-01 UTC.
    public var expiresAt: Int64

    /// Creates a cluster configuration.
    /// - Parameters:
    ///   - apiURL: The API base URL.
    ///   - accessToken: The bearer token.
    ///   - refreshToken: The refresh token.
    ///   - expiresAt: Expiry of the access token, in seconds since the Unix epoch.
    public init(apiURL: String, accessToken: String, refreshToken: String, expiresAt: Int64) {
        self.apiURL = apiURL
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case apiURL = "api_url"
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case expiresAt = "expires_at"
    }
}
