import ArgumentParser
import Foundation
import Logging
import PharosAgent
import PharosAssets
import ServiceLifecycle
import UnixSignals

/// `pharos-agent start`: connects to the backend and runs checks until SIGTERM/SIGINT (Sensu Go 6.x
/// `sensu-agent start` flags; each flag also reads `PHAROS_<FLAG>` then `SENSU_<FLAG>`).
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the agent: connect to a backend, send keepalives and run checks."
    )

    @Option(
        help: "Backend WebSocket URL(s), ws:// or wss:// (repeatable; commas or spaces). Default ws://127.0.0.1:8081.")
    var backendURL: [String] = []
    @Option(help: "Namespace of the agent's entity (default \"default\").")
    var namespace: String?
    @Option(help: "Subscriptions (commas or spaces).")
    var subscriptions: [String] = []
    @Option(help: "Entity name (default: the host name).")
    var name: String?
    @Flag(help: "De-register the entity when the agent stops or its keepalives lapse.")
    var deregister = false
    @Option(help: "Seconds between keepalives (default 20).")
    var keepaliveInterval: String?
    @Option(
        help: "Seconds without a keepalive before the backend acts (default 120; alias --keepalive-warning-timeout).")
    var keepaliveTimeout: String?
    @Option(help: .hidden)
    var keepaliveWarningTimeout: String?
    @Option(help: "User to authenticate as (default agent).")
    var user: String?
    @Option(help: "Password of the user (default P@ssw0rd!).")
    var password: String?
    @Option(help: "Log level: panic, fatal, error, warn, info, debug (default info).")
    var logLevel: String?
    @Flag(help: "Do not verify the backend's TLS certificate.")
    var insecureSkipTlsVerify = false
    @Option(help: "PEM file of CA certificates to trust for wss:// backends.")
    var trustedCaFile: String?
    @Option(help: "Handlers for StatsD metric events (commas or spaces).")
    var statsdEventHandlers: [String] = []
    @Option(help: "Directory for runtime assets (default /var/cache/pharos/agent).")
    var cacheDir: String?
    @Option(help: "Entity labels, key=value[,key=value].")
    var labels: [String] = []

    /// The given flags by name, for ``AgentConfiguration/resolve(flags:environment:hostname:)``.
    var flagValues: [String: [String]] {
        var flags: [String: [String]] = [
            "backend-url": backendURL, "subscriptions": subscriptions, "statsd-event-handlers": statsdEventHandlers,
            "labels": labels,
        ]
        let single: [String: String?] = [
            "namespace": namespace, "name": name, "keepalive-interval": keepaliveInterval,
            "keepalive-timeout": keepaliveTimeout, "keepalive-warning-timeout": keepaliveWarningTimeout,
            "user": user, "password": password, "log-level": logLevel, "trusted-ca-file": trustedCaFile,
            "cache-dir": cacheDir,
        ]
        for (key, value) in single {
            if let value { flags[key] = [value] }
        }
        if deregister { flags["deregister"] = ["true"] }
        if insecureSkipTlsVerify { flags["insecure-skip-tls-verify"] = ["true"] }
        return flags
    }

    func run() async throws {
        let configuration: AgentConfiguration
        do {
            configuration = try AgentConfiguration.resolve(
                flags: flagValues, environment: ProcessInfo.processInfo.environment,
                hostname: SystemInfo.hostname())
        } catch {
            throw ArgumentParser.ValidationError(error.description)
        }
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "pharos-agent")
        logger[metadataKey: "agent.name"] = "\(configuration.name)"
        // Runtime assets are downloaded, verified and unpacked under <cache-dir>/assets.
        let assets = AssetManager(cacheDirectory: configuration.cacheDirectory + "/assets", logger: logger)
        let runner = CheckRunner(agentName: configuration.name, assets: assets, logger: logger)
        let connection = BackendConnection(configuration: configuration, runner: runner, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: connection)], gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
