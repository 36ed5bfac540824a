import PharosCore

/// Helpers shared by the state engine tests.
enum StateFixtures {
    /// First `executed` time used by ``replay(_:low:high:)``, Unix seconds.
    static let start: Int64 = 1_700_000_000
    /// Spacing between replayed results, seconds.
    static let step: Int64 = 60

    /// Folds `statuses` one by one from no state, executed at `start + i * step`, and returns every transition.
    static func replay(_ statuses: [UInt32], low: UInt32 = 0, high: UInt32 = 0) -> [CheckTransition] {
        var state: CheckState?
        var transitions: [CheckTransition] = []
        for (index, status) in statuses.enumerated() {
            let transition = CheckState.transition(
                from: state, status: status, executed: start + Int64(index) * step,
                lowFlapThreshold: low, highFlapThreshold: high)
            transitions.append(transition)
            state = transition.current
        }
        return transitions
    }

    /// A history with the given statuses, executed one `step` apart from `start`.
    static func history(_ statuses: [UInt32]) -> [CheckHistory] {
        statuses.enumerated().map { CheckHistory(status: $1, executed: start + Int64($0) * step) }
    }

    /// The reference vector of Sensu's flapping tests (total state change 34).
    static let sensuVector: [UInt32] = [0, 0, 0, 1, 2, 3, 3, 3, 3, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 2, 2]
    /// 21 entries alternating 0 and 2, a change at every step.
    static let alternating: [UInt32] = (0..<21).map { $0 % 2 == 0 ? 0 : 2 }
    /// 21 entries whose total state change is exactly 40 (changes at steps 1, 2, 3, 8, 17, 18, 19, 20).
    static let forty: [UInt32] = [0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0]
    /// 21 entries whose total state change is exactly 20 (changes at steps 1, 4, 19, 20).
    static let twenty: [UInt32] = [0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
}
