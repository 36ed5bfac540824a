import Foundation
import Testing

@testable import PharosBackend

@Suite struct KeepaliveEventsTests {
    /// Foundation's formatter as the independent reference for the arithmetic civil-date conversion.
    static func formatted(_ seconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))) + " +0000 UTC"
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01 00:00:00 +0000 UTC"),
        (-1, "1969-12-31 23:59:59 +0000 UTC"),
        (951_782_400, "2000-02-29 00:00:00 +0000 UTC"),
        (1_700_000_000, "2023-11-14 22:13:20 +0000 UTC"),
        (1_709_251_199, "2024-02-29 23:59:59 +0000 UTC"),
        (4_102_444_799, "2099-12-31 23:59:59 +0000 UTC"),
        (4_107_542_400, "2100-03-01 00:00:00 +0000 UTC"),
    ])
    func goTimeMatchesGoDefaultFormat(seconds: Int64, expected: String) {
        #expect(KeepaliveEvents.goTime(seconds) == expected)
        #expect(KeepaliveEvents.goTime(seconds) == Self.formatted(seconds))
    }

    @Test func goTimeAgreesWithFoundationOverFourHundredYearsOfDays() {
        var seconds: Int64 = -2_208_988_800  // 1900-01-01
        while seconds < 10_413_792_000 {  // 2300-01-01
            #expect(KeepaliveEvents.goTime(seconds + 86_399) == Self.formatted(seconds + 86_399))
            seconds += 86_400 * 37 + 3_671  // every 37 days and a bit, drifting through hours and minutes
        }
    }
}
