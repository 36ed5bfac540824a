/// The hooks to run for one check status (`{"critical": ["hook1"]}` on the wire), as in Sensu Go `core/v2`
/// `HookList`. The key is a status type: `"0"`–`"255"`, `ok`, `warning`, `critical`, `unknown` or `non-zero`.
public struct HookList: Sendable, Hashable, Codable {
    /// Status type the hooks apply to.
    public var type: String
    /// Names of the `HookConfig`s to run, in order.
    public var hooks: [String]

    /// Creates a hook list.
    public init(type: String, hooks: [String]) {
        self.type = type
        self.hooks = hooks
    }

    private struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        let keys = container.allKeys
        guard keys.count == 1, let key = keys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a hook list must have exactly one status key, like {\"critical\": [\"hook\"]}"))
        }
        type = key.stringValue
        hooks = try container.decodeIfPresent([String].self, forKey: key) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(hooks, forKey: DynamicKey(stringValue: type))
    }
}
