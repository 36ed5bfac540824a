/// The environment changes installed runtime assets make for a command (Sensu Go 6.x asset contract, reference §5.4,
/// §5.7): each asset's `bin/` is prepended to `PATH`, `lib/` to `LD_LIBRARY_PATH`, `include/` to `CPATH`, and
/// `<ASSET_NAME>_PATH` (upper-cased, non-alphanumerics → `_`) points at the asset's directory.
public struct AssetEnvironment: Sendable, Hashable {
    /// One installed asset: its name and absolute directory.
    private struct Directory: Sendable, Hashable {
        var name: String
        var path: String
    }

    private var directories: [Directory]

    /// Installed asset directories, in the order the command listed its `runtime_assets`.
    public var assetDirectories: [(name: String, path: String)] {
        get { directories.map { ($0.name, $0.path) } }
        set { directories = newValue.map { Directory(name: $0.name, path: $0.path) } }
    }

    /// Creates an environment from installed asset directories (name, absolute path).
    public init(assetDirectories: [(name: String, path: String)] = []) {
        self.directories = assetDirectories.map { Directory(name: $0.name, path: $0.path) }
    }

    /// The `<ASSET_NAME>_PATH` variable name of an asset, e.g. `sensu/http-checks` → `SENSU_HTTP_CHECKS_PATH`.
    public static func pathVariable(forAsset name: String) -> String {
        let cleaned = name.uppercased().unicodeScalars.map { scalar -> Character in
            (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
        }
        return String(cleaned) + "_PATH"
    }

    /// `base` with the assets' directories prepended to `PATH`, `LD_LIBRARY_PATH` and `CPATH` (existing values kept
    /// after them) and one `<ASSET_NAME>_PATH` per asset.
    public func applied(to base: [String: String]) -> [String: String] {
        var environment = base
        func prepend(_ key: String, _ subdirectory: String) {
            let added = directories.map { "\($0.path)/\(subdirectory)" }
            guard !added.isEmpty else { return }
            let existing = environment[key].map { [$0] } ?? []
            environment[key] = (added + existing.filter { !$0.isEmpty }).joined(separator: ":")
        }
        prepend("PATH", "bin")
        prepend("LD_LIBRARY_PATH", "lib")
        prepend("CPATH", "include")
        for directory in directories {
            environment[Self.pathVariable(forAsset: directory.name)] = directory.path
        }
        return environment
    }
}
