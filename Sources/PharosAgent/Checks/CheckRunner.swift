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
    private let allowList: [AllowListEntry]
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
    ///   - allowList: when not empty, only commands an entry allows run (reference §5.3).
    ///   - logger: where rejected requests are logged.
    public init(
        agentName: String, assets: any RuntimeAssetProvider,
        environment: [String: String]? = nil, allowList: [AllowListEntry] = [], logger: Logger
    ) {
        self.allowList = allowList
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
        let outcome = await execute(request, config: config, entity: entity)
        running.remove(key)
        let sequence = (sequences[key] ?? 0) + 1
        sequences[key] = sequence
        var check = Check(
            config: config, status: outcome.status, output: outcome.output, issued: request.issued,
            executed: outcome.executed, duration: outcome.duration, processedBy: agentName)
        check.hooks = outcome.hooks
        if outcome.truncatedBytes > 0 {
            check.metadata.labels[AgentEvents.outputTruncatedBytesLabel] = String(outcome.truncatedBytes)
        }
        return Event(
            timestamp: AgentEvents.unixNow(), entity: entity, check: check, metrics: outcome.metrics,
            metadata: ObjectMeta(namespace: entity.metadata.namespace, annotations: outcome.annotations),
            id: UUID().uuidString.lowercased(), sequence: sequence, pipelines: config.pipelines)
    }

    /// What running one request gave.
    private struct Outcome {
        var status: UInt32
        var output: String
        var executed: Int64
        var duration: Double = 0
        var metrics: Metrics?
        var hooks: [Hook] = []
        var annotations: [String: String] = [:]
        /// Output bytes dropped: past ``CommandExecutor/outputLimit`` and past the check's `max_output_size`.
        var truncatedBytes = 0
    }

    /// The event JSON written to a command's standard input (`stdin: true`): the entity and the check. A check
    /// command sees status 0 and no output (it has not run yet); a hook sees the check's status and output.
    static func stdinPayload(
        entity: Entity, config: CheckConfig, issued: Int64, executed: Int64, status: UInt32 = 0, output: String = ""
    ) -> [UInt8] {
        let event = Event(
            timestamp: executed, entity: entity,
            check: Check(config: config, status: status, output: output, issued: issued, executed: executed),
            metadata: ObjectMeta(namespace: entity.metadata.namespace))
        return (try? Array(JSONEncoder().encode(event))) ?? Array("{}".utf8)
    }

    /// Whether a `check_hooks` type matches a status: `ok` 0, `warning` 1, `critical` 2, `unknown` 3,
    /// `non-zero` any but 0, or the status number itself (Sensu Go 6.x `agent/hook.go`).
    public static func hookType(_ type: String, matches status: UInt32) -> Bool {
        switch type {
        case "ok": status == 0
        case "warning": status == 1
        case "critical": status == 2
        case "unknown": status == 3
        case "non-zero": status != 0
        default: UInt32(type) == status
        }
    }

    /// Substitutes, checks the allow list, prepares assets, runs, extracts metrics, applies thresholds, runs the
    /// hooks and applies `discard_output` (reference §5.4 order).
    private func execute(_ request: CheckRequest, config: CheckConfig, entity: Entity) async -> Outcome {
        let executed = AgentEvents.unixNow()
        let rendered: CheckConfig
        let data: JSONValue
        do {
            data = TokenSubstitution.entityData(from: try JSONValue(encoding: entity))
            rendered = try TokenSubstitution.substitute(in: JSONValue(encoding: config), data: data)
                .decode(CheckConfig.self)
        } catch {
            return Outcome(status: 3, output: "error while substituting check tokens: \(error)", executed: executed)
        }
        var environment = baseEnvironment
        var applyEnvVars = true
        if !allowList.isEmpty {
            let path = environment["PATH"] ?? "/usr/bin:/bin"
            guard let entry = allowList.first(where: { $0.allows(rendered.command, path: path) }) else {
                let status = config.metadata.annotations["allow_list_on_deny_status"].flatMap { UInt32($0) } ?? 3
                logger.warning(
                    "check command denied by the agent allow list",
                    metadata: ["check.name": "\(config.metadata.name)", "command": "\(rendered.command)"])
                return Outcome(
                    status: status, output: "check command denied by the agent allow list", executed: executed)
            }
            applyEnvVars = entry.enableEnv
        }
        if !rendered.runtimeAssets.isEmpty || !request.assets.isEmpty {
            do {
                environment = try await assets.prepare(request.assets, for: entity).applied(to: environment)
            } catch {
                return Outcome(
                    status: 3, output: "error getting assets for check \(config.metadata.name): \(error)",
                    executed: executed)
            }
        }
        if applyEnvVars {
            for assignment in rendered.envVars {
                guard let equals = assignment.firstIndex(of: "=") else { continue }
                environment[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
            }
        }
        let timeout = rendered.timeout > 0 ? Duration.seconds(Int64(rendered.timeout)) : nil
        let stdin =
            rendered.stdin
            ? Self.stdinPayload(entity: entity, config: config, issued: request.issued, executed: executed) : nil
        let result = await CommandExecutor.run(
            command: rendered.command, environment: environment, timeout: timeout, stdin: stdin)
        let (status, output) = result.statusAndOutput
        var outcome = Outcome(status: status, output: output, executed: executed, duration: result.duration)
        if !rendered.outputMetricFormat.isEmpty || !rendered.outputMetricHandlers.isEmpty {
            if let format = MetricFormat(rawValue: rendered.outputMetricFormat) {
                let extraction = MetricExtractor.extract(
                    output, format: format, timestamp: executed, tags: rendered.outputMetricTags)
                outcome.metrics = Metrics(handlers: rendered.outputMetricHandlers, points: extraction.points)
            } else {
                outcome.metrics = Metrics(handlers: rendered.outputMetricHandlers, points: [])
                if !rendered.outputMetricFormat.isEmpty {
                    logger.warning(
                        "unknown output_metric_format; no metrics extracted",
                        metadata: [
                            "check.name": "\(config.metadata.name)", "format": "\(rendered.outputMetricFormat)",
                        ])
                }
            }
        }
        if !rendered.outputMetricThresholds.isEmpty, outcome.status == 0, let points = outcome.metrics?.points,
            !points.isEmpty
        {
            let thresholds = MetricThresholdEvaluator.evaluate(rendered.outputMetricThresholds, points: points)
            outcome.status = max(outcome.status, thresholds.status)
            outcome.annotations = thresholds.annotations
        }
        outcome.hooks = await runHooks(
            request, config: rendered, result: (outcome.status, outcome.output, executed), entity: entity, data: data,
            environment: environment)
        if rendered.discardOutput {
            outcome.output = ""
        } else {
            let kept = AgentEvents.truncate(outcome.output, toBytes: Int(clamping: rendered.maxOutputSize))
            outcome.output = kept.text
            outcome.truncatedBytes = result.droppedBytes + kept.droppedBytes
        }
        return outcome
    }

    /// Runs the hooks of every `check_hooks` entry matching `status`, each hook once, in order, with its own
    /// timeout (reference §5.5). A hook named but not sent reports status 2 and says so. A `stdin: true` hook
    /// reads the event with the check's `result` (status, output, executed time).
    private func runHooks(
        _ request: CheckRequest, config: CheckConfig,
        result checkResult: (status: UInt32, output: String, executed: Int64),
        entity: Entity, data: JSONValue, environment: [String: String]
    ) async -> [Hook] {
        let status = checkResult.status
        var seen: Set<String> = []
        var hooks: [Hook] = []
        for list in config.checkHooks where Self.hookType(list.type, matches: status) {
            for name in list.hooks where seen.insert(name).inserted {
                let executed = AgentEvents.unixNow()
                guard var hook = request.hooks.first(where: { $0.metadata.name == name }) else {
                    let missing = HookConfig(
                        metadata: ObjectMeta(name: name, namespace: config.metadata.namespace),
                        command: "echo 'hook \(name): missing hook config'; exit 2", timeout: 5)
                    hooks.append(
                        Hook(
                            config: missing, executed: executed, issued: request.issued,
                            output: "hook \(name): missing hook config\n", status: 2))
                    continue
                }
                let original = hook
                do {
                    hook = try TokenSubstitution.substitute(in: JSONValue(encoding: hook), data: data)
                        .decode(HookConfig.self)
                } catch {
                    hooks.append(
                        Hook(
                            config: original, executed: executed, issued: request.issued,
                            output: "error while substituting hook tokens: \(error)", status: 3))
                    continue
                }
                let stdin =
                    hook.stdin
                    ? Self.stdinPayload(
                        entity: entity, config: config, issued: request.issued, executed: checkResult.executed,
                        status: status, output: checkResult.output)
                    : nil
                let timeout = Duration.seconds(Int64(hook.timeout > 0 ? hook.timeout : 60))
                let result = await CommandExecutor.run(
                    command: hook.command, environment: environment, timeout: timeout, stdin: stdin)
                let (hookStatus, output) = result.statusAndOutput
                hooks.append(
                    Hook(
                        config: original, duration: result.duration, executed: executed, issued: request.issued,
                        output: output, status: Int32(bitPattern: hookStatus)))
            }
        }
        return hooks
    }
}
