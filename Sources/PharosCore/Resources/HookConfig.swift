/// A hook definition: a command run after a check with a given status, as in Sensu Go `core/v2` `HookConfig`
/// (reference §1.7).
public struct HookConfig: Sendable, Hashable, Codable, Resource {
    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// Shell command to run.
    public var command: String
    /// Timeout in seconds (must be greater than 0).
    public var timeout: UInt32
    /// Whether the event JSON is written to the command's stdin.
    public var stdin: Bool
    /// Asset names the command needs.
    public var runtimeAssets: [String]

    /// Creates a hook definition.
    public init(
        metadata: ObjectMeta = ObjectMeta(), command: String = "", timeout: UInt32 = 0, stdin: Bool = false,
        runtimeAssets: [String] = []
    ) {
        self.metadata = metadata
        self.command = command
        self.timeout = timeout
        self.stdin = stdin
        self.runtimeAssets = runtimeAssets
    }

    /// `hook_config`, REST collection `hooks`, namespaced.
    public static var resourceType: ResourceType { .hookConfig }
    /// JSON field names of a hook definition.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, command, timeout, stdin
        case runtimeAssets = "runtime_assets"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        command = try container.lenient(.command, "")
        timeout = try container.lenient(.timeout, 0)
        stdin = try container.lenient(.stdin, false)
        runtimeAssets = try container.lenient(.runtimeAssets, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeOmitEmpty(command, forKey: .command)
        try container.encode(timeout, forKey: .timeout)
        try container.encode(stdin, forKey: .stdin)
        try container.encodeNilIfEmpty(runtimeAssets, forKey: .runtimeAssets)
    }
}
