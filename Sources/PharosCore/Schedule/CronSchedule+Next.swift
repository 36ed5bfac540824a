public import Foundation

extension CronSchedule {
    /// How far ahead `next(after:)` searches before giving up: five years of days, as robfig/cron.
    static let searchDays: Int64 = 5 * 366 + 2

    /// The first time strictly after `date` at which the schedule fires.
    ///
    /// Field schedules fire at whole minutes of `timeZone`'s wall clock; `@every` fires `date` rounded down to the
    /// second plus the delay. See the type's documentation for daylight-saving transitions.
    ///
    /// - Parameter date: the reference time (typically now, or the previous fire time).
    /// - Returns: the next fire time, or `nil` if nothing matches within about five years (for example
    ///   `0 0 30 2 *`) or `date` is not a finite time between the years -9999 and 9999.
    public func next(after date: Date) -> Date? {
        let reference = date.timeIntervalSince1970
        guard reference.isFinite, abs(reference) < 253_402_300_800 else { return nil }
        let afterSecond = Int64(reference.rounded(.down))
        switch rule {
        case .every(let seconds):
            return Date(timeIntervalSince1970: Double(afterSecond + seconds))
        case .fields(let fields):
            return nextFieldMatch(fields, after: afterSecond).map { Date(timeIntervalSince1970: Double($0)) }
        }
    }

    /// The first match strictly after `afterSecond` (Unix seconds), searching day by day in local time.
    private func nextFieldMatch(_ fields: Fields, after afterSecond: Int64) -> Int64? {
        let day = CivilDate.secondsPerDay
        let startLocal = afterSecond + Int64(offset(at: afterSecond))
        var dayIndex = CivilDate.floorDiv(startLocal, day) - 1
        let lastDay = dayIndex + Self.searchDays
        while dayIndex <= lastDay {
            let date = CivilDate(daysSinceEpoch: dayIndex)
            if fields.months & (1 << UInt64(date.month)) == 0 {
                let nextMonth =
                    date.month == 12
                    ? CivilDate(year: date.year + 1, month: 1, day: 1)
                    : CivilDate(year: date.year, month: date.month + 1, day: 1)
                dayIndex = nextMonth.daysSinceEpoch
                continue
            }
            if dayMatches(fields, date: date, weekday: CivilDate.weekday(daysSinceEpoch: dayIndex)),
                let fire = earliestFire(fields, onLocalDay: dayIndex, after: afterSecond)
            {
                return fire
            }
            dayIndex += 1
        }
        return nil
    }

    /// Day-of-month and day-of-week: AND when either is a wildcard, OR when both are restricted.
    private func dayMatches(_ fields: Fields, date: CivilDate, weekday: Int) -> Bool {
        let dayOfMonthMatches = fields.daysOfMonth & (1 << UInt64(date.day)) != 0
        let dayOfWeekMatches = fields.daysOfWeek & (1 << UInt64(weekday)) != 0
        if fields.dayOfMonthIsWildcard || fields.dayOfWeekIsWildcard {
            return dayOfMonthMatches && dayOfWeekMatches
        }
        return dayOfMonthMatches || dayOfWeekMatches
    }

    /// The earliest fire instant after `afterSecond` among the matching times of one local day, or `nil`.
    private func earliestFire(_ fields: Fields, onLocalDay dayIndex: Int64, after afterSecond: Int64) -> Int64? {
        let dayStartLocal = dayIndex * CivilDate.secondsPerDay
        let offsetBefore = offset(at: dayStartLocal - CivilDate.secondsPerDay)
        let offsetAfter = offset(at: dayStartLocal + 2 * CivilDate.secondsPerDay)
        let hours = (0...23).filter { fields.hours & (1 << UInt64($0)) != 0 }
        let minutes = (0...59).filter { fields.minutes & (1 << UInt64($0)) != 0 }

        if offsetBefore == offsetAfter {
            // No transition near this day: wall times map one-to-one and in order onto instants.
            for hour in hours {
                for minute in minutes {
                    let instant = dayStartLocal + Int64(hour * 3600 + minute * 60) - Int64(offsetBefore)
                    if instant > afterSecond { return instant }
                }
            }
            return nil
        }

        let coversEveryHour = fields.hours == CronField.hour.allBits
        var best: Int64?
        for hour in hours {
            for minute in minutes {
                let wall = dayStartLocal + Int64(hour * 3600 + minute * 60)
                for instant in instants(ofWallTime: wall, keepRepeats: coversEveryHour)
                where instant > afterSecond && instant < (best ?? Int64.max) {
                    best = instant
                }
            }
        }
        return best
    }

    /// The instants (Unix seconds) at which `timeZone`'s wall clock shows `wall` (local seconds since the epoch):
    /// one normally; the shifted instant in a spring-forward gap; the first (or, with `keepRepeats`, both)
    /// in a fall-back overlap.
    private func instants(ofWallTime wall: Int64, keepRepeats: Bool) -> [Int64] {
        let earlyOffset = Int64(offset(at: wall - CivilDate.secondsPerDay))
        let lateOffset = Int64(offset(at: wall + CivilDate.secondsPerDay))
        var valid: [Int64] = []
        for candidateOffset in Set([earlyOffset, lateOffset]) {
            let instant = wall - candidateOffset
            if Int64(offset(at: instant)) == candidateOffset { valid.append(instant) }
        }
        valid.sort()
        guard let first = valid.first else { return [wall - earlyOffset] }
        return keepRepeats ? valid : [first]
    }

    /// `timeZone`'s offset from UTC in seconds at the instant `unixSeconds`.
    private func offset(at unixSeconds: Int64) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(unixSeconds)))
    }
}
