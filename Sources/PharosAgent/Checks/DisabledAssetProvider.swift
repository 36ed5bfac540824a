public import PharosCore

/// A ``RuntimeAssetProvider`` that installs nothing: a command without assets runs unchanged, a command with
/// assets fails with a status-3 event naming each asset and its URL. Stands in until the agent is built with
/// `AssetManager` (PharosAssets).
public struct DisabledAssetProvider: RuntimeAssetProvider {
    /// Creates the provider.
    public init() {}

    /// Returns an empty environment for no assets.
    /// - Throws: `AssetUnavailableError` naming the first asset and its URL when `assets` is not empty.
    public func prepare(_ assets: [Asset], for entity: Entity) async throws -> AssetEnvironment {
        if let asset = assets.first {
            let url = asset.url.isEmpty ? (asset.builds.first?.url ?? "") : asset.url
            throw AssetUnavailableError(
                description: "asset \(asset.metadata.name) (\(url)): runtime assets are not available in this agent")
        }
        return AssetEnvironment()
    }
}
