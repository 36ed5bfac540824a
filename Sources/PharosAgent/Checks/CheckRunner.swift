import Foundation
public import Logging
public import PharosCore
import PharosMetrics

/// Accepts check requests and turns each into a result event (Sensu Go 6.x `agent/check_handler.go`,
/// reference §5.2-5.4, §6): de-duplication, token substitution, runtime assets, `sh -c` execution with timeout,
/// and output metric extraction.
public actor CheckRunner {
    private let agentName: String
    private let assets: any RuntimeAssetProvider
    private let baseEnvironment: [String: String]
    private let logger: Logger
    /// The newest `issued` accepted per check key.
    private var lastIssued: [String: Int64] = [:]
    /// Check keys whose command is running.
    private var running: Set<String> = []
    /// Result sequence numbers per check key.
    private var sequences: [String: Int64] = [:]

    /// Creates a runner.
    /// - Parameters:
    ///   - agentName: written to `check.processed_by`.
    ///   - assets: installs the runtime assets a request names (`AssetManager` in production).
    ///   - environment: the base of every command's environment (default: the agent's own environment).
    ///   - logger: where rejected requests are logged.
    public init(
        agentName: String, assets: any RuntimeAssetProvider,
        environment: [String: String]? = nil, logger: Logger
    ) {
        self.agentName = agentName
        self.assets = assets
        self.baseEnvironment = environment ?? ProcessInfo.processInfo.environment
        self.logger = logger
    }

    /// The de-duplication key of a check: its name, or `name/proxy_entity_name` (reference §5.3).
    public static func key(of config: CheckConfig) -> String {
        config.proxyEntityName.isEmpty ? config.metadata.name : "\(config.metadata.name)/\(config.proxyEntityName)"
    }

    /// Runs one request and returns its result event, or `nil` when the request is rejected: no check config,
    /// an `issued` not newer than the last accepted one for the same key, or the same key still running.
    ///
    /// Token substitution failures and asset failures give a status-3 event without running the command.
    /// - Parameters:
    ///   - request: the `check_request` payload.
    ///   - entity: the agent's entity (token data, asset filters, and the event's entity).
    public func run(_ request: CheckRequest, entity: Entity) async -> Event? {
        guard let config = request.config else {
            logger.error("check request without a check config ignored")
            return nil
        }
        let key = Self.key(of: config)
        if running.contains(key) {
            logger.info("check request ignored: check is still running", metadata: ["check.name": "\(key)"])
            return nil
        }
        if let last = lastIssued[key], request.issued <= last {
            let reason = request.issued == last ? "already received" : "older than the last request"
            logger.info(
                "check request ignored", metadata: ["check.name": "\(key)", "reason": "\(reason)"])
            return nil
        }
        lastIssued[key] = request.issued
        running.insert(key)
        let (status, output, executed, duration, metrics) = await execute(request, config: config, entity: entity)
        running.remove(key)
        let sequence = (sequences[key] ?? 0) + 1
        sequences[key] = sequence
        return Event(
            timestamp: AgentEvents.unixNow(), entity: entity,
            check: Check(
                config: config, status: status, output: output, issued: request.issued, executed: executed,
                duration: duration, processedBy: agentName),
            metrics: metrics, metadata: ObjectMeta(namespace: entity.metadata.namespace),
            id: UUID().uuidString.lowercased(), sequence: sequence, pipelines: config.pipelines)
    }

    /// Substitutes, prepares assets, runs and extracts metrics.
    private func execute(
        _ request: CheckRequest, config: CheckConfig, entity: Entity
    ) async -> (status: UInt32, output: String, executed: Int64, duration: Double, metrics: Metrics?) {
        let executed = AgentEvents.unixNow()
        let rendered: CheckConfig
        do {
            let data = TokenSubstitution.entityData(from: try JSONValue(encoding: entity))
            rendered = try TokenSubstitution.substitute(in: JSONValue(encoding: config), data: data)
                .decode(CheckConfig.self)
        } catch {
            return (3, "error while substituting check tokens: \(error)", executed, 0, nil)
        }
        var environment = baseEnvironment
        if !rendered.runtimeAssets.isEmpty || !request.assets.isEmpty {
            do {
                environment = try await assets.prepare(request.assets, for: entity).applied(to: environment)
            } catch {
                return (3, "error getting assets for check \(config.metadata.name): \(error)", executed, 0, nil)
            }
        }
        for assignment in rendered.envVars {
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            environment[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        let timeout = rendered.timeout > 0 ? Duration.seconds(Int64(rendered.timeout)) : nil
        let result = await CommandExecutor.run(command: rendered.command, environment: environment, timeout: timeout)
        let (status, output) = result.statusAndOutput
        var metrics: Metrics?
        if !rendered.outputMetricFormat.isEmpty {
            if let format = MetricFormat(rawValue: rendered.outputMetricFormat) {
                let extraction = MetricExtractor.extract(
                    output, format: format, timestamp: executed, tags: rendered.outputMetricTags)
                metrics = Metrics(handlers: rendered.outputMetricHandlers, points: extraction.points)
            } else {
                logger.warning(
                    "unknown output_metric_format; no metrics extracted",
                    metadata: ["check.name": "\(config.metadata.name)", "format": "\(rendered.outputMetricFormat)"])
            }
        }
        return (status, output, executed, result.duration, metrics)
    }
}
