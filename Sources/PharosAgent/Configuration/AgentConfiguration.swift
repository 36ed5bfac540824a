public import Logging
import PharosCore

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
    /// Entity labels (`k=v,k2=v2`, or a JSON object of strings as Sensu reads `SENSU_LABELS`).
    public var labels: [String: String]
    /// The first reconnect delay (Sensu `retry-min`, 1 s).
    public var retryMinimum: Duration
    /// The longest reconnect delay (Sensu `retry-max`, 120 s).
    public var retryMaximum: Duration
    /// The factor applied to the delay after each failure (Sensu `retry-multiplier`, 2.0).
    public var retryMultiplier: Double

    /// Entity annotations (`k=v,k2=v2`).
    public var annotations: [String: String] = [:]
    /// The handler of the de-registration event (empty: none).
    public var deregistrationHandler = ""
    /// Seconds without a keepalive before a critical keepalive (0 = off; Sensu `keepalive-critical-timeout`).
    public var keepaliveCriticalTimeout: Duration = .zero
    /// Handlers of keepalive events (empty: the backend's `keepalive`).
    public var keepaliveHandlers: [String] = []
    /// Pipelines of keepalive events (names of core/v2 Pipelines).
    public var keepalivePipelines: [String] = []
    /// Labels added to each keepalive event's metadata.
    public var keepaliveCheckLabels: [String: String] = [:]
    /// Annotations added to each keepalive event's metadata.
    public var keepaliveCheckAnnotations: [String: String] = [:]
    /// Address of the agent HTTP API (default `127.0.0.1`).
    public var apiHost = "127.0.0.1"
    /// TCP port of the agent HTTP API (default 3031; 0 picks a free port).
    public var apiPort = 3031
    /// Whether the agent HTTP API is off.
    public var disableAPI = false
    /// Address of the health-only listener for Kubernetes probes (default `127.0.0.1`; a pod's IP in a pod). Pharos
    /// only: Sensu has no such listener.
    public var healthHost = "127.0.0.1"
    /// TCP port of the health-only listener (default 0: off). It serves `GET /healthz` only, so that it can bind the
    /// pod IP for the kubelet's probes while the agent API (which takes events) stays on loopback.
    public var healthPort = 0
    /// A file of entity labels in the Kubernetes Downward API format (`key="value"` lines), read once at start;
    /// labels from `--labels` / `SENSU_LABELS` win over it (default empty: none). Pharos only.
    public var labelsFile = ""
    /// Address of the event socket (default `127.0.0.1`).
    public var socketHost = "127.0.0.1"
    /// Port of the event socket, TCP and UDP (default 3030).
    public var socketPort = 3030
    /// Whether the event socket is off.
    public var disableSockets = false
    /// Whether the StatsD server is off.
    public var statsdDisable = false
    /// Address of the StatsD server (default `127.0.0.1`).
    public var statsdHost = "127.0.0.1"
    /// UDP port of the StatsD server (default 8125).
    public var statsdPort = 8125
    /// Time between StatsD metric events (default 10 s).
    public var statsdFlushInterval: Duration = .seconds(10)
    /// Events sent to the backend per second (default 10; 0 = unlimited).
    public var eventsRateLimit: Double = 10
    /// Events sent at once above the rate (default 10).
    public var eventsBurstLimit = 10
    /// Asset downloads per second (default 1.39).
    public var assetsRateLimit: Double = 1.39
    /// Asset downloads at once above the rate (default 100).
    public var assetsBurstLimit = 100
    /// Bytes the on-disk outbox may hold before the oldest events are dropped (default 100 MiB).
    public var outboxMaxBytes = 100 << 20
    /// Whether checks needing runtime assets are refused.
    public var disableAssets = false
    /// Entity label/annotation keys whose values are redacted.
    public var redact: [String] = Entity.defaultRedactedKeys
    /// Path of the allow-list file (empty: every command allowed).
    public var allowListFile = ""
    /// PEM client certificate for mTLS (empty: none).
    public var certFile = ""
    /// PEM private key of ``certFile``.
    public var keyFile = ""
    /// Time allowed for the WebSocket handshake (default 15 s).
    public var handshakeTimeout: Duration = .seconds(15)
    /// Time between WebSocket pings (default 30 s).
    public var heartbeatInterval: Duration = .seconds(30)
    /// Time without a pong or any message before the agent reconnects (default 45 s).
    public var heartbeatTimeout: Duration = .seconds(45)
    /// Session length after which the agent reconnects, minus up to half at random (0 = off).
    public var maxSessionLength: Duration = .zero
    /// On SIGTERM/SIGINT, the longest time in-flight checks and the delivery of queued events may take before
    /// `goodbye` and exit (Pharos `shutdown-grace`, default 20 s, below Kubernetes' 30 s termination grace).
    public var shutdownGrace: Duration = .seconds(20)
    /// Whether the agent owns its entity config (Sensu `--agent-managed-entity`).
    public var agentManagedEntity = false
    /// Whether cloud-provider detection was asked for (accepted, not implemented).
    public var detectCloudProvider = false
    /// Whether network interfaces are left out of the entity.
    public var stripNetworks = false
    /// The configuration file the settings were read from (empty: none).
    public var configFile = ""

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
