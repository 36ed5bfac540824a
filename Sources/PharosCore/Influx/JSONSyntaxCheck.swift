/// Finds the first syntax error in a JSON text, so that error messages can name a line and column
/// (Foundation's `JSONDecoder` on Linux only says "The given data was not valid JSON.").
///
/// Grammar: RFC 8259 (one value surrounded by optional whitespace; no trailing commas, comments, `NaN` or single
/// quotes). Nesting deeper than ``maximumDepth`` is reported as an error instead of recursing further.
public struct JSONSyntaxCheck: Sendable {
    /// Deepest nesting of arrays and objects accepted (levels).
    public static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Checks `bytes` (UTF-8) against the JSON grammar.
    /// - Parameter bytes: the complete JSON text.
    /// - Returns: the first syntax error, or `nil` when the text is one valid JSON value.
    public static func firstError(in bytes: some Collection<UInt8>) -> JSONSyntaxError? {
        var check = JSONSyntaxCheck(bytes: Array(bytes))
        do throws(JSONSyntaxError) {
            check.skipWhitespace()
            try check.value(depth: 0)
            check.skipWhitespace()
            if check.index < check.bytes.count { throw check.error("unexpected \(check.found) after the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private var found: String {
        guard let byte = current else { return "end of input" }
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: column, message: message)
    }

    /// Consumes one byte. `column` counts the scalars started on this line (UTF-8 continuation bytes do not count).
    private mutating func advance() {
        guard let byte = current else { return }
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    private mutating func expect(_ literal: String) throws(JSONSyntaxError) {
        for expected in literal.utf8 {
            guard current == expected else { throw error("expected '\(literal)', found \(found)") }
            advance()
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) {
        guard let byte = current else { throw error("expected a value, found end of input") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth + 1)
        case UInt8(ascii: "["): try array(depth: depth + 1)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try expect("true")
        case UInt8(ascii: "f"): try expect("false")
        case UInt8(ascii: "n"): try expect("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw error("expected a value, found \(found)")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        advance()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            return
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw error("expected a string member name, found \(found)") }
            try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after a member name, found \(found)") }
            advance()
            skipWhitespace()
            try value(depth: depth)
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                advance()
                skipWhitespace()
            } else if current == UInt8(ascii: "}") {
                advance()
                return
            } else {
                throw error("expected ',' or '}' after an object member, found \(found)")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        advance()
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            return
        }
        while true {
            try value(depth: depth)
            skipWhitespace()
            if current == UInt8(ascii: ",") {
                advance()
                skipWhitespace()
            } else if current == UInt8(ascii: "]") {
                advance()
                return
            } else {
                throw error("expected ',' or ']' after an array element, found \(found)")
            }
        }
    }

    private mutating func string() throws(JSONSyntaxError) {
        advance()
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return
            case UInt8(ascii: "\\"):
                advance()
                guard let escaped = current else { break }
                if escaped == UInt8(ascii: "u") {
                    advance()
                    for _ in 0..<4 {
                        guard let hex = current, Self.isHexDigit(hex) else {
                            throw error("expected 4 hex digits after \\u, found \(found)")
                        }
                        advance()
                    }
                } else if Array("\"\\/bfnrt".utf8).contains(escaped) {
                    advance()
                } else {
                    throw error("invalid escape in a string: a backslash followed by \(found)")
                }
            case 0x00..<0x20:
                throw error("unescaped control character (\(found)) in a string")
            default:
                advance()
            }
        }
        throw error("unterminated string")
    }

    private mutating func number() throws(JSONSyntaxError) {
        if current == UInt8(ascii: "-") { advance() }
        if current == UInt8(ascii: "0") {
            advance()
        } else {
            try digits(after: "a number's sign")
        }
        if current == UInt8(ascii: ".") {
            advance()
            try digits(after: "a decimal point")
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            try digits(after: "an exponent")
        }
    }

    private mutating func digits(after what: String) throws(JSONSyntaxError) {
        guard let first = current, Self.isDigit(first) else {
            throw error("expected a digit after \(what), found \(found)")
        }
        while let byte = current, Self.isDigit(byte) { advance() }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
