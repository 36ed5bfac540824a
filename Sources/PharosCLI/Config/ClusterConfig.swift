/// The `cluster` file of the pharosctl config directory: where the API is, how to trust it and the tokens for it
/// (sensuctl keeps the same data in `~/.config/sensu/sensuctl/cluster`). Fields added after the first release
/// are optional on read, so older files still load.
public struct ClusterConfig: Sendable, Hashable, Codable {
    /// The API base URL, e.g. `http://127.0.0.1:8080`.
    public var apiURL: String
    /// The bearer token for API requests.
    public var accessToken: String
    /// The token exchanged for a new access token when this one expires.
    public var refreshToken: String
    /// Expiry of the access token, in seconds since 1970-01-01 UTC.
    public var expiresAt: Int64
    /// A PEM CA bundle trusted for `https://` APIs; empty uses the system store.
    public var trustedCAFile: String
    /// Whether the API's certificate is accepted without verification.
    public var insecureSkipTLSVerify: Bool
    /// Time allowed for one request, in seconds (sensuctl default 15).
    public var timeoutSeconds: Double

    /// Creates a cluster configuration.
    /// - Parameters:
    ///   - apiURL: The API base URL.
    ///   - accessToken: The bearer token.
    ///   - refreshToken: The refresh token.
    ///   - expiresAt: Expiry of the access token, in seconds since the Unix epoch.
    ///   - trustedCAFile: PEM CA bundle path, or empty.
    ///   - insecureSkipTLSVerify: Skip certificate verification.
    ///   - timeoutSeconds: Request timeout in seconds.
    public init(
        apiURL: String, accessToken: String, refreshToken: String, expiresAt: Int64, trustedCAFile: String = "",
        insecureSkipTLSVerify: Bool = false, timeoutSeconds: Double = 15
    ) {
        self.apiURL = apiURL
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.trustedCAFile = trustedCAFile
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.timeoutSeconds = timeoutSeconds
    }

    /// Decodes a `cluster` file; the TLS and timeout fields may be missing.
    /// - Throws: `DecodingError` when a required field is missing or has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiURL = try container.decode(String.self, forKey: .apiURL)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        refreshToken = try container.decode(String.self, forKey: .refreshToken)
        expiresAt = try container.decode(Int64.self, forKey: .expiresAt)
        trustedCAFile = try container.decodeIfPresent(String.self, forKey: .trustedCAFile) ?? ""
        insecureSkipTLSVerify = try container.decodeIfPresent(Bool.self, forKey: .insecureSkipTLSVerify) ?? false
        timeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? 15
    }

    enum CodingKeys: String, CodingKey {
        case apiURL = "api_url"
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case expiresAt = "expires_at"
        case trustedCAFile = "trusted_ca_file"
        case insecureSkipTLSVerify = "insecure_skip_tls_verify"
        case timeoutSeconds = "timeout"
    }
}
