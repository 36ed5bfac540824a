public import Logging

/// Everything `pharos-agent start` needs, as plain values with Sensu Go 6.x defaults (reference §4.2).
///
/// Built at the edge (the executable) through ``resolve(flags:environment:)``; services only read it.
public struct AgentConfiguration: Sendable, Hashable {
    /// Backend WebSocket URLs (`ws://` or `wss://`, always with a port), in the order given.
    public var backendURLs: [String]
    /// The agent's namespace (default `default`).
    public var namespace: String
    /// The agent-declared subscriptions (without `entity:NAME`, which the agent and the backend add).
    public var subscriptions: [String]
    /// The entity name (default: the host name).
    public var name: String
    /// Whether the backend deletes the entity when the agent goes away (default `false`).
    public var deregister: Bool
    /// Seconds between keepalives (default 20).
    public var keepaliveInterval: Duration
    /// Seconds without a keepalive after which the backend raises a warning or de-registers (default 120).
    public var keepaliveTimeout: Duration
    /// The user the agent authenticates as (default `agent`).
    public var user: String
    /// The password of ``user`` (default `P@ssw0rd!`).
    public var password: String
    /// The log level; Sensu's `panic` and `fatal` map to `.critical`, `warn` to `.warning` (default `.info`).
    public var logLevel: Logger.Level
    /// Skip TLS certificate verification for `wss://` backends (default `false`).
    public var insecureSkipTLSVerify: Bool
    /// A PEM file of CA certificates trusted for `wss://` backends; empty means the system roots.
    public var trustedCAFile: String
    /// Handlers for StatsD metrics events.
    public var statsdEventHandlers: [String]
    /// Directory where runtime assets are unpacked (default `/var/cache/pharos/agent`).
    public var cacheDirectory: String
    /// Entity labels (`k=v,k2=v2`).
    public var labels: [String: String]
    /// The first reconnect delay (Sensu `retry-min`, 1 s).
    public var retryMinimum: Duration
    /// The longest reconnect delay (Sensu `retry-max`, 120 s).
    public var retryMaximum: Duration
    /// The factor applied to the delay after each failure (Sensu `retry-multiplier`, 2.0).
    public var retryMultiplier: Double

    /// The default backend URL, `ws://127.0.0.1:8081`.
    public static let defaultBackendURL = "ws://127.0.0.1:8081"
    /// The default agent user, `agent`.
    public static let defaultUser = "agent"
    /// The default agent password, `P@ssw0rd!` (Sensu's well-known default; change it in production).
    public static let defaultPassword = "P@ssw0rd!"
    /// The default asset cache directory.
    public static let defaultCacheDirectory = "/var/cache/pharos/agent"

    /// Creates a configuration; every argument defaults to Sensu Go 6.x's default (name: `unidentified-hostname`
    /// unless given; ``resolve(flags:environment:)`` uses the real host name).
    public init(
        backendURLs: [String] = [AgentConfiguration.defaultBackendURL], namespace: String = "default",
        subscriptions: [String] = [], name: String = "unidentified-hostname", deregister: Bool = false,
        keepaliveInterval: Duration = .seconds(20), keepaliveTimeout: Duration = .seconds(120),
        user: String = AgentConfiguration.defaultUser, password: String = AgentConfiguration.defaultPassword,
        logLevel: Logger.Level = .info, insecureSkipTLSVerify: Bool = false, trustedCAFile: String = "",
        statsdEventHandlers: [String] = [], cacheDirectory: String = AgentConfiguration.defaultCacheDirectory,
        labels: [String: String] = [:], retryMinimum: Duration = .seconds(1), retryMaximum: Duration = .seconds(120),
        retryMultiplier: Double = 2
    ) {
        self.backendURLs = backendURLs
        self.namespace = namespace
        self.subscriptions = subscriptions
        self.name = name
        self.deregister = deregister
        self.keepaliveInterval = keepaliveInterval
        self.keepaliveTimeout = keepaliveTimeout
        self.user = user
        self.password = password
        self.logLevel = logLevel
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.trustedCAFile = trustedCAFile
        self.statsdEventHandlers = statsdEventHandlers
        self.cacheDirectory = cacheDirectory
        self.labels = labels
        self.retryMinimum = retryMinimum
        self.retryMaximum = retryMaximum
        self.retryMultiplier = retryMultiplier
    }
}
