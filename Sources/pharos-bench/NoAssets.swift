import PharosCore

/// An asset provider for handlers without runtime assets.
struct NoAssets: RuntimeAssetProvider {
    func prepare(_ assets: [Asset], for entity: Entity) async throws -> AssetEnvironment {
        AssetEnvironment()
    }
}
