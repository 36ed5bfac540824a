/// The outcome of folding one check result into a ``CheckState``: the state before and after, plus the derived
/// event booleans that filters and mutators see (`is_incident`, `is_resolution`, `is_flapping_start`,
/// `is_flapping_end`; reference §1.13).
public struct CheckTransition: Sendable, Hashable {
    /// The state before the result, or `nil` when this is the first result ever seen for the (entity, check).
    public var previous: CheckState?
    /// The state after the result (its last history entry is the result).
    public var current: CheckState

    /// Creates a transition from the two states.
    /// - Parameters:
    ///   - previous: State before the result, `nil` for a first result.
    ///   - current: State after the result.
    public init(previous: CheckState?, current: CheckState) {
        self.previous = previous
        self.current = current
    }

    /// The result's status is not 0 (Sensu `Event.IsIncident`).
    public var isIncident: Bool { current.isIncident }

    /// The entry before the result had a non-zero status and the result has status 0 (Sensu `Event.IsResolution`).
    ///
    /// Silences with `expire_on_resolve` that silenced the event are deleted when this is true (§7.2 step 4).
    public var isResolution: Bool { current.isResolution }

    /// The check was not flapping before this result and is flapping after it.
    ///
    /// Pharos compares the stored previous state. Sensu Go 6.x compares a per-history `flapping` marker that it
    /// never sets, so there `is_flapping_start` is simply `state == flapping` (reference §7.4 quirk).
    public var isFlappingStart: Bool {
        guard let previous else { return false }
        return previous.state != .flapping && current.state == .flapping
    }

    /// The check was flapping before this result and is not flapping after it.
    ///
    /// Pharos compares the stored previous state; Sensu Go 6.x never reports a flapping end (reference §7.4 quirk).
    public var isFlappingEnd: Bool {
        guard let previous else { return false }
        return previous.state == .flapping && current.state != .flapping
    }
}
