public import PharosCore

/// Builds the `CheckRequest` for one execution of a check (Sensu Go 6.x `schedulerd`, reference §5.1).
public enum CheckRequestBuilder {
    /// The request for `check`.
    /// - Parameters:
    ///   - check: the check definition (sent as `config`).
    ///   - assets: the stored assets of the check's namespace; those whose name starts with one of the check's
    ///     `runtime_assets` entries are included (Sensu's prefix rule), in the order given.
    ///   - hooks: the stored hook definitions of the namespace; those named in `check_hooks` are included, each once,
    ///     in order of first mention, with their own assets (same prefix rule) in `hook_assets`.
    ///   - issued: the issue time in Unix seconds.
    /// - Returns: the request.
    public static func request(
        for check: CheckConfig, assets: [Asset], hooks: [HookConfig], issued: Int64
    ) -> CheckRequest {
        let hooksByName = Dictionary(hooks.map { ($0.metadata.name, $0) }, uniquingKeysWith: { first, _ in first })
        var included: [HookConfig] = []
        var seen: Set<String> = []
        for name in check.checkHooks.flatMap(\.hooks) where seen.insert(name).inserted {
            if let hook = hooksByName[name] { included.append(hook) }
        }
        var hookAssets: [String: AssetList] = [:]
        for hook in included where !hook.runtimeAssets.isEmpty {
            hookAssets[hook.metadata.name] = AssetList(assets: matching(assets, hook.runtimeAssets))
        }
        return CheckRequest(
            config: check, assets: matching(assets, check.runtimeAssets), hooks: included, issued: issued,
            hookAssets: hookAssets)
    }

    /// The assets whose name has one of `names` as a prefix.
    public static func matching(_ assets: [Asset], _ names: [String]) -> [Asset] {
        guard !names.isEmpty else { return [] }
        return assets.filter { asset in names.contains { !$0.isEmpty && asset.metadata.name.hasPrefix($0) } }
    }
}
