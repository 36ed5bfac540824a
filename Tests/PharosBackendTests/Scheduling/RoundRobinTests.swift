import PharosBackend
import PharosCore
import Testing

@Suite struct RoundRobinTests {
    static let check = CheckConfig(
        metadata: ObjectMeta(name: "rr-check", namespace: "default"), command: "true", interval: 10,
        subscriptions: ["rr"])

    @Test func sameInputsPickTheSameAgentWhateverTheListOrder() {
        let fire: UInt64 = 1_700_000_010_000_000_000
        let first = RoundRobin.pick(check: Self.check, fireTime: fire, agents: ["c", "a", "b"])
        let second = RoundRobin.pick(check: Self.check, fireTime: fire, agents: ["b", "c", "a", "a"])
        #expect(first == second)
        #expect(first != nil)
        #expect(RoundRobin.pick(check: Self.check, fireTime: fire, agents: []) == nil)
    }

    @Test func consecutiveFiresRotateOverTheSortedAgents() throws {
        let agents = ["a", "b", "c"]
        let start: UInt64 = 1_700_000_000_000_000_000
        let picks = (0..<9).compactMap { fire in
            RoundRobin.pick(check: Self.check, fireTime: start + UInt64(fire) * 10_000_000_000, agents: agents)
        }
        #expect(picks.count == 9)
        let offset = try #require(agents.firstIndex(of: picks[0]))
        #expect(picks == (0..<9).map { agents[(offset + $0) % 3] })
    }

    @Test(arguments: [(10, 1_700_000_005_000_000_000 as UInt64, 170_000_000 as UInt64), (0, 120_000_000_000, 2)])
    func fireNumbers(interval: Int, fireTime: UInt64, expected: UInt64) {
        var check = Self.check
        check.interval = UInt32(interval)
        if interval == 0 { check.cron = "* * * * *" }
        #expect(RoundRobin.fireNumber(check: check, fireTime: fireTime) == expected)
    }
}
