import PharosCore
import Testing

@Suite struct TotalStateChangeTests {
    // Expected values worked out from the weights 0.80 + 0.02·(i−1) for a change at step i:
    // - Sensu vector: changes at steps 3, 4, 5, 9, 12, 16, 19 → 0.84+0.86+0.88+0.96+1.02+1.10+1.16 = 6.82 → 34.
    // - Every step changes: 20·0.80 + 0.02·190 = 19.8 → 99 exactly, but Sensu's Double-then-Float arithmetic
    //   lands just under, giving 98 (the value Sensu's own `TestCheckMerge` expects).
    // - forty: 0.80+0.82+0.84+0.94+1.12+1.14+1.16+1.18 = 8.00 → 40; twenty: 0.80+0.86+1.16+1.18 = 4.00 → 20.
    // - A single change at the newest step (1.18) → 5; at the oldest step (0.80) → 4.
    @Test(
        arguments: [
            (StateFixtures.sensuVector, 34),
            (StateFixtures.alternating, 98),
            ((0..<21).map { $0 % 2 == 0 ? 1 : 0 }, 98),
            (Array(repeating: 0, count: 21), 0),
            (Array(repeating: 2, count: 21), 0),
            (StateFixtures.forty, 40),
            (StateFixtures.twenty, 20),
            (Array(repeating: 0, count: 20) + [2], 5),
            ([1] + Array(repeating: 0, count: 20), 4),
            (Array(StateFixtures.alternating.prefix(20)), 0),
            ([0, 2], 0),
            ([], 0),
        ] as [([UInt32], UInt32)])
    func totalStateChange(statuses: [UInt32], expected: UInt32) {
        #expect(CheckState.totalStateChange(of: StateFixtures.history(statuses)) == expected)
    }

    @Test func onlyTheNewest21EntriesCount() {
        let statuses: [UInt32] = [3, 1, 2] + StateFixtures.sensuVector
        #expect(CheckState.totalStateChange(of: StateFixtures.history(statuses)) == 34)
    }

    @Test func mergeComputesTotalStateChangeOnceHistoryIsFull() {
        let transitions = StateFixtures.replay(StateFixtures.sensuVector)
        #expect(transitions.dropLast().allSatisfy { $0.current.totalStateChange == 0 })
        #expect(transitions.last?.current.totalStateChange == 34)
    }
}
