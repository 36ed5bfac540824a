import PharosBackend
import Testing

@Suite struct KeepaliveStateMachineTests {
    typealias Key = KeepaliveStateMachine.EntityKey
    static let web1 = Key(namespace: "default", name: "web-1")
    static let web2 = Key(namespace: "default", name: "web-2")

    @Test func firstRefreshAndRecovery() {
        var machine = KeepaliveStateMachine()
        #expect(machine.keepaliveReceived(Self.web1, timeout: 10, at: 100) == .firstSeen)
        #expect(machine.keepaliveReceived(Self.web1, timeout: 10, at: 105) == .refreshed)
        #expect(machine.expired(at: 114.9).isEmpty)
        #expect(machine.expired(at: 115) == [.init(key: Self.web1, silentFor: 10, timeout: 10)])
        #expect(machine.keepaliveReceived(Self.web1, timeout: 10, at: 116) == .recovered)
        #expect(machine.watches[Self.web1]?.deadline == 126)
    }

    @Test(arguments: [
        // (tick times, expected silentFor of each expiry)
        ([109.0, 110, 115, 120, 125, 130], [10, 20, 30] as [Int64]),
        ([135.0], [35]),
        ([110.0, 150, 155, 160], [10, 50, 60]),
    ])
    func silentEntityFailsEveryTimeout(ticks: [Double], expected: [Int64]) {
        var machine = KeepaliveStateMachine()
        _ = machine.keepaliveReceived(Self.web1, timeout: 10, at: 100)
        let silent = ticks.flatMap { machine.expired(at: $0) }.map(\.silentFor)
        #expect(silent == expected)
    }

    @Test func zeroTimeoutUsesTheDefaultAndRemoveStopsWatching() {
        var machine = KeepaliveStateMachine()
        _ = machine.keepaliveReceived(Self.web1, timeout: 0, at: 0)
        _ = machine.keepaliveReceived(Self.web2, timeout: 5, at: 0)
        #expect(machine.nextDeadline == 5)
        #expect(machine.watches[Self.web1]?.timeout == 120)
        let removed = machine.remove(Self.web2)
        let removedAgain = machine.remove(Self.web2)
        #expect(removed)
        #expect(!removedAgain)
        #expect(machine.expired(at: 119).isEmpty)
        #expect(machine.expired(at: 120).map(\.key) == [Self.web1])
    }
}
