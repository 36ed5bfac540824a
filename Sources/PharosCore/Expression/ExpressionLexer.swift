/// Splits filter-expression source into ``ExpressionToken``s (ECMAScript 5 lexical grammar, ES5 §7).
///
/// A `/` starts a regular-expression literal where an operand is expected (at the start, after an operator,
/// `(`, `[`, `,`, `?`, `:` or an operator keyword such as `typeof`), and is division elsewhere.
struct ExpressionLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var previous: ExpressionToken.Kind?

    /// Punctuators by their first character, longest first so that the first match is the longest one.
    private static let punctuators: [Unicode.Scalar: [[Unicode.Scalar]]] = {
        let all = [
            ">>>=", "===", "!==", ">>>", "<<=", ">>=", "**=", "...", "==", "!=", "<=", ">=", "&&", "||", "++", "--",
            "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "=>", "**", "{", "}", "(", ")", "[", "]", ".",
            ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "!", "~", "?", ":", "=",
        ]
        var table: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for punctuator in all {
            let scalars = Array(punctuator.unicodeScalars)
            table[scalars[0], default: []].append(scalars)
        }
        return table.mapValues { $0.sorted { $0.count > $1.count } }
    }()

    /// Reserved words after which an operand (and so a regular expression) is expected.
    private static let operatorKeywords: Set<String> = [
        "typeof", "void", "delete", "in", "instanceof", "new", "return", "throw", "case", "do", "else",
    ]

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// The next token; `.end` once the source is exhausted (and on every call after that).
    /// - Throws: a parse ``ExpressionError`` for an unterminated literal, a bad escape or number, or a stray character.
    mutating func next() throws(ExpressionError) -> ExpressionToken {
        let token = try nextToken()
        previous = token.kind
        return token
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(_ distance: Int) -> Unicode.Scalar? {
        index + distance < scalars.count ? scalars[index + distance] : nil
    }

    private var regExpAllowed: Bool {
        guard let previous else { return true }
        switch previous {
        case .number, .string, .regExp, .end: return false
        case .identifier(let name): return Self.operatorKeywords.contains(name)
        case .punctuator(let text): return text != ")" && text != "]" && text != "}"
        }
    }

    private mutating func nextToken() throws(ExpressionError) -> ExpressionToken {
        try skipWhiteSpaceAndComments()
        let start = index
        guard let scalar = current else { return ExpressionToken(kind: .end, offset: start) }
        if Self.isIdentifierStart(scalar) {
            return ExpressionToken(kind: .identifier(readIdentifier()), offset: start)
        }
        if ("0"..."9").contains(scalar) || (scalar == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            return ExpressionToken(kind: .number(try readNumber()), offset: start)
        }
        if scalar == "\"" || scalar == "'" {
            return ExpressionToken(kind: .string(try readString(quote: scalar)), offset: start)
        }
        if scalar == "/", regExpAllowed {
            let (pattern, flags) = try readRegExp()
            return ExpressionToken(kind: .regExp(pattern: pattern, flags: flags), offset: start)
        }
        for punctuator in Self.punctuators[scalar] ?? [] where matches(punctuator) {
            index += punctuator.count
            var text = ""
            text.unicodeScalars.append(contentsOf: punctuator)
            return ExpressionToken(kind: .punctuator(text), offset: start)
        }
        throw .parse("unexpected character '\(scalar.escaped(asASCII: false))'", offset: start)
    }

    private func matches(_ punctuator: [Unicode.Scalar]) -> Bool {
        guard index + punctuator.count <= scalars.count else { return false }
        return scalars[index..<(index + punctuator.count)].elementsEqual(punctuator)
    }

    private static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private mutating func skipWhiteSpaceAndComments() throws(ExpressionError) {
        while let scalar = current {
            if JSValue.isWhiteSpace(scalar) {
                index += 1
            } else if scalar == "/", peek(1) == "/" {
                while let next = current, !Self.isLineTerminator(next) { index += 1 }
            } else if scalar == "/", peek(1) == "*" {
                let start = index
                index += 2
                while current != nil, !(current == "*" && peek(1) == "/") { index += 1 }
                guard current != nil else { throw .parse("unterminated comment", offset: start) }
                index += 2
            } else {
                return
            }
        }
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "$" || scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || (scalar.value > 0x7F && scalar.properties.isAlphabetic)
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar)
            || (scalar.value > 0x7F
                && (scalar.properties.numericType != nil || scalar == "\u{200C}"
                    || scalar == "\u{200D}"))
    }

    private mutating func readIdentifier() -> String {
        var name = ""
        while let scalar = current, Self.isIdentifierPart(scalar) {
            name.unicodeScalars.append(scalar)
            index += 1
        }
        return name
    }

    private mutating func readDigits(where isDigit: (Unicode.Scalar) -> Bool) -> String {
        var digits = ""
        while let scalar = current, isDigit(scalar) {
            digits.unicodeScalars.append(scalar)
            index += 1
        }
        return digits
    }

    private mutating func readNumber() throws(ExpressionError) -> Double {
        let start = index
        let isDecimal: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        var value: Double
        if current == "0", peek(1) == "x" || peek(1) == "X" {
            index += 2
            let digits = readDigits { JSValue.hexDigitValue($0) != nil }
            guard !digits.isEmpty else { throw .parse("missing hexadecimal digits", offset: index) }
            value = JSValue.number(parsing: "0x" + digits)
        } else if current == "0", let next = peek(1), isDecimal(next) {
            let digits = readDigits(where: isDecimal)
            if digits.unicodeScalars.allSatisfy({ $0.value < 0x38 }) {
                value = digits.unicodeScalars.reduce(0.0) { $0 * 8 + Double($1.value - 48) }
            } else {
                value = Double(digits) ?? .nan
            }
        } else {
            var literal = readDigits(where: isDecimal)
            if literal.isEmpty { literal = "0" }
            if current == "." {
                index += 1
                let fraction = readDigits(where: isDecimal)
                literal += "." + (fraction.isEmpty ? "0" : fraction)
            }
            if current == "e" || current == "E" {
                index += 1
                var exponent = "e"
                if current == "+" || current == "-" {
                    exponent.unicodeScalars.append(current ?? "+")
                    index += 1
                }
                let digits = readDigits(where: isDecimal)
                guard !digits.isEmpty else { throw .parse("missing exponent digits", offset: index) }
                literal += exponent + digits
            }
            value = Double(literal) ?? .nan
        }
        if let scalar = current, Self.isIdentifierStart(scalar) || isDecimal(scalar) {
            throw .parse("identifier starts immediately after number", offset: index)
        }
        precondition(index > start, "a number literal consumes at least one character")
        return value
    }

    private mutating func readString(quote: Unicode.Scalar) throws(ExpressionError) -> String {
        let start = index
        index += 1
        var text = ""
        while true {
            guard let scalar = current, !Self.isLineTerminator(scalar) else {
                throw .parse("unterminated string literal", offset: start)
            }
            index += 1
            if scalar == quote { return text }
            guard scalar == "\\" else {
                text.unicodeScalars.append(scalar)
                continue
            }
            let escapeStart = index - 1
            guard let escaped = current else { throw .parse("unterminated string literal", offset: start) }
            index += 1
            switch escaped {
            case "n": text += "\n"
            case "t": text += "\t"
            case "r": text += "\r"
            case "b": text += "\u{8}"
            case "f": text += "\u{C}"
            case "v": text += "\u{B}"
            case "0" where !(current.map { ("0"..."9").contains($0) } ?? false): text += "\u{0}"
            case "x":
                text.unicodeScalars.append(try readHexEscape(digits: 2, escapeStart: escapeStart))
            case "u":
                text.unicodeScalars.append(try readHexEscape(digits: 4, escapeStart: escapeStart))
            case "\r":
                if current == "\n" { index += 1 }
            case "\n", "\u{2028}", "\u{2029}":
                break
            case "1"..."9", "0":
                throw .parse("octal escape sequences are not supported", offset: escapeStart)
            default:
                text.unicodeScalars.append(escaped)
            }
        }
    }

    private mutating func readHexEscape(digits count: Int, escapeStart: Int) throws(ExpressionError) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let scalar = current, let digit = JSValue.hexDigitValue(scalar) else {
                throw .parse("invalid escape sequence", offset: escapeStart)
            }
            value = value * 16 + UInt32(digit)
            index += 1
        }
        // A lone UTF-16 surrogate has no Unicode scalar; it becomes U+FFFD as in a UTF-16 → UTF-8 conversion.
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    private mutating func readRegExp() throws(ExpressionError) -> (pattern: String, flags: String) {
        let start = index
        index += 1
        var pattern = ""
        var inClass = false
        while true {
            guard let scalar = current, !Self.isLineTerminator(scalar) else {
                throw .parse("unterminated regular expression", offset: start)
            }
            index += 1
            if scalar == "/", !inClass { break }
            pattern.unicodeScalars.append(scalar)
            if scalar == "\\" {
                guard let escaped = current, !Self.isLineTerminator(escaped) else {
                    throw .parse("unterminated regular expression", offset: start)
                }
                pattern.unicodeScalars.append(escaped)
                index += 1
            } else if scalar == "[" {
                inClass = true
            } else if scalar == "]" {
                inClass = false
            }
        }
        return (pattern, readIdentifier())
    }
}
