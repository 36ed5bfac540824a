import Foundation
import PharosCore
import Testing

@Suite struct CheckStateMergeTests {
    @Test func firstResultStartsHistoryWithOneOccurrence() {
        let state = CheckState.merged(
            previous: nil, status: 2, executed: 1_700_000_000, lowFlapThreshold: 0, highFlapThreshold: 0)
        #expect(state.history == [CheckHistory(status: 2, executed: 1_700_000_000)])
        #expect(state.occurrences == 1)
        #expect(state.occurrencesWatermark == 1)
        #expect(state.totalStateChange == 0)
        #expect(state.state == .failing)
        #expect(state.lastOK == 0)
    }

    @Test func firstPassingResultSetsLastOK() {
        let state = CheckState.merged(
            previous: nil, status: 0, executed: 1_700_000_060, lowFlapThreshold: 0, highFlapThreshold: 0)
        #expect(state.state == .passing)
        #expect(state.lastOK == 1_700_000_060)
        #expect(state.occurrences == 1)
        #expect(state.occurrencesWatermark == 1)
    }

    @Test func historyIsCappedAt21OldestDropped() throws {
        let statuses: [UInt32] = (0..<25).map { UInt32($0 % 4) }
        let transitions = StateFixtures.replay(statuses)
        let counts = transitions.map(\.current.history.count)
        #expect(counts == Array(1...21) + [21, 21, 21, 21])
        let last = try #require(transitions.last).current
        #expect(last.history.map(\.status) == Array(statuses[4...]))
        #expect(last.history.first?.executed == StateFixtures.start + 4 * StateFixtures.step)
        #expect(last.history.last?.executed == StateFixtures.start + 24 * StateFixtures.step)
    }

    @Test func overlongStoredHistoryIsTrimmedToTheNewest21() {
        let previous = CheckState(history: StateFixtures.history(Array(repeating: 1, count: 30)), occurrences: 30)
        let state = CheckState.merged(
            previous: previous, status: 0, executed: 1, lowFlapThreshold: 0, highFlapThreshold: 0)
        #expect(state.history.count == 21)
        #expect(state.history.last == CheckHistory(status: 0, executed: 1))
        #expect(state.history.first?.executed == StateFixtures.start + 10 * StateFixtures.step)
    }

    // Sensu Go 6.12 occurrences rule (reference §7.3), worked step by step:
    // 0,0,1,1,1,0,2,2 → occurrences 1,2,1,2,3,1,1,2 and watermark 1,2,1,2,3,3,1,2;
    // 1,1,2,2,2,0,0,0,0,1 → the watermark is not reset between non-OK statuses and OK→OK can raise it.
    @Test(
        arguments: [
            ([0, 0, 1, 1, 1, 0, 2, 2], [1, 2, 1, 2, 3, 1, 1, 2], [1, 2, 1, 2, 3, 3, 1, 2]),
            ([1, 1, 2, 2, 2, 0, 0, 0, 0, 1], [1, 2, 1, 2, 3, 1, 2, 3, 4, 1], [1, 2, 2, 2, 3, 3, 3, 3, 4, 1]),
            ([2, 2, 2, 2, 0, 2], [1, 2, 3, 4, 1, 1], [1, 2, 3, 4, 4, 1]),
            ([0, 3, 1, 3, 0, 0], [1, 1, 1, 1, 1, 2], [1, 1, 1, 1, 1, 2]),
        ] as [([UInt32], [Int64], [Int64])])
    func occurrencesAndWatermark(statuses: [UInt32], occurrences: [Int64], watermarks: [Int64]) {
        let states = StateFixtures.replay(statuses).map(\.current)
        #expect(states.map(\.occurrences) == occurrences)
        #expect(states.map(\.occurrencesWatermark) == watermarks)
    }

    @Test func occurrencesSaturateInsteadOfOverflowing() {
        let previous = CheckState(
            history: [CheckHistory(status: 2, executed: 10)], occurrences: .max, occurrencesWatermark: .max)
        let state = CheckState.merged(
            previous: previous, status: 2, executed: 20, lowFlapThreshold: 0, highFlapThreshold: 0)
        #expect(state.occurrences == .max)
        #expect(state.occurrencesWatermark == .max)
    }

    @Test func lastOKIsCarriedOverUntilTheNextPassingResult() {
        let results: [(UInt32, Int64)] = [(0, 100), (1, 160), (2, 220), (0, 280), (1, 340)]
        var state: CheckState?
        var lastOKs: [Int64] = []
        var names: [CheckStateName] = []
        for (status, executed) in results {
            let next = CheckState.merged(
                previous: state, status: status, executed: executed, lowFlapThreshold: 0, highFlapThreshold: 0)
            lastOKs.append(next.lastOK)
            names.append(next.state)
            state = next
        }
        #expect(lastOKs == [100, 100, 100, 280, 280])
        #expect(names == [.passing, .failing, .failing, .passing, .failing])
    }

    @Test func lastOKFromStoredStateSurvivesFailures() {
        let previous = CheckState(
            history: [CheckHistory(status: 0, executed: 500)], occurrences: 1, occurrencesWatermark: 1,
            state: .passing, lastOK: 500)
        let state = CheckState.merged(
            previous: previous, status: 1, executed: 560, lowFlapThreshold: 0, highFlapThreshold: 0)
        #expect(state.lastOK == 500)
        #expect(state.state == .failing)
    }

    // The derived event booleans of a result folded after `previous` statuses.
    @Test(
        arguments: [
            ([], 0, false, false),
            ([], 2, false, true),
            ([1], 0, true, false),
            ([2], 0, true, false),
            ([3], 0, true, false),
            ([0], 0, false, false),
            ([0], 1, false, true),
            ([1], 2, false, true),
            ([0, 2, 2], 0, true, false),
            ([2, 0], 0, false, false),
        ] as [([UInt32], UInt32, Bool, Bool)])
    func resolutionAndIncident(previous: [UInt32], status: UInt32, isResolution: Bool, isIncident: Bool) {
        let transition = StateFixtures.replay(previous + [status]).last
        #expect(transition?.isResolution == isResolution)
        #expect(transition?.isIncident == isIncident)
        #expect(transition?.current.isResolution == isResolution)
    }

    @Test func recordMutatesInPlaceAndReportsPrevious() {
        var state = CheckState.merged(
            previous: nil, status: 2, executed: 100, lowFlapThreshold: 0, highFlapThreshold: 0)
        let before = state
        let transition = state.record(status: 0, executed: 160, lowFlapThreshold: 0, highFlapThreshold: 0)
        #expect(transition.previous == before)
        #expect(transition.current == state)
        #expect(state.history.map(\.status) == [2, 0])
        #expect(transition.isResolution)
        #expect(state.lastOK == 160)
    }

    @Test func codableUsesSensuFieldNames() throws {
        let state = CheckState(
            history: [CheckHistory(status: 1, executed: 5)], occurrences: 3, occurrencesWatermark: 4,
            totalStateChange: 12, state: .failing, lastOK: 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(state), as: UTF8.self)
        #expect(
            json
                == #"{"history":[{"executed":5,"status":1}],"last_ok":2,"occurrences":3,"occurrences_watermark":4,"#
                + #""state":"failing","total_state_change":12}"#)
        #expect(try JSONDecoder().decode(CheckState.self, from: Data(json.utf8)) == state)
    }

    @Test(arguments: [
        (#"{}"#, CheckState()),
        (
            #"{"state":"","history":[{"status":2,"executed":9}]}"#,
            CheckState(history: [CheckHistory(status: 2, executed: 9)], state: .failing)
        ),
        (#"{"state":"flapping","occurrences":7}"#, CheckState(occurrences: 7, state: .flapping)),
    ])
    func decodesPartialSensuChecks(_ json: String, expected: CheckState) throws {
        #expect(try JSONDecoder().decode(CheckState.self, from: Data(json.utf8)) == expected)
    }

    @Test func rejectsUnknownStateName() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CheckState.self, from: Data(#"{"state":"broken"}"#.utf8))
        }
    }
}
