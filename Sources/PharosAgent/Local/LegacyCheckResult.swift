public import PharosCore

/// A Sensu 1.x check result as the event socket accepts it (reference §4.5): `name` and `output` required;
/// `status`, `source`/`client` (the proxy entity), `command`, `subscribers`, `interval`, `ttl`, `timeout`, `issued`,
/// `executed`, `duration`, `handler`/`handlers` optional. `ttl` and `timeout` mean what they mean in a check
/// definition and in an agent API submission, so a socket result arms the backend's TTL like an API one.
public struct LegacyCheckResult: Sendable, Hashable, Decodable {
    /// The check name.
    public var name: String
    /// The check output.
    public var output: String
    /// The exit status (default 0).
    public var status: UInt32
    /// The proxy entity the result is about (`source`, or `client`).
    public var source: String
    /// The command that produced it.
    public var command: String
    /// Subscriptions.
    public var subscribers: [String]
    /// Seconds between results.
    public var interval: UInt32
    /// Seconds after which the backend reports a missing next result (0: no TTL).
    public var ttl: Int64
    /// Seconds the producing command may run (informational here; 0: none).
    public var timeout: UInt32
    /// Unix seconds.
    public var issued: Int64
    /// Unix seconds.
    public var executed: Int64
    /// Seconds.
    public var duration: Double
    /// Handlers (`handler` and `handlers` merged).
    public var handlers: [String]

    enum CodingKeys: String, CodingKey {
        case name, output, status, source, client, command, subscribers, interval, ttl, timeout, issued, executed
        case duration
        case handler, handlers
    }

    /// Decodes a result; throws `DecodingError` naming a missing `name`/`output` or a mistyped field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        output = try container.decode(String.self, forKey: .output)
        status = try container.decodeIfPresent(UInt32.self, forKey: .status) ?? 0
        source =
            try container.decodeIfPresent(String.self, forKey: .source)
            ?? container.decodeIfPresent(String.self, forKey: .client) ?? ""
        command = try container.decodeIfPresent(String.self, forKey: .command) ?? ""
        subscribers = try container.decodeIfPresent([String].self, forKey: .subscribers) ?? []
        interval = try container.decodeIfPresent(UInt32.self, forKey: .interval) ?? 0
        ttl = try container.decodeIfPresent(Int64.self, forKey: .ttl) ?? 0
        timeout = try container.decodeIfPresent(UInt32.self, forKey: .timeout) ?? 0
        issued = try container.decodeIfPresent(Int64.self, forKey: .issued) ?? 0
        executed = try container.decodeIfPresent(Int64.self, forKey: .executed) ?? 0
        duration = try container.decodeIfPresent(Double.self, forKey: .duration) ?? 0
        var all = try container.decodeIfPresent([String].self, forKey: .handlers) ?? []
        if let one = try container.decodeIfPresent(String.self, forKey: .handler) { all.insert(one, at: 0) }
        handlers = all
    }

    /// The result as a (not yet prepared) event: the source becomes the entity name, so ``LocalEvent`` turns it
    /// into the check's `proxy_entity_name`.
    public var event: Event {
        let config = CheckConfig(
            metadata: ObjectMeta(name: name), command: command, handlers: handlers, interval: interval,
            subscriptions: subscribers, ttl: ttl, timeout: timeout)
        return Event(
            entity: source.isEmpty ? nil : Entity(metadata: ObjectMeta(name: source)),
            check: Check(
                config: config, status: status, output: output, issued: issued, executed: executed,
                duration: duration))
    }
}
