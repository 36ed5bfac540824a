/// A request to run a check, sent from the backend to agents (`check_request` frame), as in Sensu Go `core/v2`
/// `CheckRequest` (reference Appendix A). Wire-only; never stored.
public struct CheckRequest: Sendable, Hashable, Codable {
    /// The check definition to run.
    public var config: CheckConfig?
    /// Assets the check needs.
    public var assets: [Asset]
    /// Hook definitions referenced by the check's `check_hooks`.
    public var hooks: [HookConfig]
    /// Unix time in seconds when the request was issued.
    public var issued: Int64
    /// Assets per hook name.
    public var hookAssets: [String: AssetList]
    /// Resolved secrets as `NAME=value` (commercial Sensu feature).
    public var secrets: [String]

    /// Creates a check request.
    public init(
        config: CheckConfig? = nil, assets: [Asset] = [], hooks: [HookConfig] = [], issued: Int64 = 0,
        hookAssets: [String: AssetList] = [:], secrets: [String] = []
    ) {
        self.config = config
        self.assets = assets
        self.hooks = hooks
        self.issued = issued
        self.hookAssets = hookAssets
        self.secrets = secrets
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case config, assets, hooks, issued, secrets
        case hookAssets = "hook_assets"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        config = try container.decodeIfPresent(CheckConfig.self, forKey: .config)
        assets = try container.lenient(.assets, [])
        hooks = try container.lenient(.hooks, [])
        issued = try container.lenient(.issued, 0)
        hookAssets = try container.lenient(.hookAssets, [:])
        secrets = try container.lenient(.secrets, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(config, forKey: .config)
        try container.encodeOmitEmpty(assets, forKey: .assets)
        try container.encodeOmitEmpty(hooks, forKey: .hooks)
        try container.encode(issued, forKey: .issued)
        try container.encode(hookAssets, forKey: .hookAssets)
        try container.encodeOmitEmpty(secrets, forKey: .secrets)
    }
}
