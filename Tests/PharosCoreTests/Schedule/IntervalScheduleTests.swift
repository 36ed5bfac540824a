import Foundation
import PharosCore
import Testing

@Suite struct IntervalScheduleTests {
    /// 2026-01-01T00:00:00Z and 37.123456789 s later, in nanoseconds since the epoch.
    static let newYear: UInt64 = 1_767_225_600_000_000_000
    static let newYearLater: UInt64 = 1_767_225_637_123_456_789

    /// Splay = little-endian UInt64 of md5(name)[0..<8] (values computed with Python's hashlib).
    @Test(arguments: [
        ("check-nginx", UInt64(18_129_981_066_960_870_258)),
        ("check-cpu", UInt64(260_384_143_942_206_841)),
        ("keepalive", UInt64(18_040_797_413_041_076_601)),
        ("", UInt64(338_333_539_836_370_388)),
    ])
    func splayIsLittleEndianMD5Prefix(_ name: String, expected: UInt64) {
        #expect(IntervalSchedule.splay(of: name) == expected)
        #expect(IntervalSchedule(checkName: name, interval: .seconds(60)).splay == expected)
    }

    /// `(splay − now) mod interval` in wrapping UInt64 arithmetic, as Sensu computes it.
    @Test(arguments: [
        ("check-nginx", IntervalScheduleTests.newYear, UInt64(6_960_870_258)),
        ("check-nginx", IntervalScheduleTests.newYearLater, UInt64(29_837_413_469)),
        ("check-cpu", IntervalScheduleTests.newYear, UInt64(17_651_758_457)),  // splay < now: the subtraction wraps
        ("check-cpu", IntervalScheduleTests.newYearLater, UInt64(40_528_301_668)),
        ("keepalive", IntervalScheduleTests.newYear, UInt64(53_041_076_601)),
    ])
    func initialDelayMatchesSensu(_ name: String, now: UInt64, expected: UInt64) {
        let schedule = IntervalSchedule(checkName: name, interval: .seconds(60))
        #expect(schedule.initialDelay(now: now) == expected)
        #expect(schedule.firstFire(onOrAfter: now) == now + expected)
    }

    @Test(arguments: ["check-nginx", "check-cpu", "keepalive", "disk-usage"])
    func sameNameGivesSameFireTimesFromDifferentNows(_ name: String) {
        let schedule = IntervalSchedule(checkName: name, interval: .seconds(60))
        let fromEarly = schedule.firstFire(onOrAfter: Self.newYear)
        let fromLate = schedule.firstFire(onOrAfter: Self.newYearLater)
        let interval: UInt64 = 60_000_000_000
        #expect(fromLate >= Self.newYearLater)
        #expect(fromLate >= fromEarly)
        #expect((fromLate - fromEarly) % interval == 0)
        // A second backend started 5 minutes and 1 ns later lands on the same grid.
        let otherBackend = schedule.firstFire(onOrAfter: Self.newYear + 300_000_000_001)
        #expect((otherBackend - fromEarly) % interval == 0)
    }

    @Test func knownFireTimesForCheckNginx() {
        let schedule = IntervalSchedule(checkName: "check-nginx", interval: .seconds(60))
        #expect(schedule.firstFire(onOrAfter: Self.newYear) == 1_767_225_606_960_870_258)
        #expect(schedule.firstFire(onOrAfter: Self.newYearLater) == 1_767_225_666_960_870_258)
    }

    @Test func nextFireAfterAFireIsOneIntervalLater() {
        let schedule = IntervalSchedule(checkName: "check-nginx", interval: .seconds(10))
        let first = schedule.firstFire(onOrAfter: Self.newYear)
        #expect(schedule.nextFire(after: first) == first + 10_000_000_000)
        #expect(schedule.nextFire(after: first - 1) == first)
        #expect(schedule.firstFire(onOrAfter: first) == first)
    }

    @Test func differentNamesGetDifferentPhases() {
        let nginx = IntervalSchedule(checkName: "check-nginx", interval: .seconds(60))
        let cpu = IntervalSchedule(checkName: "check-cpu", interval: .seconds(60))
        #expect(nginx.firstFire(onOrAfter: Self.newYear) != cpu.firstFire(onOrAfter: Self.newYear))
    }

    @Test func subSecondIntervalAndDateOverload() {
        let schedule = IntervalSchedule(checkName: "check-nginx", interval: .milliseconds(1500))
        #expect(schedule.intervalNanoseconds == 1_500_000_000)
        let date = Date(timeIntervalSince1970: 1_767_225_600)
        let next = schedule.nextFire(after: date)
        let expected = schedule.nextFire(after: Self.newYear)
        #expect(abs(next.timeIntervalSince1970 - Double(expected) / 1e9) < 1e-6)
        #expect(IntervalSchedule.nanoseconds(since1970: date) == Self.newYear)
        #expect(IntervalSchedule.nanoseconds(since1970: Date(timeIntervalSince1970: -5)) == 0)
    }
}
