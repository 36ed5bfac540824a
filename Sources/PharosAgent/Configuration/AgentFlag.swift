/// One `pharos-agent start` setting: its flag name, how its value is read, its default and its help text
/// (Sensu Go 6.x `sensu-agent start` flags, reference §4.2). ``all`` is the single list the command line parser,
/// `--help`, the environment and the configuration file use.
public struct AgentFlag: Sendable, Hashable {
    /// How a setting's text is read.
    public enum Kind: Sendable, Hashable {
        /// Free text.
        case text
        /// A list: commas or white space, or a repeated flag, or a YAML sequence.
        case list
        /// A map `k=v,k2=v2` (or a YAML mapping).
        case map
        /// A boolean (Go `strconv.ParseBool` spellings); given without a value on the command line it means `true`.
        case bool
        /// A number (integer or decimal, as the setting says).
        case number
        /// A duration: whole seconds (`20`) or Go duration text (`1s`, `500ms`, `2m`).
        case duration
    }

    /// The flag name without the leading `--`.
    public var name: String
    /// How the value is read.
    public var kind: Kind
    /// The default as shown in `--help` (empty when none).
    public var defaultValue: String
    /// One line of help, with units.
    public var help: String
    /// Other accepted flag names (Sensu's aliases), without `--`.
    public var aliases: [String]

    /// Creates a flag description.
    public init(_ name: String, _ kind: Kind, _ defaultValue: String, _ help: String, aliases: [String] = []) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
        self.aliases = aliases
    }

    /// The environment variable suffix of a flag name: upper-cased, dashes turned into underscores
    /// (`backend-url` → `BACKEND_URL`, read as `PHAROS_BACKEND_URL` then `SENSU_BACKEND_URL`).
    public static func environmentSuffix(_ name: String) -> String {
        name.uppercased().replacing("-", with: "_")
    }

    /// The flag a name or alias refers to.
    public static func named(_ name: String) -> AgentFlag? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// Every setting, in `--help` order (reference §4.2 plus Pharos' `config-file`, `outbox-max-bytes`, `labels-file`,
    /// `health-host` and `health-port`).
    public static let all: [AgentFlag] = [
        AgentFlag(
            "config-file", .text, "/etc/pharos/agent.yml",
            "YAML file of settings keyed by flag name (a missing default file is fine)"),
        AgentFlag("name", .text, "host name", "entity name", aliases: ["id"]),
        AgentFlag("namespace", .text, "default", "namespace of the agent's entity"),
        AgentFlag(
            "backend-url", .list, "ws://127.0.0.1:8081",
            "backend WebSocket URL(s), ws:// or wss:// (repeatable; commas or spaces; port 8081 when none)"),
        AgentFlag("user", .text, "agent", "user to authenticate as (with --cert-file: the certificate's CN)"),
        AgentFlag("password", .text, "P@ssw0rd!", "password of the user (not sent with --cert-file)"),
        AgentFlag("subscriptions", .list, "", "subscriptions (commas or spaces)"),
        AgentFlag("labels", .map, "", "entity labels key=value[,key=value] or a JSON object of strings"),
        AgentFlag(
            "labels-file", .text, "",
            "file of entity labels, key=\"value\" lines (Kubernetes Downward API), read at start; --labels wins"),
        AgentFlag("annotations", .map, "", "entity annotations key=value[,key=value]"),
        AgentFlag(
            "deregister", .bool, "false",
            "de-register the entity on a graceful stop (SIGTERM/SIGINT) and when its keepalives lapse"),
        AgentFlag("deregistration-handler", .text, "", "handler for the de-registration event"),
        AgentFlag("keepalive-interval", .number, "20", "seconds between keepalives"),
        AgentFlag(
            "keepalive-warning-timeout", .number, "120",
            "seconds without a keepalive before a warning (min 5, > keepalive-interval)",
            aliases: ["keepalive-timeout"]),
        AgentFlag(
            "keepalive-critical-timeout", .number, "0",
            "seconds without a keepalive before a critical (0 = off; else >= warning timeout)"),
        AgentFlag("keepalive-handlers", .list, "", "handlers of keepalive events (default: keepalive)"),
        AgentFlag("keepalive-pipelines", .list, "", "pipelines of keepalive events (core/v2.Pipeline names)"),
        AgentFlag("keepalive-check-labels", .map, "", "labels added to keepalive events key=value[,...]"),
        AgentFlag("keepalive-check-annotations", .map, "", "annotations added to keepalive events key=value[,...]"),
        AgentFlag("api-host", .text, "127.0.0.1", "address of the agent HTTP API"),
        AgentFlag("api-port", .number, "3031", "TCP port of the agent HTTP API"),
        AgentFlag("disable-api", .bool, "false", "do not start the agent HTTP API"),
        AgentFlag(
            "health-host", .text, "127.0.0.1",
            "address of the health-only listener (GET /healthz) for Kubernetes probes, e.g. the pod IP"),
        AgentFlag(
            "health-port", .number, "0",
            "port of the health-only listener (0 = off); /healthz is 200 once a backend was tried"),
        AgentFlag("socket-host", .text, "127.0.0.1", "address of the event socket (TCP and UDP)"),
        AgentFlag("socket-port", .number, "3030", "port of the event socket (TCP and UDP)"),
        AgentFlag("disable-sockets", .bool, "false", "do not start the event socket"),
        AgentFlag("statsd-disable", .bool, "false", "do not start the StatsD server"),
        AgentFlag("statsd-metrics-host", .text, "127.0.0.1", "address of the StatsD server (UDP)"),
        AgentFlag("statsd-metrics-port", .number, "8125", "UDP port of the StatsD server"),
        AgentFlag("statsd-flush-interval", .number, "10", "seconds between StatsD metric events"),
        AgentFlag("statsd-event-handlers", .list, "", "handlers of StatsD metric events"),
        AgentFlag("events-rate-limit", .number, "10", "events sent to the backend per second (0 = no limit)"),
        AgentFlag("events-burst-limit", .number, "10", "events sent at once above the rate"),
        AgentFlag("assets-rate-limit", .number, "1.39", "asset downloads per second"),
        AgentFlag("assets-burst-limit", .number, "100", "asset downloads at once above the rate"),
        AgentFlag("cache-dir", .text, "/var/cache/pharos/agent", "directory for assets and the outbox"),
        AgentFlag(
            "outbox-max-bytes", .number, "104857600",
            "bytes the on-disk outbox of undelivered events may hold (oldest dropped beyond)"),
        AgentFlag("disable-assets", .bool, "false", "refuse checks that need runtime assets"),
        AgentFlag(
            "redact", .list, "password,passwd,pass,api_key,api_token,access_key,secret_key,private_key,secret",
            "entity label/annotation keys whose values are redacted"),
        AgentFlag(
            "allow-list", .text, "", "YAML or JSON file of allowed commands [{exec, args, sha512, enable_env}]"),
        AgentFlag("trusted-ca-file", .text, "", "PEM file of CA certificates trusted for wss:// backends"),
        AgentFlag("insecure-skip-tls-verify", .bool, "false", "do not verify the backend's TLS certificate"),
        AgentFlag("cert-file", .text, "", "PEM client certificate for mTLS (its CN is the agent's user)"),
        AgentFlag("key-file", .text, "", "PEM private key of --cert-file"),
        AgentFlag(
            "backend-handshake-timeout", .number, "15",
            "seconds allowed for TCP connect, TLS and the WebSocket upgrade before retrying"),
        AgentFlag(
            "backend-heartbeat-interval", .number, "30",
            "seconds between WebSocket pings (at most half of the heartbeat timeout)"),
        AgentFlag(
            "backend-heartbeat-timeout", .number, "45",
            "seconds without a pong before the connection is dropped and retried (at least interval x 10/6)"),
        AgentFlag("retry-min", .duration, "1s", "first reconnect delay (seconds or Go duration)"),
        AgentFlag("retry-max", .duration, "120s", "longest reconnect delay (seconds or Go duration)"),
        AgentFlag("retry-multiplier", .number, "2.0", "reconnect delay growth factor"),
        AgentFlag(
            "shutdown-grace", .duration, "20s",
            "on SIGTERM/SIGINT: time for running checks and sending queued events before goodbye (Pharos)"),
        AgentFlag(
            "max-session-length", .duration, "0",
            "reconnect after this long, minus up to half at random (seconds or Go duration; 0 = off)"),
        AgentFlag(
            "agent-managed-entity", .bool, "false",
            "the agent owns its entity config (label sensu.io/managed_by=sensu-agent; API updates refused)"),
        AgentFlag("detect-cloud-provider", .bool, "false", "detect the cloud provider (accepted; not detected)"),
        AgentFlag("strip-networks", .bool, "false", "leave network interfaces out of the entity"),
        AgentFlag("log-level", .text, "info", "log level: panic, fatal, error, warn, info, debug"),
    ]

    /// The `--help` text of every flag: `--name <value>  help (default: d; env PHAROS_X, SENSU_X)`.
    public static var helpText: String {
        all.map { flag in
            let value =
                switch flag.kind {
                case .bool: ""
                case .duration: " <duration>"
                case .number: " <n>"
                case .list: " <list>"
                case .map: " <k=v,...>"
                case .text: " <text>"
                }
            let aliases = flag.aliases.map { " (alias --\($0))" }.joined()
            let fallback = flag.defaultValue.isEmpty ? "" : "default \(flag.defaultValue); "
            let suffix = environmentSuffix(flag.name)
            return
                "--\(flag.name)\(value)\(aliases)\n      \(flag.help) (\(fallback)env PHAROS_\(suffix), SENSU_\(suffix))"
        }.joined(separator: "\n")
    }
}
