/// A downloadable tarball of executables or libraries that agents install on demand, as in Sensu Go `core/v2`
/// `Asset` (reference §1.15, §5.7). Either `url` + `sha512` or `builds` is set.
public struct Asset: Sendable, Hashable, Codable, Resource {
    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// Download URL of the tarball.
    public var url: String
    /// Hex SHA-512 of the tarball (128 hex characters).
    public var sha512: String
    /// Expressions on the entity that must all hold for the asset to be installed.
    public var filters: [String]
    /// Platform builds; the first whose filters match is installed.
    public var builds: [AssetBuild]
    /// HTTP headers sent with the download.
    public var headers: [String: String]

    /// Creates an asset.
    public init(
        metadata: ObjectMeta = ObjectMeta(), url: String = "", sha512: String = "", filters: [String] = [],
        builds: [AssetBuild] = [], headers: [String: String] = [:]
    ) {
        self.metadata = metadata
        self.url = url
        self.sha512 = sha512
        self.filters = filters
        self.builds = builds
        self.headers = headers
    }

    /// `asset`, REST collection `assets`, namespaced.
    public static var resourceType: ResourceType { .asset }
    /// JSON field names of an asset.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable { case metadata, url, sha512, filters, builds, headers }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        url = try container.lenient(.url, "")
        sha512 = try container.lenient(.sha512, "")
        filters = try container.lenient(.filters, [])
        builds = try container.lenient(.builds, [])
        headers = try container.lenient(.headers, [:])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(url, forKey: .url)
        try container.encodeOmitEmpty(sha512, forKey: .sha512)
        try container.encodeNilIfEmpty(filters, forKey: .filters)
        try container.encodeNilIfEmpty(builds, forKey: .builds)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeNilIfEmpty(headers, forKey: .headers)
    }
}
