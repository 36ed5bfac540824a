/// `String.prototype` methods and regular-expression matching (ES5 §15.5.4, §15.10.6.2; `includes`,
/// `startsWith`, `endsWith` from ES2015). Positions and lengths are UTF-16 code units, as in JavaScript.
extension ExpressionEvaluator {
    func callStringMethod(_ builtin: ExpressionBuiltin, _ this: JSValue, _ arguments: [JSValue], column: Int)
        throws(ExpressionError) -> JSValue
    {
        let text = this.jsString
        let units = Array(text.utf16)
        let count = units.count
        let first = arguments.first ?? .undefined
        let second = arguments.count > 1 ? arguments[1] : .undefined
        func clamped(_ value: JSValue, default defaultValue: Int) -> Int {
            if case .undefined = value { return defaultValue }
            return Int(min(max(value.jsInteger, 0), Double(count)))
        }
        func searchString() throws(ExpressionError) -> [UInt16] {
            if case .regExp = first {
                throw .typeError(
                    "first argument to \(builtin.rawValue) must not be a regular expression", column: column)
            }
            return Array(first.jsString.utf16)
        }
        switch builtin {
        case .stringIndexOf:
            let needle = Array(first.jsString.utf16)
            return .number(Double(Self.indexOf(needle, in: units, from: clamped(second, default: 0)) ?? -1))
        case .stringLastIndexOf:
            let needle = Array(first.jsString.utf16)
            let position = second.jsNumber.isNaN ? count : clamped(second, default: count)
            var start = min(position, count - needle.count)
            while start >= 0 {
                if units[start..<(start + needle.count)].elementsEqual(needle) { return .number(Double(start)) }
                start -= 1
            }
            return .number(-1)
        case .stringIncludes:
            let needle = try searchString()
            return .bool(Self.indexOf(needle, in: units, from: clamped(second, default: 0)) != nil)
        case .stringStartsWith:
            let needle = try searchString()
            let start = clamped(second, default: 0)
            return .bool(start + needle.count <= count && units[start..<(start + needle.count)].elementsEqual(needle))
        case .stringEndsWith:
            let needle = try searchString()
            let end = clamped(second, default: count)
            return .bool(end >= needle.count && units[(end - needle.count)..<end].elementsEqual(needle))
        case .stringToLowerCase:
            return .string(text.lowercased())
        case .stringToUpperCase:
            return .string(text.uppercased())
        case .stringTrim:
            return .string(JSValue.trim(text))
        case .stringSubstring:
            let start = clamped(first, default: 0)
            let end = clamped(second, default: count)
            return .string(Self.string(units[min(start, end)..<max(start, end)]))
        case .stringSlice:
            let start = Self.relativePosition(first, count: count, default: 0)
            let end = Self.relativePosition(second, count: count, default: count)
            return .string(start < end ? Self.string(units[start..<end]) : "")
        case .stringCharAt, .stringCharCodeAt:
            let position = first.jsInteger
            guard position >= 0, position < Double(count) else {
                return builtin == .stringCharAt ? .string("") : .number(.nan)
            }
            let unit = units[Int(position)]
            return builtin == .stringCharAt ? .string(Self.string([unit][...])) : .number(Double(unit))
        case .stringConcat:
            return .string(arguments.reduce(text) { $0 + $1.jsString })
        case .stringMatch, .stringSearch:
            let regExp = try Self.regExp(from: first, column: column)
            if builtin == .stringSearch {
                let match = regExp.firstMatch(in: text, utf16Count: count, from: 0)
                return .number(Double(match?.first??.lowerBound ?? -1))
            }
            guard regExp.global else { return Self.exec(regExp, text, units) }
            let matches = regExp.allMatches(in: text, utf16Count: count)
            return matches.isEmpty ? .null : .array(matches.map { .string(Self.string(units[$0])) })
        case .stringSplit:
            return Self.split(text, units, separator: first, limit: second)
        default:
            guard case .string = this else {
                throw .typeError("\(builtin.rawValue) called on \(this.typeName)", column: column)
            }
            return this
        }
    }

    private static func string(_ units: ArraySlice<UInt16>) -> String {
        String(decoding: units, as: UTF16.self)
    }

    private static func relativePosition(_ value: JSValue, count: Int, default defaultValue: Int) -> Int {
        if case .undefined = value { return defaultValue }
        let relative = value.jsInteger
        if relative < 0 { return Int(max(Double(count) + relative, 0)) }
        return Int(min(relative, Double(count)))
    }

    /// The first index at or after `start` where `needle` occurs in `haystack`.
    private static func indexOf(_ needle: [UInt16], in haystack: [UInt16], from start: Int) -> Int? {
        guard needle.count <= haystack.count - start else { return nil }
        if needle.isEmpty { return start }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// A regular expression argument, or one compiled from the argument's text (`new RegExp(value)`).
    private static func regExp(from value: JSValue, column: Int) throws(ExpressionError) -> JSRegExp {
        if case .regExp(let regExp) = value { return regExp }
        let source = value == .undefined ? "(?:)" : value.jsString
        do {
            return try JSRegExp(source: source, flags: "")
        } catch {
            throw ExpressionError(kind: .evaluation, column: column, message: error.message)
        }
    }

    /// `RegExp.prototype.exec` from the start of the string: the match and its groups (`undefined` for groups
    /// that did not participate), or `null`.
    static func exec(_ regExp: JSRegExp, _ text: String, _ units: [UInt16]) -> JSValue {
        guard let groups = regExp.firstMatch(in: text, utf16Count: units.count, from: 0) else { return .null }
        return .array(groups.map { range in range.map { .string(string(units[$0])) } ?? .undefined })
    }

    /// `String.prototype.split` (ES5 §15.5.4.14), with string or regular-expression separators and captures.
    private static func split(_ text: String, _ units: [UInt16], separator: JSValue, limit: JSValue) -> JSValue {
        let maximum = limit == .undefined ? Int(UInt32.max) : Int(limit.jsUInt32)
        var parts: [JSValue] = []
        guard maximum > 0 else { return .array([]) }
        if case .undefined = separator { return .array([.string(text)]) }
        guard case .regExp(let regExp) = separator else {
            let needle = Array(separator.jsString.utf16)
            if needle.isEmpty {
                return .array(units.prefix(maximum).map { .string(string([$0][...])) })
            }
            var start = 0
            while let found = indexOf(needle, in: units, from: start) {
                parts.append(.string(string(units[start..<found])))
                if parts.count == maximum { return .array(parts) }
                start = found + needle.count
            }
            parts.append(.string(string(units[start...])))
            return .array(parts)
        }
        let count = units.count
        if count == 0 {
            let matchesEmpty = regExp.firstMatch(in: text, utf16Count: 0, from: 0, anchored: true) != nil
            return .array(matchesEmpty ? [] : [.string(text)])
        }
        var start = 0
        var position = 0
        while position < count {
            guard let groups = regExp.firstMatch(in: text, utf16Count: count, from: position, anchored: true),
                let whole = groups.first ?? nil, whole.upperBound != start
            else {
                position += 1
                continue
            }
            parts.append(.string(string(units[start..<position])))
            if parts.count == maximum { return .array(parts) }
            start = whole.upperBound
            for group in groups.dropFirst() {
                parts.append(group.map { .string(string(units[$0])) } ?? .undefined)
                if parts.count == maximum { return .array(parts) }
            }
            position = start
        }
        parts.append(.string(string(units[start...])))
        return .array(parts)
    }
}
