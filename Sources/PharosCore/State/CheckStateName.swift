/// The state of a check as Sensu reports it in `check.state`: `passing`, `failing` or `flapping`.
///
/// Raw values are Sensu Go 6.12's wire strings (`core/v2` `EventPassingState`, `EventFailingState`,
/// `EventFlappingState`).
public enum CheckStateName: String, Sendable, Hashable, Codable, CaseIterable {
    /// The latest result had status 0 and the check is not flapping.
    case passing
    /// The latest result had a non-zero status and the check is not flapping.
    case failing
    /// The total state change over the last 21 results crossed the flap thresholds (reference §7.4).
    case flapping
}
