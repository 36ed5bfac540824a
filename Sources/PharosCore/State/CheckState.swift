/// The per-(entity, check) state that the backend keeps between results: history, occurrences, flap detection.
///
/// This is the pure "event state machine" of Sensu Go 6.12's event store merge (reference §7.2 step 4, §7.3, §7.4).
/// A new result is folded in with ``merged(previous:status:executed:lowFlapThreshold:highFlapThreshold:)`` or
/// ``record(status:executed:lowFlapThreshold:highFlapThreshold:)``; nothing here does I/O or reads a clock.
///
/// Coding keys are Sensu's `check` field names (`history`, `occurrences`, `occurrences_watermark`,
/// `total_state_change`, `state`, `last_ok`), so the value can be read from or written into a stored check.
public struct CheckState: Sendable, Hashable, Codable {
    /// Maximum number of entries kept in ``history`` (Sensu Go `core/v2` `Check.MergeWith`).
    public static let historyLimit = 21

    /// The last results, oldest first, at most ``historyLimit`` entries.
    public var history: [CheckHistory]
    /// Number of consecutive results, including the latest, that had the latest status (≥ 1 once a result is seen).
    public var occurrences: Int64
    /// Highest ``occurrences`` reached by the current incident; reset to 1 on an OK → non-OK transition (§7.3).
    public var occurrencesWatermark: Int64
    /// Weighted percentage (0…100) of status changes across a full 21-entry history; 0 with fewer entries (§7.4).
    public var totalStateChange: UInt32
    /// `passing`, `failing` or `flapping` after the latest result.
    public var state: CheckStateName
    /// Unix time in seconds of the last result that left the check `passing`; 0 if there never was one.
    public var lastOK: Int64

    /// Creates a state from stored values; no rule is applied.
    /// - Parameters:
    ///   - history: Results, oldest first.
    ///   - occurrences: Consecutive results with the latest status.
    ///   - occurrencesWatermark: Highest occurrences of the current incident.
    ///   - totalStateChange: Percentage 0…100.
    ///   - state: Current state name.
    ///   - lastOK: Unix seconds of the last passing result, 0 if none.
    public init(
        history: [CheckHistory] = [],
        occurrences: Int64 = 0,
        occurrencesWatermark: Int64 = 0,
        totalStateChange: UInt32 = 0,
        state: CheckStateName = .passing,
        lastOK: Int64 = 0
    ) {
        self.history = history
        self.occurrences = occurrences
        self.occurrencesWatermark = occurrencesWatermark
        self.totalStateChange = totalStateChange
        self.state = state
        self.lastOK = lastOK
    }

    /// Exit status of the latest result, or `nil` when the history is empty.
    public var latestStatus: UInt32? { history.last?.status }

    /// Exit status of the result before the latest one, or `nil` when there are fewer than two entries.
    ///
    /// Sensu calls this entry the "previous occurrence" (`core/v2` `Check.previousOccurrence`).
    public var previousStatus: UInt32? {
        history.count >= 2 ? history[history.count - 2].status : nil
    }

    /// Whether the latest result is an incident: its status is not 0 (Sensu `Event.IsIncident`).
    public var isIncident: Bool { (latestStatus ?? 0) != 0 }

    /// Whether the latest result resolves an incident: the entry before the latest has a non-zero status and the
    /// latest has status 0 (Sensu `Event.IsResolution`, evaluated on the merged history).
    public var isResolution: Bool {
        guard let previous = previousStatus, let latest = latestStatus else { return false }
        return previous != 0 && latest == 0
    }
}
