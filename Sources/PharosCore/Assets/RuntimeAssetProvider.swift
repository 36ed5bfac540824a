/// Fetches, verifies and installs runtime assets for a command (checks and hooks on the agent; handlers and mutators
/// on the backend). Implemented by `AssetManager` (download over HTTP(S), sha512 check, tar.gz unpacking into a cache).
public protocol RuntimeAssetProvider: Sendable {
    /// Installs (or finds already installed) each asset, choosing for each the first build whose `filters` pass
    /// against `entity`, and returns the environment to run the command with. Assets none of whose builds match the
    /// entity are skipped (Sensu Go behaviour), not reported as errors.
    /// - Parameters:
    ///   - assets: the `Asset` resources named by the command's `runtime_assets`, in that order.
    ///   - entity: the entity the asset filters are evaluated against (`entity.system.os == 'linux'`).
    /// - Throws: an error whose description names the asset, the URL and the reason (download failed, sha512
    ///   mismatch, unpacking failed).
    func prepare(_ assets: [Asset], for entity: Entity) async throws -> AssetEnvironment
}
