import PharosCore
import Testing

@Suite struct FlapDetectionTests {
    // (total state change, was flapping, low, high) → flapping, with Pharos' hysteresis (reference §7.4).
    @Test(
        arguments: [
            (39, false, 20, 40, false),
            (40, false, 20, 40, true),
            (98, false, 20, 40, true),
            (34, true, 20, 40, true),
            (21, true, 20, 40, true),
            (20, true, 20, 40, false),
            (0, true, 20, 40, false),
            (98, false, 0, 40, false),
            (98, true, 20, 0, false),
            (98, false, 0, 0, false),
        ] as [(UInt32, Bool, UInt32, UInt32, Bool)])
    func flapDecision(tsc: UInt32, wasFlapping: Bool, low: UInt32, high: UInt32, expected: Bool) {
        let flapping = CheckState.isFlapping(
            totalStateChange: tsc, wasFlapping: wasFlapping, lowFlapThreshold: low, highFlapThreshold: high)
        #expect(flapping == expected)
    }

    // A stored state with 20 entries and the given state name, then one more result completing 21 entries.
    @Test(
        arguments: [
            // Sensu vector (TSC 34) from a non-flapping state: below high 40 → failing (last status 2).
            (StateFixtures.sensuVector, CheckStateName.failing, 20, 40, CheckStateName.failing, false, false),
            // Same TSC from a flapping state: still above low 20 → stays flapping (hysteresis).
            (StateFixtures.sensuVector, .flapping, 20, 40, .flapping, false, false),
            // TSC exactly 40 reaches high → starts flapping.
            (StateFixtures.forty, .passing, 20, 40, .flapping, true, false),
            // TSC exactly 20 from flapping: not above low → ends flapping, status 0 → passing.
            (StateFixtures.twenty, .flapping, 20, 40, .passing, false, true),
            // Alternating (TSC 98) with flap detection disabled → plain status state.
            (StateFixtures.alternating, .passing, 0, 40, .passing, false, false),
            (StateFixtures.alternating, .failing, 20, 40, .flapping, true, false),
        ] as [([UInt32], CheckStateName, UInt32, UInt32, CheckStateName, Bool, Bool)])
    func stateAfterTwentyFirstResult(
        statuses: [UInt32], previousState: CheckStateName, low: UInt32, high: UInt32,
        expected: CheckStateName, flappingStart: Bool, flappingEnd: Bool
    ) throws {
        let history = StateFixtures.history(statuses)
        let previous = CheckState(history: Array(history.dropLast()), state: previousState, lastOK: 7)
        let newest = try #require(history.last)
        let transition = CheckState.transition(
            from: previous, status: newest.status, executed: newest.executed,
            lowFlapThreshold: low, highFlapThreshold: high)
        #expect(transition.current.state == expected)
        #expect(transition.isFlappingStart == flappingStart)
        #expect(transition.isFlappingEnd == flappingEnd)
        if expected == .flapping {
            #expect(transition.current.lastOK == 7)
        }
    }

    // 20 results alternating 0/2, then 22 OK results, thresholds low 20 / high 40.
    // TSC from the 21st result on: 98, 93, 87, 81, 76, 70, 65, 59, 54, 49, 44, 39, 34, 30, 25, 21, 16, 12, 8, 4, 0, 0.
    // With hysteresis the check flaps from the 21st result until TSC drops to 20 or below (16, the 37th result);
    // Sensu 6.x, which only uses the high threshold, would stop at 39 (the 32nd).
    @Test func flappingRunWithHysteresis() throws {
        let statuses: [UInt32] = (0..<20).map { $0 % 2 == 0 ? 0 : 2 } + Array(repeating: 0, count: 22)
        let transitions = StateFixtures.replay(statuses, low: 20, high: 40)
        let tsc = transitions.map(\.current.totalStateChange)
        #expect(Array(tsc.prefix(20)) == Array(repeating: 0, count: 20))
        #expect(
            Array(tsc.dropFirst(20))
                == [98, 93, 87, 81, 76, 70, 65, 59, 54, 49, 44, 39, 34, 30, 25, 21, 16, 12, 8, 4, 0, 0])

        let expectedStates: [CheckStateName] =
            (0..<20).map { $0 % 2 == 0 ? .passing : .failing }
            + Array(repeating: .flapping, count: 16) + Array(repeating: .passing, count: 6)
        #expect(transitions.map(\.current.state) == expectedStates)

        let starts = transitions.indices.filter { transitions[$0].isFlappingStart }
        let ends = transitions.indices.filter { transitions[$0].isFlappingEnd }
        #expect(starts == [20])
        #expect(ends == [36])

        // last_ok stays at the 19th result (index 18, status 0) through all the OK-but-flapping results.
        let lastOKs = transitions.map(\.current.lastOK)
        let step = StateFixtures.step
        let start = StateFixtures.start
        #expect(Array(lastOKs[20...35]) == Array(repeating: start + 18 * step, count: 16))
        #expect(lastOKs[36] == start + 36 * step)
        #expect(lastOKs[41] == start + 41 * step)
    }

    @Test func firstResultIsNeverAFlappingStartOrEnd() {
        let transition = CheckState.transition(
            from: nil, status: 2, executed: 1, lowFlapThreshold: 1, highFlapThreshold: 2)
        #expect(!transition.isFlappingStart)
        #expect(!transition.isFlappingEnd)
        #expect(transition.current.state == .failing)
    }
}
