import Foundation
import PharosCore
import Testing

@Suite struct CronScheduleTests {
    /// `expression`, start time, expected next fire (UTC). Non-DST-gap values were cross-checked with a
    /// brute-force minute scan over Python's zoneinfo.
    @Test(arguments: [
        // Basics, lists, ranges, steps.
        ("* * * * *", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z"),
        ("*/5 * * * *", "2026-01-01T00:03:10Z", "2026-01-01T00:05:00Z"),
        ("0 * * * *", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z"),
        ("30 2 * * *", "2026-01-01T03:00:00Z", "2026-01-02T02:30:00Z"),
        ("0 0,12 * * *", "2026-01-01T06:00:00Z", "2026-01-01T12:00:00Z"),
        ("1-10/3 * * * *", "2026-01-01T00:04:00Z", "2026-01-01T00:07:00Z"),
        ("5/20 * * * *", "2026-01-01T00:30:00Z", "2026-01-01T00:45:00Z"),
        ("15 10 ? * *", "2026-01-01T10:00:00Z", "2026-01-01T10:15:00Z"),
        ("0 0 1 1 *", "2026-06-15T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("59 23 31 12 *", "2026-01-01T00:00:00Z", "2026-12-31T23:59:00Z"),
        // Leap day and month ends.
        ("0 0 29 2 *", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("0 0 31 * *", "2026-01-31T00:00:00Z", "2026-03-31T00:00:00Z"),
        ("0 0 31 * *", "2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z"),
        // Names (case-insensitive).
        ("0 12 * * MON-FRI", "2026-01-02T13:00:00Z", "2026-01-05T12:00:00Z"),
        ("0 0 * * sun", "2026-01-01T00:00:00Z", "2026-01-04T00:00:00Z"),
        ("0 9 1 jan,Jul *", "2026-02-01T00:00:00Z", "2026-07-01T09:00:00Z"),
        ("0 0 * * 1-5/2", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
        // Day-of-month / day-of-week: AND when one is *, OR when both are restricted.
        ("0 0 13 * *", "2026-01-01T00:00:00Z", "2026-01-13T00:00:00Z"),
        ("0 0 13 * 5", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
        ("0 0 13 * fri", "2026-02-13T00:00:00Z", "2026-02-20T00:00:00Z"),
        ("0 0 */10 * 1", "2026-01-01T00:00:00Z", "2026-01-05T00:00:00Z"),
        // Descriptors.
        ("@hourly", "2026-01-01T00:30:00Z", "2026-01-01T01:00:00Z"),
        ("@daily", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
        ("@midnight", "2026-01-01T23:59:59Z", "2026-01-02T00:00:00Z"),
        ("@weekly", "2026-01-01T00:00:00Z", "2026-01-04T00:00:00Z"),
        ("@monthly", "2026-01-15T00:00:00Z", "2026-02-01T00:00:00Z"),
        ("@yearly", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("@annually", "2026-05-01T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("@every 1h30m", "2026-01-01T00:00:00Z", "2026-01-01T01:30:00Z"),
        ("@every 30s", "2026-01-01T00:00:10Z", "2026-01-01T00:00:40Z"),
        // Time zones.
        ("CRON_TZ=America/New_York 0 9 * * *", "2026-01-01T00:00:00Z", "2026-01-01T14:00:00Z"),
        ("CRON_TZ=America/New_York 0 9 * * *", "2026-07-01T00:00:00Z", "2026-07-01T13:00:00Z"),
        ("TZ=Europe/London 0 12 * * *", "2026-07-01T00:00:00Z", "2026-07-01T11:00:00Z"),
        ("CRON_TZ=Asia/Kolkata 0 0 * * *", "2026-01-01T00:00:00Z", "2026-01-01T18:30:00Z"),
        ("CRON_TZ=America/New_York @daily", "2026-01-01T00:00:00Z", "2026-01-01T05:00:00Z"),
        // DST start, New York 2026-03-08 02:00 EST → 03:00 EDT: 02:30 does not exist and fires shifted, at 03:30 EDT.
        ("CRON_TZ=America/New_York 30 2 * * *", "2026-03-08T05:00:00Z", "2026-03-08T07:30:00Z"),
        ("CRON_TZ=America/New_York 30 2 * * *", "2026-03-08T07:30:00Z", "2026-03-09T06:30:00Z"),
        ("CRON_TZ=America/New_York 0 * * * *", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z"),
        ("CRON_TZ=America/New_York 0 3 * * *", "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z"),
        // DST end, New York 2026-11-01 02:00 EDT → 01:00 EST: 01:30 fires once (EDT); hourly fires in both copies.
        ("CRON_TZ=America/New_York 30 1 * * *", "2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z"),
        ("CRON_TZ=America/New_York 30 1 * * *", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"),
        ("CRON_TZ=America/New_York */30 1 * * *", "2026-11-01T05:30:00Z", "2026-11-02T06:00:00Z"),
        ("CRON_TZ=America/New_York 0 * * * *", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z"),
        ("CRON_TZ=America/New_York 0 * * * *", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z"),
        ("CRON_TZ=America/New_York */30 * * * *", "2026-11-01T05:30:00Z", "2026-11-01T06:00:00Z"),
        // Europe/London: 2026-03-29 01:00 GMT → 02:00 BST, and 2026-10-25 02:00 BST → 01:00 GMT.
        ("CRON_TZ=Europe/London 30 1 * * *", "2026-03-29T00:00:00Z", "2026-03-29T01:30:00Z"),
        ("CRON_TZ=Europe/London 30 1 * * *", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"),
        ("CRON_TZ=Europe/London 30 1 * * *", "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z"),
        ("CRON_TZ=Europe/London 30 1 * * *", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
    ])
    func nextFire(_ expression: String, after start: String, expected: String) throws {
        let schedule = try CronSchedule(expression)
        let next = try #require(schedule.next(after: try utc(start)))
        #expect(next == (try utc(expected)))
    }

    @Test func everyRoundsTheStartDownToTheSecond() throws {
        let start = try utc("2026-01-01T00:00:10Z").addingTimeInterval(0.7)
        #expect(try CronSchedule("@every 30s").next(after: start) == (try utc("2026-01-01T00:00:40Z")))
        // Sub-second durations count as one second, as robfig/cron.
        #expect(try CronSchedule("@every 500ms").next(after: start) == (try utc("2026-01-01T00:00:11Z")))
    }

    @Test func fieldScheduleIsStrictlyAfterAFractionalStart() throws {
        let start = try utc("2026-01-01T00:04:59Z").addingTimeInterval(0.999)
        #expect(try CronSchedule("*/5 * * * *").next(after: start) == (try utc("2026-01-01T00:05:00Z")))
    }

    @Test(arguments: ["0 0 30 2 *", "0 0 31 4 *", "0 0 31 2,4,6,9,11 *"])
    func impossibleDatesEndTheSearch(_ expression: String) throws {
        #expect(try CronSchedule(expression).next(after: try utc("2026-01-01T00:00:00Z")) == nil)
    }

    @Test func defaultZoneIsUTCAndInjectable() throws {
        let start = try utc("2026-01-01T00:00:00Z")
        #expect(try CronSchedule("0 9 * * *").timeZone.secondsFromGMT(for: start) == 0)
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let injected = try CronSchedule("0 9 * * *", defaultTimeZone: newYork)
        #expect(injected.next(after: start) == (try utc("2026-01-01T14:00:00Z")))
        // An explicit prefix wins over the injected default.
        let prefixed = try CronSchedule("CRON_TZ=UTC 0 9 * * *", defaultTimeZone: newYork)
        #expect(prefixed.next(after: start) == (try utc("2026-01-01T09:00:00Z")))
    }

    @Test func consecutiveFiresWalkForward() throws {
        let schedule = try CronSchedule("CRON_TZ=America/New_York 0 * * * *")
        var time = try utc("2026-11-01T03:00:00Z")
        var fires: [Date] = []
        for _ in 0..<5 {
            time = try #require(schedule.next(after: time))
            fires.append(time)
        }
        let expected = try [
            "2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z",
            "2026-11-01T08:00:00Z",
        ].map(utc)
        #expect(fires == expected)
    }

    @Test func validityHelperAndEquality() throws {
        #expect(CronSchedule.isValid("*/5 * * * *"))
        #expect(!CronSchedule.isValid("*/5 * * *"))
        #expect(try CronSchedule("  0 0 * * *  ") == (try CronSchedule("0 0 * * *")))
        #expect(try CronSchedule("0 0 * * *").expression == "0 0 * * *")
    }

    @Test(arguments: [
        ("", "cron expression is empty"),
        (
            "* * * *",
            "cron expression must have 5 fields (minute hour day-of-month month day-of-week), found 4: \"* * * *\""
        ),
        (
            "0 0 0 * * *",
            "cron expression must have 5 fields (minute hour day-of-month month day-of-week), found 6: \"0 0 0 * * *\""
        ),
        ("0 25 * * *", "cron field 2 (hour): 25 is out of range 0-23"),
        ("60 * * * *", "cron field 1 (minute): 60 is out of range 0-59"),
        ("0 0 0 * *", "cron field 3 (day-of-month): 0 is out of range 1-31"),
        ("0 0 * 13 *", "cron field 4 (month): 13 is out of range 1-12"),
        ("0 0 * * 7", "cron field 5 (day-of-week): 7 is out of range 0-6"),
        ("0 0 * FOO *", "cron field 4 (month): \"FOO\" is not a number or month name (JAN-DEC)"),
        ("0 0 * * MON-FUN", "cron field 5 (day-of-week): \"FUN\" is not a number or day name (SUN-SAT)"),
        ("a * * * *", "cron field 1 (minute): \"a\" is not a number"),
        ("*/0 * * * *", "cron field 1 (minute): step 0 in \"*/0\" must be at least 1"),
        ("*/x * * * *", "cron field 1 (minute): step \"x\" in \"*/x\" is not a number"),
        ("10-5 * * * *", "cron field 1 (minute): range 10-5 starts after it ends"),
        ("1-2-3 * * * *", "cron field 1 (minute): \"1-2-3\" has more than one '-'"),
        ("*/2/3 * * * *", "cron field 1 (minute): \"*/2/3\" has more than one '/'"),
        ("1,,2 * * * *", "cron field 1 (minute): empty list element in \"1,,2\""),
        ("0 0 * * -1", "cron field 5 (day-of-week): \"\" is not a number or day name (SUN-SAT)"),
        (
            "@fortnightly",
            "unknown cron descriptor \"@fortnightly\" (expected @yearly, @annually, @monthly, @weekly, @daily, "
                + "@midnight, @hourly or @every <duration>)"
        ),
        ("@every 5x", "@every \"5x\" has the unknown unit \"x\" (expected ns, us, ms, s, m or h)"),
        ("@every 5", "@every \"5\" has a number without a unit (ns, us, ms, s, m, h)"),
        ("@every soon", "@every \"soon\" is not a duration such as 30s or 1h30m"),
        ("@every -5m", "@every \"-5m\" must be a positive duration"),
        ("@every 0", "@every \"0\" must be a positive duration"),
        ("CRON_TZ=Mars/Base 0 0 * * *", "unknown time zone \"Mars/Base\" in CRON_TZ=Mars/Base"),
        ("TZ=UTC", "cron expression \"TZ=UTC\" has a time zone but no schedule"),
    ])
    func parseErrors(_ expression: String, message: String) {
        #expect {
            _ = try CronSchedule(expression)
        } throws: { error in
            (error as? CronError)?.description == message
        }
    }

    @Test func errorNamesFieldAndToken() throws {
        let error = try #require(throws: CronError.self) { try CronSchedule("0 25 * * *") }
        #expect(error.field == 2)
        #expect(error.token == "25")
    }
}

/// Parses an ISO 8601 UTC time such as `2026-01-01T00:00:00Z`.
func utc(_ text: String) throws -> Date {
    try Date(text, strategy: .iso8601)
}
