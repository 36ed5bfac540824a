/// An event handler (`pipe`, `tcp`, `udp` or `set`), as in Sensu Go `core/v2` `Handler` (reference §1.8).
public struct Handler: Sendable, Hashable, Codable, Resource {
    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// Handler type: `pipe`, `tcp`, `udp` or `set`.
    public var type: String
    /// Name of the mutator applied before handling; empty for the default JSON mutator.
    public var mutator: String
    /// Command of a `pipe` handler.
    public var command: String
    /// Timeout in seconds (`pipe`: 0 means none; `tcp`/`udp`: 0 means 60 s).
    public var timeout: UInt32
    /// Peer of a `tcp`/`udp` handler.
    public var socket: HandlerSocket?
    /// Member handlers of a `set` handler.
    public var handlers: [String]
    /// Filters evaluated before handling.
    public var filters: [String]
    /// Environment variables for the command, each `KEY=VALUE`.
    public var envVars: [String]
    /// Asset names the command needs.
    public var runtimeAssets: [String]
    /// Secrets exposed to the command as environment variables.
    public var secrets: [SecretReference]

    /// Creates a handler.
    public init(
        metadata: ObjectMeta = ObjectMeta(), type: String = "", mutator: String = "", command: String = "",
        timeout: UInt32 = 0, socket: HandlerSocket? = nil, handlers: [String] = [], filters: [String] = [],
        envVars: [String] = [], runtimeAssets: [String] = [], secrets: [SecretReference] = []
    ) {
        self.metadata = metadata
        self.type = type
        self.mutator = mutator
        self.command = command
        self.timeout = timeout
        self.socket = socket
        self.handlers = handlers
        self.filters = filters
        self.envVars = envVars
        self.runtimeAssets = runtimeAssets
        self.secrets = secrets
    }

    /// `handler`, REST collection `handlers`, namespaced.
    public static var resourceType: ResourceType { .handler }
    /// JSON field names of a handler.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, type, mutator, command, timeout, socket, handlers, filters, secrets
        case envVars = "env_vars"
        case runtimeAssets = "runtime_assets"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        type = try container.lenient(.type, "")
        mutator = try container.lenient(.mutator, "")
        command = try container.lenient(.command, "")
        timeout = try container.lenient(.timeout, 0)
        socket = try container.decodeIfPresent(HandlerSocket.self, forKey: .socket)
        handlers = try container.lenient(.handlers, [])
        filters = try container.lenient(.filters, [])
        envVars = try container.lenient(.envVars, [])
        runtimeAssets = try container.lenient(.runtimeAssets, [])
        secrets = try container.lenient(.secrets, [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeOmitEmpty(type, forKey: .type)
        try container.encodeOmitEmpty(mutator, forKey: .mutator)
        try container.encodeOmitEmpty(command, forKey: .command)
        try container.encode(timeout, forKey: .timeout)
        try container.encodeIfPresent(socket, forKey: .socket)
        try container.encodeNilIfEmpty(handlers, forKey: .handlers)
        try container.encodeNilIfEmpty(filters, forKey: .filters)
        try container.encodeNilIfEmpty(envVars, forKey: .envVars)
        try container.encodeNilIfEmpty(runtimeAssets, forKey: .runtimeAssets)
        try container.encodeNilIfEmpty(secrets, forKey: .secrets)
    }
}
