import Foundation
import PharosCore

/// Test double for the runtime asset manager: "installs" an asset by finding `<root>/<asset name>` on disk.
struct DirectoryAssetProvider: RuntimeAssetProvider {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let root: String

    func prepare(_ assets: [Asset], for entity: Entity) async throws -> AssetEnvironment {
        var directories: [(name: String, path: String)] = []
        for asset in assets {
            let path = "\(root)/\(asset.metadata.name)"
            guard FileManager.default.fileExists(atPath: path) else {
                throw Failure(description: "asset \(asset.metadata.name) (\(asset.url)): not found in \(root)")
            }
            directories.append((asset.metadata.name, path))
        }
        return AssetEnvironment(assetDirectories: directories)
    }
}
