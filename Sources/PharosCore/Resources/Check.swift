/// A check definition plus the result of one execution, as carried in an `Event` (Sensu Go `core/v2` `Check`,
/// reference §1.6).
///
/// The definition fields live in `config` and are flattened into the same JSON object; they can be read directly
/// (`check.interval`) through dynamic member lookup. Unlike a `CheckConfig`, a `Check` always writes `scheduler`.
@dynamicMemberLookup
public struct Check: Sendable, Hashable, Codable {
    /// The definition fields (`command`, `interval`, `metadata`, ...).
    public var config: CheckConfig
    /// Exit status: 0 OK, 1 warning, 2 critical, anything else unknown.
    public var status: UInt32
    /// Command output (possibly truncated by the store, see `max_output_size`).
    public var output: String
    /// Unix time in seconds when the check request was issued.
    public var issued: Int64
    /// Unix time in seconds when the agent started the command.
    public var executed: Int64
    /// Execution time in seconds.
    public var duration: Double
    /// Recent results, oldest first, at most 21 (reference §7.3).
    public var history: [CheckHistory]
    /// Number of consecutive results with the current status (reference §7.3).
    public var occurrences: Int64
    /// Highest `occurrences` reached at the current non-OK severity (reference §7.3).
    public var occurrencesWatermark: Int64
    /// Percent state change over the history (reference §7.4).
    public var totalStateChange: UInt32
    /// `passing`, `failing` or `flapping`; empty until the backend computes it.
    public var state: String
    /// Unix time in seconds of the last OK result.
    public var lastOK: Int64
    /// Names of the silences that apply to this event.
    public var silenced: [String]
    /// Whether any silence applies.
    public var isSilenced: Bool
    /// Results of the hooks that ran.
    public var hooks: [Hook]
    /// Name of the agent that ran the check.
    public var processedBy: String
    /// Scheduler that published the request (`memory`, `etcd`, `postgres`, ...).
    public var scheduler: String

    /// Creates a check result; result fields default to zero values.
    public init(
        config: CheckConfig = CheckConfig(), status: UInt32 = 0, output: String = "", issued: Int64 = 0,
        executed: Int64 = 0, duration: Double = 0, history: [CheckHistory] = [], occurrences: Int64 = 0,
        occurrencesWatermark: Int64 = 0, totalStateChange: UInt32 = 0, state: String = "", lastOK: Int64 = 0,
        silenced: [String] = [], isSilenced: Bool = false, hooks: [Hook] = [], processedBy: String = "",
        scheduler: String = ""
    ) {
        self.config = config
        self.status = status
        self.output = output
        self.issued = issued
        self.executed = executed
        self.duration = duration
        self.history = history
        self.occurrences = occurrences
        self.occurrencesWatermark = occurrencesWatermark
        self.totalStateChange = totalStateChange
        self.state = state
        self.lastOK = lastOK
        self.silenced = silenced
        self.isSilenced = isSilenced
        self.hooks = hooks
        self.processedBy = processedBy
        self.scheduler = scheduler
    }

    /// Reads and writes a definition field directly, e.g. `check.interval`.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<CheckConfig, Value>) -> Value {
        get { config[keyPath: keyPath] }
        set { config[keyPath: keyPath] = newValue }
    }

    /// JSON field names of a check result (definition and result fields).
    public static var fieldNames: Set<String> {
        CheckConfig.fieldNames.union(CodingKeys.allCases.map(\.stringValue))
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case status, output, issued, executed, duration, history, occurrences, state, silenced, hooks, scheduler
        case occurrencesWatermark = "occurrences_watermark"
        case totalStateChange = "total_state_change"
        case lastOK = "last_ok"
        case isSilenced = "is_silenced"
        case processedBy = "processed_by"
    }

    public init(from decoder: any Decoder) throws {
        config = try CheckConfig(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.lenient(.status, 0)
        output = try container.lenient(.output, "")
        issued = try container.lenient(.issued, 0)
        executed = try container.lenient(.executed, 0)
        duration = try container.lenient(.duration, 0)
        history = try container.lenient(.history, [])
        occurrences = try container.lenient(.occurrences, 0)
        occurrencesWatermark = try container.lenient(.occurrencesWatermark, 0)
        totalStateChange = try container.lenient(.totalStateChange, 0)
        state = try container.lenient(.state, "")
        lastOK = try container.lenient(.lastOK, 0)
        silenced = try container.lenient(.silenced, [])
        isSilenced = try container.lenient(.isSilenced, false)
        hooks = try container.lenient(.hooks, [])
        processedBy = try container.lenient(.processedBy, "")
        scheduler = try container.lenient(.scheduler, "")
    }

    public func encode(to encoder: any Encoder) throws {
        try config.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOmitEmpty(duration, forKey: .duration)
        try container.encode(executed, forKey: .executed)
        try container.encodeNilIfEmpty(history, forKey: .history)
        try container.encode(issued, forKey: .issued)
        try container.encode(output, forKey: .output)
        try container.encodeOmitEmpty(state, forKey: .state)
        try container.encode(status, forKey: .status)
        try container.encode(totalStateChange, forKey: .totalStateChange)
        try container.encode(lastOK, forKey: .lastOK)
        try container.encode(occurrences, forKey: .occurrences)
        try container.encode(occurrencesWatermark, forKey: .occurrencesWatermark)
        try container.encodeOmitEmpty(silenced, forKey: .silenced)
        try container.encodeOmitEmpty(hooks, forKey: .hooks)
        try container.encode(isSilenced, forKey: .isSilenced)
        try container.encode(scheduler, forKey: .scheduler)
        try container.encodeOmitEmpty(processedBy, forKey: .processedBy)
    }
}
