public import PharosCore

/// The download chosen for an asset on one entity: the first of the asset's `builds` whose filters all pass, or the
/// asset's own `url`/`sha512`/`filters` when it has no builds (Sensu Go 6.x asset build selection, reference §5.7).
public struct AssetSource: Sendable, Hashable {
    /// The asset's `metadata.name`.
    public var assetName: String
    /// Download URL of the tarball.
    public var url: String
    /// Declared SHA-512 of the tarball, lower-case hex.
    public var sha512: String
    /// HTTP headers sent with the download (the asset's headers, overridden by the build's).
    public var headers: [String: String]

    /// Creates a source.
    public init(assetName: String, url: String, sha512: String, headers: [String: String] = [:]) {
        self.assetName = assetName
        self.url = url
        self.sha512 = sha512.lowercased()
        self.headers = headers
    }

    /// Selects the build of `asset` to install on `entity`.
    ///
    /// Each filter is a `FilterExpression` evaluated with the binding `entity` = the entity's JSON with its metadata
    /// lifted to the top level (`entity.name`, `entity.labels.x`, `entity.system.os`). A filter that does not
    /// compile or fails to evaluate counts as not passing.
    /// - Parameters:
    ///   - asset: the asset resource.
    ///   - entity: the entity the command runs for.
    /// - Returns: the selected source.
    /// - Throws: `AssetError` with reason `.noBuildMatched` listing the filters tried.
    public static func select(for asset: Asset, entity: Entity) throws(AssetError) -> AssetSource {
        let entityJSON = (try? JSONValue(encoding: entity)).map(TokenSubstitution.entityData(from:)) ?? .object([:])
        let bindings = ["entity": entityJSON]
        func passes(_ filters: [String]) -> Bool {
            filters.allSatisfy { source in
                guard let expression = try? FilterExpression(source) else { return false }
                return (try? expression.evaluate(bindings)) ?? false
            }
        }
        let name = asset.metadata.name
        if asset.builds.isEmpty {
            guard passes(asset.filters) else {
                throw AssetError(assetName: name, url: asset.url, reason: .noBuildMatched(filters: asset.filters))
            }
            return AssetSource(assetName: name, url: asset.url, sha512: asset.sha512, headers: asset.headers)
        }
        for build in asset.builds where passes(build.filters) {
            let headers = asset.headers.merging(build.headers) { _, buildValue in buildValue }
            return AssetSource(assetName: name, url: build.url, sha512: build.sha512, headers: headers)
        }
        let tried = asset.builds.flatMap(\.filters)
        throw AssetError(assetName: name, url: "", reason: .noBuildMatched(filters: tried))
    }
}
