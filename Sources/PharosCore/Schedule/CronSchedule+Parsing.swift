import Foundation

extension CronSchedule {
    /// Splits off the zone prefix, then parses a descriptor or the five fields.
    static func parse(_ expression: String, defaultTimeZone: TimeZone) throws(CronError) -> (TimeZone, Rule) {
        if expression.isEmpty { throw CronError("cron expression is empty") }
        var timeZone = defaultTimeZone
        var spec = Substring(expression)
        for prefix in ["CRON_TZ=", "TZ="] where spec.hasPrefix(prefix) {
            let afterPrefix = spec.dropFirst(prefix.count)
            let zoneEnd = afterPrefix.firstIndex(where: \.isWhitespace) ?? afterPrefix.endIndex
            let zoneName = String(afterPrefix[..<zoneEnd])
            guard let zone = TimeZone(identifier: zoneName), !zoneName.isEmpty else {
                throw CronError("unknown time zone \"\(zoneName)\" in \(prefix)\(zoneName)", token: zoneName)
            }
            timeZone = zone
            spec = afterPrefix[zoneEnd...].drop(while: \.isWhitespace)
            if spec.isEmpty {
                throw CronError("cron expression \"\(expression)\" has a time zone but no schedule")
            }
            break
        }
        if spec.hasPrefix("@") {
            return (timeZone, try parseDescriptor(String(spec)))
        }
        let fields = spec.split(whereSeparator: \.isWhitespace)
        guard fields.count == 5 else {
            throw CronError(
                "cron expression must have 5 fields (minute hour day-of-month month day-of-week), "
                    + "found \(fields.count): \"\(spec)\"")
        }
        let minutes = try parseField(fields[0], .minute)
        let hours = try parseField(fields[1], .hour)
        let daysOfMonth = try parseField(fields[2], .dayOfMonth)
        let months = try parseField(fields[3], .month)
        let daysOfWeek = try parseField(fields[4], .dayOfWeek)
        let parsed = Fields(
            minutes: minutes.bits, hours: hours.bits, daysOfMonth: daysOfMonth.bits, months: months.bits,
            daysOfWeek: daysOfWeek.bits, dayOfMonthIsWildcard: daysOfMonth.isWildcard,
            dayOfWeekIsWildcard: daysOfWeek.isWildcard)
        return (timeZone, .fields(parsed))
    }

    /// `@yearly`, `@every 5m`, … (case-sensitive, as robfig).
    static func parseDescriptor(_ spec: String) throws(CronError) -> Rule {
        let all = { (field: CronField) in field.allBits }
        func fixed(minute: Int = 0, hour: Int?, dayOfMonth: Int?, month: Int?, dayOfWeek: Int?) -> Rule {
            .fields(
                Fields(
                    minutes: 1 << UInt64(minute),
                    hours: hour.map { 1 << UInt64($0) } ?? all(.hour),
                    daysOfMonth: dayOfMonth.map { 1 << UInt64($0) } ?? all(.dayOfMonth),
                    months: month.map { 1 << UInt64($0) } ?? all(.month),
                    daysOfWeek: dayOfWeek.map { 1 << UInt64($0) } ?? all(.dayOfWeek),
                    dayOfMonthIsWildcard: dayOfMonth == nil, dayOfWeekIsWildcard: dayOfWeek == nil))
        }
        switch spec {
        case "@yearly", "@annually": return fixed(hour: 0, dayOfMonth: 1, month: 1, dayOfWeek: nil)
        case "@monthly": return fixed(hour: 0, dayOfMonth: 1, month: nil, dayOfWeek: nil)
        case "@weekly": return fixed(hour: 0, dayOfMonth: nil, month: nil, dayOfWeek: 0)
        case "@daily", "@midnight": return fixed(hour: 0, dayOfMonth: nil, month: nil, dayOfWeek: nil)
        case "@hourly": return fixed(hour: nil, dayOfMonth: nil, month: nil, dayOfWeek: nil)
        default: break
        }
        guard spec.hasPrefix("@every ") else {
            throw CronError(
                "unknown cron descriptor \"\(spec)\" (expected @yearly, @annually, @monthly, @weekly, @daily, "
                    + "@midnight, @hourly or @every <duration>)", token: spec)
        }
        let text = spec.dropFirst("@every ".count).trimmingCharacters(in: .whitespaces)
        let nanoseconds: Int64
        do {
            nanoseconds = try GoDuration.nanoseconds(text)
        } catch {
            let reason =
                switch error {
                case .invalid: "is not a duration such as 30s or 1h30m"
                case .missingUnit: "has a number without a unit (ns, us, ms, s, m, h)"
                case .unknownUnit(let unit): "has the unknown unit \"\(unit)\" (expected ns, us, ms, s, m or h)"
                case .outOfRange: "is out of range"
                }
            throw CronError("@every \"\(text)\" \(reason)", token: text)
        }
        guard nanoseconds > 0 else {
            throw CronError("@every \"\(text)\" must be a positive duration", token: text)
        }
        return .every(seconds: max(1, nanoseconds / 1_000_000_000))
    }

    /// One field: a comma list of ranges with optional steps.
    static func parseField(_ text: Substring, _ field: CronField) throws(CronError) -> (bits: UInt64, isWildcard: Bool)
    {
        func failure(_ message: String, _ token: some StringProtocol) -> CronError {
            CronError(
                "cron field \(field.rawValue) (\(field.name)): \(message)", field: field.rawValue, token: String(token))
        }
        var bits: UInt64 = 0
        var isWildcard = false
        for element in text.split(separator: ",", omittingEmptySubsequences: false) {
            if element.isEmpty { throw failure("empty list element in \"\(text)\"", text) }
            let rangeAndStep = element.split(separator: "/", omittingEmptySubsequences: false)
            if rangeAndStep.count > 2 { throw failure("\"\(element)\" has more than one '/'", element) }
            let rangeText = rangeAndStep[0]
            let bounds = rangeText.split(separator: "-", omittingEmptySubsequences: false)
            var start: Int
            var end: Int
            var elementIsWildcard = false
            if rangeText == "*" || rangeText == "?" {
                start = field.bounds.lowerBound
                end = field.bounds.upperBound
                elementIsWildcard = true
            } else {
                if bounds.count > 2 { throw failure("\"\(rangeText)\" has more than one '-'", rangeText) }
                start = try value(bounds[0], field, failure)
                end = bounds.count == 2 ? try value(bounds[1], field, failure) : start
            }
            var step = 1
            if rangeAndStep.count == 2 {
                let stepText = rangeAndStep[1]
                guard !stepText.isEmpty, stepText.allSatisfy(\.isASCIIDigit), let parsed = Int(stepText) else {
                    throw failure("step \"\(stepText)\" in \"\(element)\" is not a number", stepText)
                }
                if parsed == 0 { throw failure("step 0 in \"\(element)\" must be at least 1", stepText) }
                step = parsed
                if bounds.count == 1 && !elementIsWildcard { end = field.bounds.upperBound }
                if step > 1 { elementIsWildcard = false }
            }
            if start > end { throw failure("range \(start)-\(end) starts after it ends", rangeText) }
            var current = start
            while current <= end {
                bits |= 1 << UInt64(current)
                current += step
            }
            isWildcard = isWildcard || elementIsWildcard
        }
        return (bits, isWildcard)
    }

    /// A number or a name, checked against the field's bounds.
    private static func value(
        _ token: Substring, _ field: CronField, _ failure: (String, Substring) -> CronError
    ) throws(CronError) -> Int {
        if let named = field.names[token.lowercased()] { return named }
        guard !token.isEmpty, token.allSatisfy(\.isASCIIDigit) else {
            let kind =
                switch field {
                case .month: "a number or month name (JAN-DEC)"
                case .dayOfWeek: "a number or day name (SUN-SAT)"
                default: "a number"
                }
            throw failure("\"\(token)\" is not \(kind)", token)
        }
        guard let number = Int(token), field.bounds.contains(number) else {
            throw failure(
                "\(token) is out of range \(field.bounds.lowerBound)-\(field.bounds.upperBound)", token)
        }
        return number
    }
}

extension Character {
    /// `0`…`9` only (not other Unicode digits).
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
