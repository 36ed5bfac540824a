/// The assets one hook needs, as sent in a check request's `hook_assets` (`{"assets":[...]}`), as in Sensu Go
/// `core/v2` `AssetList`.
public struct AssetList: Sendable, Hashable, Codable {
    /// The assets.
    public var assets: [Asset]

    /// Creates an asset list.
    public init(assets: [Asset] = []) {
        self.assets = assets
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case assets }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        assets = try container.lenient(.assets, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNilIfEmpty(assets, forKey: .assets)
    }
}
