import Foundation
import PharosCore
import Testing

@Suite struct TimeWindowTests {
    /// 2024-01-01 was a Monday.
    static func utc(_ day: Int, _ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let components = DateComponents(year: 2024, month: 1, day: day, hour: hour, minute: minute)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    @Test(arguments: [
        ("3:00PM", 900), ("3:00 PM", 900), ("12:00AM", 0), ("12:30PM", 750), ("11:59pm", 1439), ("9:05AM", 545),
    ])
    func parsesKitchenTimes(_ text: String, minutes: Int) {
        #expect(TimeWindowTimeRange.minutesAfterMidnight(text) == minutes)
    }

    @Test(arguments: ["15:00", "3PM", "13:00PM", "3:60PM", "", "3:0PM"])
    func rejectsNonKitchenTimes(_ text: String) {
        #expect(TimeWindowTimeRange.minutesAfterMidnight(text) == nil)
    }

    @Test(arguments: [
        (1, 16, 0, true), (1, 23, 59, true), (2, 7, 59, true), (2, 8, 0, false), (1, 12, 0, false), (1, 15, 0, true),
    ])
    func overnightWindowsWrapMidnight(day: Int, hour: Int, minute: Int, expected: Bool) {
        let when = TimeWindowWhen(days: TimeWindowDays(all: [TimeWindowTimeRange(begin: "3:00PM", end: "8:00AM")]))
        #expect(when.inWindow(at: Self.utc(day, hour, minute)) == expected)
    }

    @Test func dayRangesApplyOnlyOnThatWeekday() {
        let when = TimeWindowWhen(
            days: TimeWindowDays(monday: [TimeWindowTimeRange(begin: "9:00AM", end: "5:00PM")]))
        #expect(when.inWindow(at: Self.utc(1, 10, 0)))
        #expect(!when.inWindow(at: Self.utc(2, 10, 0)))
        #expect(!when.inWindow(at: Self.utc(1, 17, 0)))
    }

    @Test func encodesOnlyDaysThatHaveRanges() throws {
        let when = TimeWindowWhen(days: TimeWindowDays(friday: [TimeWindowTimeRange(begin: "1:00AM", end: "2:00AM")]))
        #expect(
            try JSONValue(encoding: when)
                == (try TestJSON.tree(#"{"days":{"friday":[{"begin":"1:00AM","end":"2:00AM"}]}}"#)))
    }
}
