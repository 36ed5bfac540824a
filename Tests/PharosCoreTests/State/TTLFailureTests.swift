import PharosCore
import Testing

@Suite struct TTLFailureTests {
    @Test(
        arguments: [
            (1_700_000_000, 1_700_000_090, 90, "Last check execution was 90 seconds ago"),
            (1_700_000_000, 1_700_000_000, 0, "Last check execution was 0 seconds ago"),
            (1_700_000_500, 1_700_000_000, 0, "Last check execution was 0 seconds ago"),
            (0, 1_700_000_000, 1_700_000_000, "Last check execution was 1700000000 seconds ago"),
            (Int64.min, Int64.max, Int64.max, "Last check execution was 9223372036854775807 seconds ago"),
        ] as [(Int64, Int64, Int64, String)])
    func output(lastExecuted: Int64, now: Int64, seconds: Int64, text: String) {
        let failure = TTLFailure(lastExecuted: lastExecuted, now: now)
        #expect(failure.status == 1)
        #expect(failure.executed == now)
        #expect(failure.secondsSinceLastExecution == seconds)
        #expect(failure.output == text)
    }

    @Test func mergesLikeANormalResult() throws {
        var state = CheckState.merged(
            previous: nil, status: 0, executed: 1_000, lowFlapThreshold: 0, highFlapThreshold: 0)
        let first = TTLFailure(lastExecuted: 1_000, now: 1_120)
        let firstTransition = first.transition(from: state, lowFlapThreshold: 0, highFlapThreshold: 0)
        state = firstTransition.current
        #expect(state.history == [CheckHistory(status: 0, executed: 1_000), CheckHistory(status: 1, executed: 1_120)])
        #expect(state.state == .failing)
        #expect(state.occurrences == 1)
        #expect(state.occurrencesWatermark == 1)
        #expect(state.lastOK == 1_000)
        #expect(firstTransition.isIncident)

        // The switch re-arms: the next expiry counts from the previous failure's execution time.
        let lastExecuted = try #require(state.history.last).executed
        let second = TTLFailure(lastExecuted: lastExecuted, now: 1_240)
        #expect(second.output == "Last check execution was 120 seconds ago")
        state = second.transition(from: state, lowFlapThreshold: 0, highFlapThreshold: 0).current
        #expect(state.occurrences == 2)
        #expect(state.occurrencesWatermark == 2)
        #expect(state.history.map(\.status) == [0, 1, 1])
    }
}
