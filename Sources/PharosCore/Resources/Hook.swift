/// A hook definition plus the result of running it (Sensu Go `core/v2` `Hook`, reference §1.7); the definition
/// fields are flattened into the same JSON object and readable through dynamic member lookup (`hook.command`).
@dynamicMemberLookup
public struct Hook: Sendable, Hashable, Codable {
    /// The definition fields.
    public var config: HookConfig
    /// Execution time in seconds.
    public var duration: Double
    /// Unix time in seconds when the hook started.
    public var executed: Int64
    /// Unix time in seconds when the hook was requested.
    public var issued: Int64
    /// Command output.
    public var output: String
    /// Exit status of the command.
    public var status: Int32

    /// Creates a hook result.
    public init(
        config: HookConfig = HookConfig(), duration: Double = 0, executed: Int64 = 0, issued: Int64 = 0,
        output: String = "", status: Int32 = 0
    ) {
        self.config = config
        self.duration = duration
        self.executed = executed
        self.issued = issued
        self.output = output
        self.status = status
    }

    /// Reads and writes a definition field directly, e.g. `hook.command`.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HookConfig, Value>) -> Value {
        get { config[keyPath: keyPath] }
        set { config[keyPath: keyPath] = newValue }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case duration, executed, issued, output, status }

    public init(from decoder: any Decoder) throws {
        config = try HookConfig(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        duration = try container.lenient(.duration, 0)
        executed = try container.lenient(.executed, 0)
        issued = try container.lenient(.issued, 0)
        output = try container.lenient(.output, "")
        status = try container.lenient(.status, 0)
    }

    public func encode(to encoder: any Encoder) throws {
        try config.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(duration, forKey: .duration)
        try container.encode(executed, forKey: .executed)
        try container.encode(issued, forKey: .issued)
        try container.encodeOmitEmpty(output, forKey: .output)
        try container.encode(status, forKey: .status)
    }
}
