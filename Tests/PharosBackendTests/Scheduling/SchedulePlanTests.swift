import Foundation
import PharosBackend
import PharosCore
import Testing

@Suite struct SchedulePlanTests {
    static let second: UInt64 = 1_000_000_000
    /// 2026-01-01T00:02:30Z in nanoseconds.
    static let t0: UInt64 = 1_767_225_750 * second

    static func check(
        _ name: String, interval: UInt32 = 10, cron: String = "", publish: Bool = true, command: String = "true",
        subdues: [SubdueWindow] = [], namespace: String = "default"
    ) -> CheckConfig {
        CheckConfig(
            metadata: ObjectMeta(name: name, namespace: namespace), command: command, interval: interval,
            publish: publish, subscriptions: ["linux"], cron: cron, subdues: subdues)
    }

    static func key(_ name: String, _ namespace: String = "default") -> ScheduleKey {
        ScheduleKey(namespace: namespace, name: name)
    }

    @Test(arguments: ["check-nginx", "check-cpu", "keepalive-ish", "a"])
    func intervalPhaseComesFromTheCheckName(_ name: String) throws {
        var plan = SchedulePlan()
        plan.update(checks: [Self.check(name, interval: 10)], now: Self.t0)
        let next = try #require(plan.timers[Self.key(name)]?.nextFire)
        let interval = 10 * Self.second
        #expect(next >= Self.t0 && next < Self.t0 + interval)
        // Sensu's rule: (splay − now) mod interval, in wrapping UInt64 arithmetic.
        #expect(next - Self.t0 == (IntervalSchedule.splay(of: name) &- Self.t0) % interval)
        #expect(next == IntervalSchedule(checkName: name, interval: .seconds(10)).firstFire(onOrAfter: Self.t0))
    }

    @Test func intervalFiresAtAbsoluteDeadlines() throws {
        var plan = SchedulePlan()
        plan.update(checks: [Self.check("check-nginx")], now: Self.t0)
        let first = try #require(plan.nextDeadline)
        #expect(plan.due(at: first - 1).isEmpty)
        let fires = plan.due(at: first)
        #expect(fires.map(\.key) == [Self.key("check-nginx")])
        #expect(fires.first?.fireTime == first)
        #expect(fires.first?.subdued == false)
        #expect(plan.nextDeadline == first + 10 * Self.second)
        // Late by 3.5 intervals: one fire, no replay of the missed ones, next deadline stays on the phase grid.
        let late = first + 45 * Self.second
        #expect(plan.due(at: late).count == 1)
        #expect(plan.nextDeadline == first + 50 * Self.second)
    }

    @Test func cronFiresAtTheNextMatchingMinute() throws {
        var plan = SchedulePlan()
        plan.update(checks: [Self.check("cron-check", interval: 0, cron: "*/5 * * * *")], now: Self.t0)
        // 00:02:30 → 00:05:00 → 00:10:00
        let fiveMinutes = 1_767_225_900 * Self.second
        #expect(plan.nextDeadline == fiveMinutes)
        #expect(plan.due(at: fiveMinutes).count == 1)
        #expect(plan.nextDeadline == fiveMinutes + 300 * Self.second)
    }

    @Test func subduedFiresAreMarked() throws {
        let window = SubdueWindow(begin: "2026-01-01T00:00:00Z", end: "2026-01-01T01:00:00Z", repeat: [])
        var plan = SchedulePlan()
        plan.update(
            checks: [Self.check("quiet", subdues: [window]), Self.check("loud")], now: Self.t0)
        let fires = plan.due(at: Self.t0 + 10 * Self.second)
        #expect(
            Dictionary(uniqueKeysWithValues: fires.map { ($0.key.name, $0.subdued) }) == ["quiet": true, "loud": false])
        // Deadlines after the window are not subdued.
        var after = SchedulePlan()
        after.update(checks: [Self.check("quiet", subdues: [window])], now: Self.t0 + 3600 * Self.second)
        #expect(after.due(at: Self.t0 + 3610 * Self.second).map(\.subdued) == [false])
    }

    @Test func updatesKeepOrRestartTimersAndDeletesStopThem() throws {
        var plan = SchedulePlan()
        let started = plan.update(
            checks: [
                Self.check("a"), Self.check("b"), Self.check("c"), Self.check("off", publish: false),
                Self.check("no-timing", interval: 0), Self.check("bad-cron", interval: 0, cron: "61 * * * *"),
            ],
            now: Self.t0)
        #expect(started.started == [Self.key("a"), Self.key("b"), Self.key("c")])
        let aNext = try #require(plan.timers[Self.key("a")]?.nextFire)

        // a: command changed (timer kept, new definition used), b: interval changed (restarted), c: deleted.
        let later = Self.t0 + 3 * Self.second
        let changes = plan.update(
            checks: [Self.check("a", command: "echo new"), Self.check("b", interval: 30)], now: later)
        #expect(changes.started == [Self.key("b")])
        #expect(changes.stopped == [Self.key("c")])
        #expect(plan.timers[Self.key("a")]?.nextFire == aNext)
        #expect(plan.timers[Self.key("a")]?.check.command == "echo new")
        #expect(
            plan.timers[Self.key("b")]?.nextFire
                == IntervalSchedule(checkName: "b", interval: .seconds(30)).firstFire(onOrAfter: later))
        #expect(plan.timers[Self.key("c")] == nil)
        let fires = plan.due(at: aNext)
        #expect(fires.first { $0.key.name == "a" }?.check.command == "echo new")

        // Unpublishing stops the timer too.
        let stopped = plan.update(checks: [Self.check("a", publish: false), Self.check("b", interval: 30)], now: later)
        #expect(stopped.stopped == [Self.key("a")])
        #expect(plan.timers.keys.sorted() == [Self.key("b")])
    }

    @Test func sameNameInTwoNamespacesAreTwoTimers() {
        var plan = SchedulePlan()
        plan.update(checks: [Self.check("x", namespace: "a"), Self.check("x", namespace: "b")], now: Self.t0)
        #expect(plan.timers.count == 2)
    }
}
