import ArgumentParser
import Foundation
import Logging
import PharosAgent
import PharosAssets
import PharosCore
import Prometheus
import ServiceLifecycle
import UnixSignals

/// `pharos-agent start`: connects to the backend and runs checks until SIGTERM/SIGINT (Sensu Go 6.x
/// `sensu-agent start` flags, ``AgentFlag/all``; each flag also reads `PHAROS_<FLAG>`, `SENSU_<FLAG>` and the
/// configuration file).
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start the agent: connect to a backend, send keepalives and run checks.",
        discussion: """
            Settings (flag > PHAROS_<FLAG> > SENSU_<FLAG> > --config-file > default):

            \(AgentFlag.helpText)
            """
    )

    @Argument(parsing: .allUnrecognized, help: "Settings as --flag value or --flag=value (listed below).")
    var settings: [String] = []

    func run() async throws {
        let configuration: AgentConfiguration
        var allowList: [AllowListEntry] = []
        do {
            configuration = try AgentConfiguration.load(
                arguments: settings, environment: ProcessInfo.processInfo.environment,
                hostname: SystemInfo.hostname())
            if !configuration.allowListFile.isEmpty {
                allowList = try AllowListEntry.load(path: configuration.allowListFile)
            }
        } catch {
            FileHandle.standardError.write(Data("pharos-agent: \(error.description)\n".utf8))
            throw ExitCode(2)
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
        let assets: any RuntimeAssetProvider =
            configuration.disableAssets
            ? DisabledAssetProvider()
            : AssetManager(cacheDirectory: configuration.cacheDirectory + "/assets", logger: logger)
        let runner = CheckRunner(
            agentName: configuration.name, assets: assets, allowList: allowList, logger: logger)
        // Undelivered events wait on disk under <cache-dir>/outbox (bounded by --outbox-max-bytes).
        let outbox = EventOutbox(
            directory: configuration.cacheDirectory + "/outbox", maxBytes: configuration.outboxMaxBytes,
            logger: logger)
        let connection = BackendConnection(
            configuration: configuration, runner: runner, outbox: outbox, logger: logger)
        let sink = connection.sink
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: connection)]
        if !configuration.disableAPI {
            services.append(
                .init(
                    service: AgentAPI(
                        host: configuration.apiHost, port: configuration.apiPort, sink: sink,
                        registry: PrometheusCollectorRegistry(), logger: logger)))
        }
        if configuration.healthPort != 0 {
            services.append(
                .init(
                    service: HealthListener(
                        host: configuration.healthHost, port: configuration.healthPort,
                        triedBackend: connection.triedBackend, logger: logger)))
        }
        if !configuration.disableSockets {
            services.append(
                .init(
                    service: EventSocket(
                        host: configuration.socketHost, port: configuration.socketPort, sink: sink, logger: logger)))
        }
        if !configuration.statsdDisable {
            services.append(
                .init(
                    service: StatsDServer(
                        host: configuration.statsdHost, port: configuration.statsdPort,
                        flushInterval: configuration.statsdFlushInterval, handlers: configuration.statsdEventHandlers,
                        sink: sink, logger: logger)))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
