/// A mutator that transforms event data before a handler sees it, as in Sensu Go `core/v2` `Mutator`
/// (reference §1.10). Pharos runs `pipe` mutators only; `javascript` mutators decode but fail validation.
public struct Mutator: Sendable, Hashable, Codable, Resource {
    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// Command of a `pipe` mutator (event JSON on stdin, mutated data on stdout).
    public var command: String
    /// Timeout in seconds; 0 means none.
    public var timeout: UInt32
    /// Environment variables for the command, each `KEY=VALUE`.
    public var envVars: [String]
    /// Asset names the command needs.
    public var runtimeAssets: [String]
    /// Secrets exposed to the command as environment variables.
    public var secrets: [SecretReference]
    /// `pipe` (also when empty) or `javascript`.
    public var type: String
    /// JavaScript source of a `javascript` mutator.
    public var eval: String

    /// Creates a mutator.
    public init(
        metadata: ObjectMeta = ObjectMeta(), command: String = "", timeout: UInt32 = 0, envVars: [String] = [],
        runtimeAssets: [String] = [], secrets: [SecretReference] = [], type: String = "", eval: String = ""
    ) {
        self.metadata = metadata
        self.command = command
        self.timeout = timeout
        self.envVars = envVars
        self.runtimeAssets = runtimeAssets
        self.secrets = secrets
        self.type = type
        self.eval = eval
    }

    /// `mutator`, REST collection `mutators`, namespaced.
    public static var resourceType: ResourceType { .mutator }
    /// JSON field names of a mutator.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, command, timeout, secrets, type, eval
        case envVars = "env_vars"
        case runtimeAssets = "runtime_assets"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        command = try container.lenient(.command, "")
        timeout = try container.lenient(.timeout, 0)
        envVars = try container.lenient(.envVars, [])
        runtimeAssets = try container.lenient(.runtimeAssets, [])
        secrets = try container.lenient(.secrets, [])
        type = try container.lenient(.type, "")
        eval = try container.lenient(.eval, "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeOmitEmpty(command, forKey: .command)
        try container.encode(timeout, forKey: .timeout)
        try container.encodeNilIfEmpty(envVars, forKey: .envVars)
        try container.encodeNilIfEmpty(runtimeAssets, forKey: .runtimeAssets)
        try container.encodeNilIfEmpty(secrets, forKey: .secrets)
        try container.encodeOmitEmpty(type, forKey: .type)
        try container.encodeOmitEmpty(eval, forKey: .eval)
    }
}
