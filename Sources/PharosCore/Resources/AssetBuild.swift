/// One platform build of an asset, as in Sensu Go `core/v2` `AssetBuild` (reference §1.15, §5.7).
public struct AssetBuild: Sendable, Hashable, Codable {
    /// Download URL of the tarball.
    public var url: String
    /// Hex SHA-512 of the tarball (128 hex characters).
    public var sha512: String
    /// Expressions on the entity that select this build.
    public var filters: [String]
    /// HTTP headers sent with the download.
    public var headers: [String: String]

    /// Creates an asset build.
    public init(url: String, sha512: String, filters: [String] = [], headers: [String: String] = [:]) {
        self.url = url
        self.sha512 = sha512
        self.filters = filters
        self.headers = headers
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case url, sha512, filters, headers }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.lenient(.url, "")
        sha512 = try container.lenient(.sha512, "")
        filters = try container.lenient(.filters, [])
        headers = try container.lenient(.headers, [:])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(url, forKey: .url)
        try container.encodeOmitEmpty(sha512, forKey: .sha512)
        try container.encodeNilIfEmpty(filters, forKey: .filters)
        try container.encodeNilIfEmpty(headers, forKey: .headers)
    }
}
