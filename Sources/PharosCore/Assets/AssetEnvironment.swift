/// The environment changes installed runtime assets make for a command (Sensu Go 6.x asset contract, reference §5.4,
/// §5.7): each asset's `bin/` is prepended to `PATH`, `lib/` to `LD_LIBRARY_PATH`, `include/` to `CPATH`, and
/// `<ASSET_NAME>_PATH` (upper-cased, non-alphanumerics → `_`) points at the asset's directory.
public struct AssetEnvironment: Sendable, Hashable {
    /// Installed asset directories, in the order the command listed its `runtime_assets`.
    public var assetDirectories: [(name: String, path: String)] {
        get { zip(names, paths).map { ($0, $1) } }
        set {
            names = newValue.map(\.name)
            paths = newValue.map(\.path)
        }
    }

    private var names: [String] = []
    private var paths: [String] = []

    /// Creates an environment from installed asset directories (name, absolute path).
    public init(assetDirectories: [(name: String, path: String)] = []) {
        self.assetDirectories = assetDirectories
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
            let added = paths.map { "\($0)/\(subdirectory)" }
            guard !added.isEmpty else { return }
            let existing = environment[key].map { [$0] } ?? []
            environment[key] = (added + existing.filter { !$0.isEmpty }).joined(separator: ":")
        }
        prepend("PATH", "bin")
        prepend("LD_LIBRARY_PATH", "lib")
        prepend("CPATH", "include")
        for (name, path) in zip(names, paths) {
            environment[Self.pathVariable(forAsset: name)] = path
        }
        return environment
    }

    public static func == (lhs: AssetEnvironment, rhs: AssetEnvironment) -> Bool {
        lhs.names == rhs.names && lhs.paths == rhs.paths
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(names)
        hasher.combine(paths)
    }
}
