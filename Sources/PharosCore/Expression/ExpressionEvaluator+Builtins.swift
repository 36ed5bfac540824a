import Foundation

/// The built-in functions and methods (ES5 §15.1, §15.4.4, §15.5.4, §15.7.4, §15.10.6; `includes`,
/// `startsWith`, `endsWith` from ES2015) and Sensu's UTC time helpers.
extension ExpressionEvaluator {
    func call(_ builtin: ExpressionBuiltin, this: JSValue, arguments: [JSValue], column: Int) throws(ExpressionError)
        -> JSValue
    {
        let first = arguments.first ?? .undefined
        let second = arguments.count > 1 ? arguments[1] : .undefined
        switch builtin {
        case .hour: return Self.timeComponent(first) { Self.floorMod($0, 86_400) / 3_600 }
        case .minute: return Self.timeComponent(first) { Self.floorMod($0, 3_600) / 60 }
        case .second: return Self.timeComponent(first) { Self.floorMod($0, 60) }
        case .weekday: return Self.timeComponent(first) { Self.floorMod(($0 / 86_400).rounded(.down) + 4, 7) }
        case .secondsSince: return .number(now.rounded(.down) - first.jsNumber)
        case .isNaN: return .bool(first.jsNumber.isNaN)
        case .isFinite: return .bool(first.jsNumber.isFinite)
        case .parseFloat: return .number(Self.parseFloat(first.jsString))
        case .parseInt: return .number(Self.parseInt(first.jsString, radix: second))
        case .numberFunction: return .number(arguments.isEmpty ? 0 : first.jsNumber)
        case .stringFunction: return .string(arguments.isEmpty ? "" : first.jsString)
        case .booleanFunction: return .bool(first.isTruthy)
        case .arrayIndexOf, .arrayLastIndexOf, .arrayIncludes, .arrayJoin, .arraySlice, .arrayToString:
            guard case .array(let elements) = this else { throw receiverError(builtin, this, column) }
            return Self.callArrayMethod(builtin, elements, first, second)
        case .regExpTest, .regExpExec, .regExpToString:
            guard case .regExp(let regExp) = this else { throw receiverError(builtin, this, column) }
            if builtin == .regExpToString { return .string(regExp.description) }
            let text = first.jsString
            let units = Array(text.utf16)
            let match = Self.exec(regExp, text, units)
            return builtin == .regExpTest ? .bool(match != .null) : match
        case .numberToString, .numberToFixed:
            guard case .number(let number) = this else { throw receiverError(builtin, this, column) }
            return try Self.callNumberMethod(builtin, number, first, column: column)
        case .booleanToString:
            guard case .bool = this else { throw receiverError(builtin, this, column) }
            return .string(this.jsString)
        case .objectHasOwnProperty:
            switch this {
            case .undefined, .null: throw receiverError(builtin, this, column)
            case .object(let members): return .bool(members[first.jsString] != nil)
            case .array(let elements):
                let key = first.jsString
                return .bool(key == "length" || Self.arrayIndex(key).map { $0 < elements.count } == true)
            case .string(let text):
                let key = first.jsString
                return .bool(key == "length" || Self.arrayIndex(key).map { $0 < text.utf16.count } == true)
            case .bool, .number, .regExp, .function: return .bool(false)
            }
        case .objectToString:
            if case .undefined = this { return .string("[object Undefined]") }
            if case .null = this { return .string("[object Null]") }
            return .string("[object Object]")
        default:
            switch this {
            case .undefined, .null: throw receiverError(builtin, this, column)
            default: return try callStringMethod(builtin, this, arguments, column: column)
            }
        }
    }

    private func receiverError(_ builtin: ExpressionBuiltin, _ this: JSValue, _ column: Int) -> ExpressionError {
        .typeError(
            "\(builtin.rawValue) called on \(this.typeName == "object" ? this.jsString : this.typeName)", column: column
        )
    }

    // MARK: - Time helpers (Sensu filter extensions, UTC)

    private static func timeComponent(_ value: JSValue, _ component: (Double) -> Double) -> JSValue {
        let seconds = value.jsNumber
        guard seconds.isFinite else { return .number(.nan) }
        return .number(component(seconds.rounded(.down)).rounded(.down))
    }

    private static func floorMod(_ value: Double, _ modulus: Double) -> Double {
        value - modulus * (value / modulus).rounded(.down)
    }

    // MARK: - Globals

    /// `parseFloat` (ES5 §15.1.2.3): the longest prefix that is a `StrDecimalLiteral`, after leading white space.
    private static func parseFloat(_ text: String) -> Double {
        let scalars = Array(text.unicodeScalars.drop(while: JSValue.isWhiteSpace))
        var index = 0
        if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
        if scalars[index...].starts(with: "Infinity".unicodeScalars) {
            return scalars.first == "-" ? -.infinity : .infinity
        }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        var mantissaDigits = 0
        while index < scalars.count, isDigit(scalars[index]) {
            index += 1
            mantissaDigits += 1
        }
        if index < scalars.count, scalars[index] == "." {
            index += 1
            while index < scalars.count, isDigit(scalars[index]) {
                index += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else { return .nan }
        var end = index
        if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            let exponentStart = index
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            if index > exponentStart { end = index }
        }
        var prefix = ""
        prefix.unicodeScalars.append(contentsOf: scalars[..<end])
        return JSValue.number(parsing: prefix)
    }

    private static func parseInt(_ text: String, radix radixValue: JSValue) -> Double {
        var scalars = Array(text.unicodeScalars.drop(while: JSValue.isWhiteSpace))[...]
        var sign = 1.0
        if let first = scalars.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            scalars = scalars.dropFirst()
        }
        var radix = Int(radixValue.jsInt32)
        if radix != 0, radix < 2 || radix > 36 { return .nan }
        let hasHexPrefix =
            scalars.count >= 2 && scalars.first == "0"
            && (scalars.dropFirst().first == "x"
                || scalars.dropFirst().first == "X")
        if (radix == 0 || radix == 16) && hasHexPrefix {
            scalars = scalars.dropFirst(2)
            radix = 16
        }
        if radix == 0 { radix = 10 }
        var value = 0.0
        var digits = 0
        for scalar in scalars {
            let digit: Int
            switch scalar {
            case "0"..."9": digit = Int(scalar.value - 48)
            case "a"..."z": digit = Int(scalar.value - 87)
            case "A"..."Z": digit = Int(scalar.value - 55)
            default: digit = 99
            }
            guard digit < radix else { break }
            value = value * Double(radix) + Double(digit)
            digits += 1
        }
        return digits == 0 ? .nan : sign * value
    }

    // MARK: - Array.prototype

    private static func relativeIndex(_ value: JSValue, count: Int, default defaultValue: Int) -> Int {
        if case .undefined = value { return defaultValue }
        let relative = value.jsInteger
        if relative < 0 { return Int(max(Double(count) + relative, 0)) }
        return Int(min(relative, Double(count)))
    }

    private static func callArrayMethod(
        _ builtin: ExpressionBuiltin, _ elements: [JSValue], _ first: JSValue, _ second: JSValue
    ) -> JSValue {
        let count = elements.count
        switch builtin {
        case .arrayIndexOf, .arrayIncludes:
            let start = relativeIndex(second, count: count, default: 0)
            guard start < count else { return builtin == .arrayIncludes ? .bool(false) : .number(-1) }
            if builtin == .arrayIncludes {
                return .bool(elements[start...].contains { JSValue.sameValueZero($0, first) })
            }
            let index = elements[start...].firstIndex { JSValue.strictlyEquals($0, first) }
            return .number(index.map(Double.init) ?? -1)
        case .arrayLastIndexOf:
            guard count > 0 else { return .number(-1) }
            var start = count - 1
            if case .undefined = second {
            } else {
                let from = second.jsInteger
                start = from < 0 ? Int(max(Double(count) + from, -1)) : Int(min(from, Double(count - 1)))
            }
            guard start >= 0 else { return .number(-1) }
            let index = elements[...start].lastIndex { JSValue.strictlyEquals($0, first) }
            return .number(index.map(Double.init) ?? -1)
        case .arrayJoin:
            if case .undefined = first { return .string(JSValue.join(elements, separator: ",")) }
            return .string(JSValue.join(elements, separator: first.jsString))
        case .arraySlice:
            let start = relativeIndex(first, count: count, default: 0)
            let end = relativeIndex(second, count: count, default: count)
            return .array(start < end ? Array(elements[start..<end]) : [])
        default:
            return .string(JSValue.join(elements, separator: ","))
        }
    }

    // MARK: - Number.prototype

    private static func callNumberMethod(
        _ builtin: ExpressionBuiltin, _ number: Double, _ argument: JSValue, column: Int
    )
        throws(ExpressionError) -> JSValue
    {
        if builtin == .numberToFixed {
            let digits = argument.jsInteger
            guard digits >= 0, digits <= 20 else {
                throw .rangeError("toFixed() digits argument must be between 0 and 20", column: column)
            }
            return .string(toFixed(number, digits: Int(digits)))
        }
        if case .undefined = argument { return .string(JSValue.format(number)) }
        let radix = argument.jsInteger
        guard radix >= 2, radix <= 36 else {
            throw .rangeError("toString() radix argument must be between 2 and 36", column: column)
        }
        if radix == 10 || !number.isFinite { return .string(JSValue.format(number)) }
        guard number.rounded() == number, abs(number) < 9_007_199_254_740_992 else {
            throw .rangeError("toString(radix) supports only integers in this implementation", column: column)
        }
        return .string(String(Int64(number), radix: Int(radix)))
    }

    /// `Number.prototype.toFixed` (ES5 §15.7.4.5): exact ties round away from zero, as the spec's "larger n" says.
    private static func toFixed(_ number: Double, digits: Int) -> String {
        guard number.isFinite else { return JSValue.format(number) }
        guard abs(number) < 1e21 else { return JSValue.format(number) }
        let magnitude = abs(number)
        let sign = number < 0 ? "-" : ""
        let scale = Double(sign: .plus, exponent: 0, significand: 1) * pow(10, Double(digits))
        let product = magnitude * scale
        let error = (-product).addingProduct(magnitude, scale)
        if error == 0, product.truncatingRemainder(dividingBy: 1) == 0.5 {
            var text = String(Int64(product.rounded(.down)) + 1)
            if text.count <= digits { text = String(repeating: "0", count: digits + 1 - text.count) + text }
            guard digits > 0 else { return sign + text }
            let point = text.index(text.endIndex, offsetBy: -digits)
            return sign + text[..<point] + "." + text[point...]
        }
        return sign + String(format: "%.\(digits)f", magnitude)
    }
}
