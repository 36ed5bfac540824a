/// A check definition, as in Sensu Go `core/v2` `CheckConfig` (reference §1.5).
///
/// JSON follows Sensu: `handlers`, `subscriptions` and `pipelines` are written as `[]` when empty, other list fields
/// without `omitempty` as `null`, and `command`, `cron`, `proxy_requests`, `max_output_size`, `discard_output`,
/// `output_metric_tags`, `output_metric_thresholds` and `subdues` are omitted when empty. `scheduler` is never
/// written on a `CheckConfig`.
public struct CheckConfig: Sendable, Hashable, Codable, Resource {
    /// Name, namespace, labels and annotations.
    public var metadata: ObjectMeta
    /// Shell command to run; may contain tokens (`{{ .labels.x }}`, reference §5.2).
    public var command: String
    /// Handlers for this check's events.
    public var handlers: [String]
    /// Flap detection high threshold, in percent state change; 0 disables flap detection.
    public var highFlapThreshold: UInt32
    /// Scheduling interval in seconds; 0 when `cron` is used.
    public var interval: UInt32
    /// Flap detection low threshold, in percent state change; 0 disables flap detection.
    public var lowFlapThreshold: UInt32
    /// Whether check requests are scheduled (false: ad hoc only).
    public var publish: Bool
    /// Asset names the command needs.
    public var runtimeAssets: [String]
    /// Subscriptions the check is published to.
    public var subscriptions: [String]
    /// Entity the results are attributed to (proxy check); empty for the agent's own entity.
    public var proxyEntityName: String
    /// Hooks to run per check status.
    public var checkHooks: [HookList]
    /// Whether the event JSON is written to the command's stdin.
    public var stdin: Bool
    /// Legacy subdue window (ignored by the scheduler, cleared by sensuctl on create).
    public var subdue: TimeWindowWhen?
    /// Cron schedule (robfig `ParseStandard` syntax); empty when `interval` is used.
    public var cron: String
    /// Time to live of a result in seconds; 0 disables TTL monitoring.
    public var ttl: Int64
    /// Command timeout in seconds; 0 means none.
    public var timeout: UInt32
    /// Proxy check request settings.
    public var proxyRequests: ProxyRequests?
    /// Whether one agent per subscription runs each request (round robin).
    public var roundRobin: Bool
    /// Metric format of the output (`nagios_perfdata`, `graphite_plaintext`, `influxdb_line`, `opentsdb_line`,
    /// `prometheus_text`) or empty for none.
    public var outputMetricFormat: String
    /// Handlers for extracted metrics.
    public var outputMetricHandlers: [String]
    /// Environment variables for the command, each `KEY=VALUE`.
    public var envVars: [String]
    /// Largest output size stored, in bytes; 0 means unlimited.
    public var maxOutputSize: Int64
    /// Whether the agent discards the output before sending the result.
    public var discardOutput: Bool
    /// Secrets exposed to the command as environment variables.
    public var secrets: [SecretReference]
    /// Tags added to every metric extracted from the output.
    public var outputMetricTags: [MetricTag]
    /// Thresholds evaluated against extracted metrics (reference §6.7).
    public var outputMetricThresholds: [MetricThreshold]
    /// Subdue windows (`[{begin, end, repeat}]`), kept as raw JSON until the schedule model types them.
    public var subdues: [SubdueWindow]
    /// Pipelines that process this check's events.
    public var pipelines: [ResourceReference]

    /// Creates a check definition; every field defaults to Sensu's zero value.
    public init(
        metadata: ObjectMeta = ObjectMeta(), command: String = "", handlers: [String] = [],
        highFlapThreshold: UInt32 = 0, interval: UInt32 = 0, lowFlapThreshold: UInt32 = 0, publish: Bool = false,
        runtimeAssets: [String] = [], subscriptions: [String] = [], proxyEntityName: String = "",
        checkHooks: [HookList] = [], stdin: Bool = false, subdue: TimeWindowWhen? = nil, cron: String = "",
        ttl: Int64 = 0, timeout: UInt32 = 0, proxyRequests: ProxyRequests? = nil, roundRobin: Bool = false,
        outputMetricFormat: String = "", outputMetricHandlers: [String] = [], envVars: [String] = [],
        maxOutputSize: Int64 = 0, discardOutput: Bool = false, secrets: [SecretReference] = [],
        outputMetricTags: [MetricTag] = [], outputMetricThresholds: [MetricThreshold] = [],
        subdues: [SubdueWindow] = [], pipelines: [ResourceReference] = []
    ) {
        self.metadata = metadata
        self.command = command
        self.handlers = handlers
        self.highFlapThreshold = highFlapThreshold
        self.interval = interval
        self.lowFlapThreshold = lowFlapThreshold
        self.publish = publish
        self.runtimeAssets = runtimeAssets
        self.subscriptions = subscriptions
        self.proxyEntityName = proxyEntityName
        self.checkHooks = checkHooks
        self.stdin = stdin
        self.subdue = subdue
        self.cron = cron
        self.ttl = ttl
        self.timeout = timeout
        self.proxyRequests = proxyRequests
        self.roundRobin = roundRobin
        self.outputMetricFormat = outputMetricFormat
        self.outputMetricHandlers = outputMetricHandlers
        self.envVars = envVars
        self.maxOutputSize = maxOutputSize
        self.discardOutput = discardOutput
        self.secrets = secrets
        self.outputMetricTags = outputMetricTags
        self.outputMetricThresholds = outputMetricThresholds
        self.subdues = subdues
        self.pipelines = pipelines
    }

    /// `check_config`, REST collection `checks`, namespaced.
    public static var resourceType: ResourceType { .checkConfig }
    /// JSON field names of a check definition.
    public static var fieldNames: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case metadata, command, handlers, interval, publish, stdin, subscriptions, subdue, cron, ttl, timeout
        case highFlapThreshold = "high_flap_threshold"
        case lowFlapThreshold = "low_flap_threshold"
        case runtimeAssets = "runtime_assets"
        case proxyEntityName = "proxy_entity_name"
        case checkHooks = "check_hooks"
        case proxyRequests = "proxy_requests"
        case roundRobin = "round_robin"
        case outputMetricFormat = "output_metric_format"
        case outputMetricHandlers = "output_metric_handlers"
        case envVars = "env_vars"
        case maxOutputSize = "max_output_size"
        case discardOutput = "discard_output"
        case secrets
        case outputMetricTags = "output_metric_tags"
        case outputMetricThresholds = "output_metric_thresholds"
        case subdues, pipelines
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.lenient(.metadata, ObjectMeta())
        command = try container.lenient(.command, "")
        handlers = try container.lenient(.handlers, [])
        highFlapThreshold = try container.lenient(.highFlapThreshold, 0)
        interval = try container.lenient(.interval, 0)
        lowFlapThreshold = try container.lenient(.lowFlapThreshold, 0)
        publish = try container.lenient(.publish, false)
        runtimeAssets = try container.lenient(.runtimeAssets, [])
        subscriptions = try container.lenient(.subscriptions, [])
        proxyEntityName = try container.lenient(.proxyEntityName, "")
        checkHooks = try container.lenient(.checkHooks, [])
        stdin = try container.lenient(.stdin, false)
        subdue = try container.decodeIfPresent(TimeWindowWhen.self, forKey: .subdue)
        cron = try container.lenient(.cron, "")
        ttl = try container.lenient(.ttl, 0)
        timeout = try container.lenient(.timeout, 0)
        proxyRequests = try container.decodeIfPresent(ProxyRequests.self, forKey: .proxyRequests)
        roundRobin = try container.lenient(.roundRobin, false)
        outputMetricFormat = try container.lenient(.outputMetricFormat, "")
        outputMetricHandlers = try container.lenient(.outputMetricHandlers, [])
        envVars = try container.lenient(.envVars, [])
        maxOutputSize = try container.lenient(.maxOutputSize, 0)
        discardOutput = try container.lenient(.discardOutput, false)
        secrets = try container.lenient(.secrets, [])
        outputMetricTags = try container.lenient(.outputMetricTags, [])
        outputMetricThresholds = try container.lenient(.outputMetricThresholds, [])
        subdues = try container.lenient(.subdues, [])
        pipelines = try container.lenient(.pipelines, [ResourceReference]()).map(\.withPipelineDefaults)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(command, forKey: .command)
        try container.encode(handlers, forKey: .handlers)
        try container.encode(highFlapThreshold, forKey: .highFlapThreshold)
        try container.encode(interval, forKey: .interval)
        try container.encode(lowFlapThreshold, forKey: .lowFlapThreshold)
        try container.encode(publish, forKey: .publish)
        try container.encodeNilIfEmpty(runtimeAssets, forKey: .runtimeAssets)
        try container.encode(subscriptions, forKey: .subscriptions)
        try container.encode(proxyEntityName, forKey: .proxyEntityName)
        try container.encodeNilIfEmpty(checkHooks, forKey: .checkHooks)
        try container.encode(stdin, forKey: .stdin)
        try container.encode(subdue, forKey: .subdue)
        try container.encodeOmitEmpty(cron, forKey: .cron)
        try container.encode(ttl, forKey: .ttl)
        try container.encode(timeout, forKey: .timeout)
        try container.encodeIfPresent(proxyRequests, forKey: .proxyRequests)
        try container.encode(roundRobin, forKey: .roundRobin)
        try container.encode(outputMetricFormat, forKey: .outputMetricFormat)
        try container.encodeNilIfEmpty(outputMetricHandlers, forKey: .outputMetricHandlers)
        try container.encodeNilIfEmpty(envVars, forKey: .envVars)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeOmitEmpty(maxOutputSize, forKey: .maxOutputSize)
        try container.encodeOmitEmpty(discardOutput, forKey: .discardOutput)
        try container.encodeNilIfEmpty(secrets, forKey: .secrets)
        try container.encodeOmitEmpty(outputMetricTags, forKey: .outputMetricTags)
        try container.encodeOmitEmpty(outputMetricThresholds, forKey: .outputMetricThresholds)
        try container.encodeOmitEmpty(subdues, forKey: .subdues)
        try container.encode(pipelines.map(\.withPipelineDefaults), forKey: .pipelines)
    }
}
