import Foundation
import PharosCore
import Testing

@Suite struct SubdueWindowTests {
    static let workday = SubdueWindow(begin: "2026-01-05T09:00:00Z", end: "2026-01-05T17:00:00Z")
    static let workdays = SubdueWindow(begin: "2026-01-05T09:00:00Z", end: "2026-01-05T17:00:00Z", repeat: ["weekdays"])
    /// Saturday 22:00 to Sunday 02:00 in UTC−5, every Saturday (crosses midnight).
    static let saturdayNight = SubdueWindow(
        begin: "2026-01-03T22:00:00-05:00", end: "2026-01-04T02:00:00-05:00", repeat: ["saturdays"])
    static let monthEnd = SubdueWindow(begin: "2026-01-31T00:00:00Z", end: "2026-01-31T01:00:00Z", repeat: ["monthly"])
    static let leapDay = SubdueWindow(begin: "2024-02-29T10:00:00Z", end: "2024-02-29T11:00:00Z", repeat: ["annually"])
    static let nightly = SubdueWindow(
        begin: "2026-01-01T23:00:00+01:00", end: "2026-01-02T01:00:00+01:00", repeat: ["daily"])
    static let tuesdays = SubdueWindow(begin: "2026-01-06T12:00:00Z", end: "2026-01-06T13:00:00Z", repeat: ["weekly"])
    static let weekends = SubdueWindow(begin: "2026-01-01T00:00:00Z", end: "2026-01-02T00:00:00Z", repeat: ["weekends"])
    static let mondaysFridays = SubdueWindow(
        begin: "2026-01-01T09:00:00Z", end: "2026-01-01T10:00:00Z", repeat: ["mondays", "fridays"])

    @Test(arguments: [
        (workday, "2026-01-05T09:00:00Z", true),  // begin is inside
        (workday, "2026-01-05T16:59:59Z", true),
        (workday, "2026-01-05T17:00:00Z", false),  // end is outside
        (workday, "2026-01-05T08:59:59Z", false),
        (workday, "2026-01-06T10:00:00Z", false),  // no repeat
        (workdays, "2026-01-07T10:00:00Z", true),  // Wednesday
        (workdays, "2026-01-10T10:00:00Z", false),  // Saturday
        (workdays, "2026-01-07T18:00:00Z", false),
        (workdays, "2026-01-02T10:00:00Z", false),  // a Friday before begin
        (saturdayNight, "2026-01-11T05:00:00Z", true),  // Sunday 00:00 local, after midnight
        (saturdayNight, "2026-01-11T06:59:59Z", true),
        (saturdayNight, "2026-01-11T07:00:00Z", false),
        (saturdayNight, "2026-01-11T03:30:00Z", true),  // Saturday 22:30 local
        (saturdayNight, "2026-01-10T03:00:00Z", false),  // Friday 22:00 local
        (monthEnd, "2026-03-31T00:30:00Z", true),
        (monthEnd, "2026-02-28T00:30:00Z", false),
        (monthEnd, "2026-04-30T00:30:00Z", false),
        (leapDay, "2028-02-29T10:30:00Z", true),
        (leapDay, "2026-02-28T10:30:00Z", false),
        (leapDay, "2026-03-01T10:30:00Z", false),
        (nightly, "2026-03-10T23:30:00Z", true),  // 00:30 local on the next day
        (nightly, "2026-03-10T22:00:00Z", true),  // 23:00 local
        (nightly, "2026-03-10T21:59:59Z", false),
        (nightly, "2026-03-11T00:00:00Z", false),  // 01:00 local
        (tuesdays, "2026-02-03T12:30:00Z", true),
        (tuesdays, "2026-02-04T12:30:00Z", false),
        (weekends, "2026-01-03T15:00:00Z", true),  // Saturday
        (weekends, "2026-01-04T23:59:59Z", true),  // Sunday
        (weekends, "2026-01-05T15:00:00Z", false),  // Monday
        (mondaysFridays, "2026-01-05T09:30:00Z", true),
        (mondaysFridays, "2026-01-09T09:30:00Z", true),
        (mondaysFridays, "2026-01-07T09:30:00Z", false),
    ])
    func isActive(_ window: SubdueWindow, at time: String, expected: Bool) throws {
        #expect(window.isActive(at: try utc(time)) == expected)
    }

    @Test func invalidWindowIsNeverActive() throws {
        let window = SubdueWindow(begin: "yesterday", end: "2026-01-05T17:00:00Z", repeat: ["daily"])
        #expect(!window.isActive(at: try utc("2026-01-05T12:00:00Z")))
    }

    @Test func anyActiveChecksEveryWindow() throws {
        let windows = [Self.workday, Self.weekends]
        #expect(SubdueWindow.anyActive(windows, at: try utc("2026-01-03T15:00:00Z")))
        #expect(SubdueWindow.anyActive(windows, at: try utc("2026-01-05T10:00:00Z")))
        #expect(!SubdueWindow.anyActive(windows, at: try utc("2026-01-06T10:00:00Z")))
        #expect(!SubdueWindow.anyActive([], at: try utc("2026-01-06T10:00:00Z")))
    }

    @Test(arguments: [
        SubdueWindow(begin: "2026-01-05T09:00:00Z", end: "2026-01-05T17:00:00Z"),
        SubdueWindow(begin: "2026-01-05T09:00:00.123+05:30", end: "2026-01-05T09:00:00.123+05:30", repeat: ["daily"]),
        SubdueWindow(
            begin: "2026-01-05T09:00:00-08:00", end: "2026-01-06T09:00:00Z", repeat: SubdueWindow.repeatValues),
    ])
    func validWindows(_ window: SubdueWindow) throws {
        try window.validate()
    }

    @Test(arguments: [
        (
            SubdueWindow(begin: "2026-13-01T00:00:00Z", end: "2026-01-05T17:00:00Z"),
            "subdues: begin \"2026-13-01T00:00:00Z\" is not an RFC 3339 time such as 2026-01-02T15:04:05Z"
        ),
        (
            SubdueWindow(begin: "2026-01-05 09:00:00Z", end: "2026-01-05T17:00:00Z"),
            "subdues: begin \"2026-01-05 09:00:00Z\" is not an RFC 3339 time such as 2026-01-02T15:04:05Z"
        ),
        (
            SubdueWindow(begin: "2026-02-29T09:00:00Z", end: "2026-03-01T17:00:00Z"),
            "subdues: begin \"2026-02-29T09:00:00Z\" is not an RFC 3339 time such as 2026-01-02T15:04:05Z"
        ),
        (
            SubdueWindow(begin: "2026-01-05T09:00:00Z", end: "tomorrow"),
            "subdues: end \"tomorrow\" is not an RFC 3339 time such as 2026-01-02T15:04:05Z"
        ),
        (
            SubdueWindow(begin: "2026-01-05T09:00:00Z", end: "2026-01-05T09:00:00+01:00"),
            "subdues: end \"2026-01-05T09:00:00+01:00\" is before begin \"2026-01-05T09:00:00Z\""
        ),
        (
            SubdueWindow(begin: "2026-01-05T09:00:00Z", end: "2026-01-05T10:00:00Z", repeat: ["fortnightly"]),
            "subdues: unknown repeat \"fortnightly\" (expected one of annually, monthly, weekly, weekdays, weekends, "
                + "daily, sundays, mondays, tuesdays, wednesdays, thursdays, fridays, saturdays)"
        ),
    ])
    func invalidWindows(_ window: SubdueWindow, message: String) {
        #expect {
            try window.validate()
        } throws: { error in
            (error as? SubdueWindowError)?.description == message
        }
    }

    @Test func jsonShapeIsSensus() throws {
        let json = #"{"begin":"2026-01-05T09:00:00Z","end":"2026-01-05T17:00:00Z","repeat":["weekdays","sundays"]}"#
        let window = try JSONDecoder().decode(SubdueWindow.self, from: Data(json.utf8))
        #expect(window.repeat == ["weekdays", "sundays"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(window), as: UTF8.self) == json)

        let single = SubdueWindow(begin: "2026-01-05T09:00:00Z", end: "2026-01-05T17:00:00Z")
        #expect(
            String(decoding: try encoder.encode(single), as: UTF8.self)
                == #"{"begin":"2026-01-05T09:00:00Z","end":"2026-01-05T17:00:00Z"}"#)

        let nullRepeat = #"{"begin":"a","end":"b","repeat":null}"#
        #expect(try JSONDecoder().decode(SubdueWindow.self, from: Data(nullRepeat.utf8)).repeat.isEmpty)
    }
}
