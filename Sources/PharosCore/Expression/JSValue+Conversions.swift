extension JSValue {
    /// JavaScript `ToPrimitive` (ES5 §9.1): objects become their `toString()` text, primitives stay as they are.
    var primitive: JSValue {
        switch self {
        case .undefined, .null, .bool, .number, .string: return self
        case .array, .object, .regExp, .function: return .string(jsString)
        }
    }

    /// Whether the value is an object (array, object, regular expression or function) rather than a primitive.
    var isObject: Bool {
        switch self {
        case .array, .object, .regExp, .function: return true
        case .undefined, .null, .bool, .number, .string: return false
        }
    }

    /// JavaScript `ToNumber` (ES5 §9.3).
    var jsNumber: Double {
        switch self {
        case .undefined: return .nan
        case .null: return 0
        case .bool(let value): return value ? 1 : 0
        case .number(let value): return value
        case .string(let value): return Self.number(parsing: value)
        case .array, .object, .regExp, .function: return Self.number(parsing: jsString)
        }
    }

    /// JavaScript `ToString` (ES5 §9.8): arrays join their elements with `,` (`null`/`undefined` as empty),
    /// objects are `[object Object]`, numbers use ``JSValue/format(_:)``.
    var jsString: String {
        switch self {
        case .undefined: return "undefined"
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return Self.format(value)
        case .string(let value): return value
        case .array(let elements): return Self.join(elements, separator: ",")
        case .object: return "[object Object]"
        case .regExp(let regExp): return regExp.description
        case .function(let name):
            let shortName = name.split(separator: ".").last.map(String.init) ?? name
            return "function \(shortName)() { [native code] }"
        }
    }

    /// `Array.prototype.join`: `null` and `undefined` elements are empty.
    static func join(_ elements: [JSValue], separator: String) -> String {
        var text = ""
        for (index, element) in elements.enumerated() {
            if index > 0 { text += separator }
            switch element {
            case .undefined, .null: break
            default: text += element.jsString
            }
        }
        return text
    }

    /// JavaScript `ToInteger` (ES5 §9.4): `NaN` is 0, otherwise truncated toward zero (infinities stay).
    var jsInteger: Double {
        let number = jsNumber
        if number.isNaN { return 0 }
        return number.rounded(.towardZero)
    }

    /// JavaScript `ToUint32` (ES5 §9.6).
    var jsUInt32: UInt32 {
        let number = jsNumber
        guard number.isFinite else { return 0 }
        var modulo = number.rounded(.towardZero).truncatingRemainder(dividingBy: 4_294_967_296)
        if modulo < 0 { modulo += 4_294_967_296 }
        return UInt32(modulo)
    }

    /// JavaScript `ToInt32` (ES5 §9.5).
    var jsInt32: Int32 { Int32(bitPattern: jsUInt32) }

    /// The ECMAScript `StrWhiteSpaceChar` set (white space and line terminators, ES5 §7.2 and §7.3).
    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// `String.prototype.trim`: removes ``isWhiteSpace(_:)`` characters at both ends.
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhiteSpace($0) }),
            let last = scalars.lastIndex(where: { !isWhiteSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// JavaScript `ToNumber` applied to a string (ES5 §9.3.1): decimal literals with optional sign and exponent,
    /// `0x` hexadecimal, `Infinity`; surrounding white space is ignored, the empty string is 0, anything else `NaN`.
    static func number(parsing text: String) -> Double {
        let trimmed = trim(text)
        if trimmed.isEmpty { return 0 }
        let scalars = Array(trimmed.unicodeScalars)
        if scalars.count > 2, scalars[0] == "0", scalars[1] == "x" || scalars[1] == "X" {
            var value = 0.0
            for scalar in scalars[2...] {
                guard let digit = hexDigitValue(scalar) else { return .nan }
                value = value * 16 + Double(digit)
            }
            return value
        }
        var index = 0
        var sign = 1.0
        if scalars[0] == "+" || scalars[0] == "-" {
            sign = scalars[0] == "-" ? -1 : 1
            index = 1
        }
        let body = scalars[index...]
        if body.elementsEqual("Infinity".unicodeScalars) { return sign * .infinity }
        guard isDecimalLiteral(body) else { return .nan }
        return Double(trimmed) ?? .nan
    }

    /// The value of a hexadecimal digit, or `nil`.
    static func hexDigitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "0"..."9": return Int(scalar.value - 48)
        case "a"..."f": return Int(scalar.value - 87)
        case "A"..."F": return Int(scalar.value - 55)
        default: return nil
        }
    }

    /// `StrUnsignedDecimalLiteral` without `Infinity`: `digits [. digits] [e[+-]digits]` or `. digits [...]`.
    private static func isDecimalLiteral(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        var index = scalars.startIndex
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        var mantissaDigits = 0
        while index < scalars.endIndex, isDigit(scalars[index]) {
            index += 1
            mantissaDigits += 1
        }
        if index < scalars.endIndex, scalars[index] == "." {
            index += 1
            while index < scalars.endIndex, isDigit(scalars[index]) {
                index += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else { return false }
        if index < scalars.endIndex, scalars[index] == "e" || scalars[index] == "E" {
            index += 1
            if index < scalars.endIndex, scalars[index] == "+" || scalars[index] == "-" { index += 1 }
            var exponentDigits = 0
            while index < scalars.endIndex, isDigit(scalars[index]) {
                index += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return false }
        }
        return index == scalars.endIndex
    }

    /// JavaScript `Number.prototype.toString()` for radix 10 (ES5 §9.8.1): the shortest digits that round-trip,
    /// integers without a fraction, plain notation from 1e-6 up to 1e21 and exponent notation (`1e+21`,
    /// `1.5e-7`) outside, `NaN`, `Infinity`, `-Infinity`, and `0` for negative zero.
    static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number == 0 { return "0" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number < 0 { return "-" + format(-number) }
        if number < 1e21, number.rounded() == number, number < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        // Swift's `description` gives the shortest round-tripping digits; re-lay them out as ES5 §9.8.1 says.
        let (digits, exponent) = shortestDigits(number)
        let digitCount = digits.count
        if digitCount <= exponent, exponent <= 21 {
            return digits + String(repeating: "0", count: exponent - digitCount)
        }
        if 0 < exponent, exponent <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: exponent)
            return digits[..<split] + "." + digits[split...]
        }
        if -6 < exponent, exponent <= 0 {
            return "0." + String(repeating: "0", count: -exponent) + digits
        }
        let exponentText = exponent - 1 >= 0 ? "+\(exponent - 1)" : "\(exponent - 1)"
        if digitCount == 1 { return digits + "e" + exponentText }
        return digits.prefix(1) + "." + digits.dropFirst() + "e" + exponentText
    }

    /// The significant digits `s` (no leading or trailing zeros) and exponent `n` with `number = 0.s × 10^n`.
    private static func shortestDigits(_ number: Double) -> (digits: String, exponent: Int) {
        let text = number.description
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart = Substring("")
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(integerPart) + fractionPart
        var pointPosition = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, pointPosition)
    }
}
