/// Parses the subset of Go `text/template` that Sensu token substitution uses (reference §5.2):
/// text, `{{ pipeline }}` actions, `{{-`/`-}}` trim markers, `{{/* comments */}}`, fields (`.a.b`, `.`),
/// string literals (`"…"` with Go escapes, `` `raw` ``), numbers, `true`/`false`/`nil`, `|` pipes, parentheses,
/// and the functions `default`, `assetPath` and `index`. Control actions (`if`, `range`, …) and variables
/// are rejected with a position.
struct TemplateParser {
    /// The functions a template may call.
    static let functions: Set<String> = ["default", "assetPath", "index"]

    private static let keywords: Set<String> = [
        "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
    ]

    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ template: String) {
        scalars = Array(template.unicodeScalars)
    }

    /// A lexical token inside an action.
    private enum Token {
        case field([String])
        case identifier(String)
        case string(String)
        case number(Double)
        case pipe
        case leftParen
        case rightParen
    }

    /// Parses the whole template.
    mutating func parse() throws(TokenError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var text = String.UnicodeScalarView()
        var trimLeadingSpace = false
        while index < scalars.count {
            guard startsWith("{{") else {
                if trimLeadingSpace && Self.isSpace(scalars[index]) {
                    index += 1
                    continue
                }
                trimLeadingSpace = false
                text.append(scalars[index])
                index += 1
                continue
            }
            trimLeadingSpace = false
            let actionStart = index
            index += 2
            if startsWith("-"), index + 1 < scalars.count, Self.isSpace(scalars[index + 1]) {
                while let last = text.last, Self.isSpace(last) { text.removeLast() }
                index += 2
            }
            if !text.isEmpty {
                nodes.append(.text(String(text)))
                text = String.UnicodeScalarView()
            }
            if startsWith("/*") {
                trimLeadingSpace = try skipComment(from: actionStart)
                continue
            }
            let (tokens, trimAfter) = try lexAction(from: actionStart)
            var cursor = 0
            let pipeline = try parsePipeline(tokens, &cursor, closing: nil)
            if cursor < tokens.count {
                throw syntaxError(
                    "unexpected \(Self.describe(tokens[cursor].token)) in action", at: tokens[cursor].index)
            }
            let source = String(String.UnicodeScalarView(scalars[actionStart..<index]))
            nodes.append(.action(pipeline, source: source, position: position(of: actionStart)))
            trimLeadingSpace = trimAfter
        }
        if !text.isEmpty { nodes.append(.text(String(text))) }
        return nodes
    }

    // MARK: - Lexing

    /// Skips `/* … */` and the closing delimiter; returns whether a right trim marker was present.
    private mutating func skipComment(from actionStart: Int) throws(TokenError) -> Bool {
        index += 2
        while index < scalars.count && !startsWith("*/") { index += 1 }
        guard index < scalars.count else { throw syntaxError("unclosed comment", at: actionStart) }
        index += 2
        if index < scalars.count, Self.isSpace(scalars[index]), startsWith("-}}", offset: 1) {
            index += 4
            return true
        }
        guard startsWith("}}") else { throw syntaxError("comment ends before closing delimiter", at: index) }
        index += 2
        return false
    }

    /// Reads the tokens of one action up to and including `}}`; returns them and whether ` -}}` closed it.
    private mutating func lexAction(from actionStart: Int) throws(TokenError) -> ([(token: Token, index: Int)], Bool) {
        var tokens: [(token: Token, index: Int)] = []
        while true {
            guard index < scalars.count else { throw syntaxError("unclosed action", at: actionStart) }
            let scalar = scalars[index]
            if Self.isSpace(scalar) {
                if startsWith("-}}", offset: 1) {
                    index += 4
                    return (tokens, true)
                }
                index += 1
                continue
            }
            if startsWith("}}") {
                index += 2
                return (tokens, false)
            }
            let start = index
            switch scalar {
            case "|":
                index += 1
                tokens.append((.pipe, start))
            case "(":
                index += 1
                tokens.append((.leftParen, start))
            case ")":
                index += 1
                tokens.append((.rightParen, start))
            case "\"":
                tokens.append((.string(try lexQuotedString()), start))
            case "`":
                tokens.append((.string(try lexRawString()), start))
            case ".":
                if index + 1 < scalars.count, Self.isDigit(scalars[index + 1]) {
                    tokens.append((.number(try lexNumber()), start))
                } else {
                    tokens.append((.field(try lexField()), start))
                }
            case "-", "+":
                guard index + 1 < scalars.count, Self.isDigit(scalars[index + 1]) || scalars[index + 1] == "." else {
                    throw syntaxError("unexpected \"\(scalar)\" in action", at: start)
                }
                tokens.append((.number(try lexNumber()), start))
            case "$":
                throw syntaxError("template variables are not supported", at: start)
            default:
                if Self.isDigit(scalar) {
                    tokens.append((.number(try lexNumber()), start))
                } else if Self.isIdentifierStart(scalar) {
                    let name = lexIdentifier()
                    if Self.keywords.contains(name) {
                        throw syntaxError("\"\(name)\" actions are not supported", at: start)
                    }
                    tokens.append((.identifier(name), start))
                } else {
                    throw syntaxError("unexpected \"\(scalar)\" in action", at: start)
                }
            }
        }
    }

    /// `.a.b.c`, or `.` alone.
    ///
    /// A key with a dash (`.labels.memory-warning`) is not a field name in Go templates (Go reports "unexpected
    /// '-'"); it is rejected with the `index` form that does reach it.
    private mutating func lexField() throws(TokenError) -> [String] {
        let start = index
        var path: [String] = []
        while index < scalars.count, scalars[index] == "." {
            let dot = index
            index += 1
            guard index < scalars.count, Self.isIdentifierStart(scalars[index]) else {
                if path.isEmpty { return [] }
                throw syntaxError("bad field name after \".\"", at: dot)
            }
            path.append(lexIdentifier())
        }
        if index + 1 < scalars.count, scalars[index] == "-",
            Self.isIdentifierStart(scalars[index + 1]) || Self.isDigit(scalars[index + 1]), let last = path.popLast()
        {
            var key = String.UnicodeScalarView(last.unicodeScalars)
            while index < scalars.count,
                scalars[index] == "-" || Self.isIdentifierStart(scalars[index]) || Self.isDigit(scalars[index])
            {
                key.append(scalars[index])
                index += 1
            }
            let container = path.isEmpty ? "." : path.map { "." + $0 }.joined()
            throw syntaxError(
                "unexpected \"-\" in field name \"\(String(key))\": a key with a dash is reached with "
                    + "{{ index \(container) \"\(String(key))\" }}",
                at: start
            )
        }
        return path
    }

    private mutating func lexIdentifier() -> String {
        var name = String.UnicodeScalarView()
        while index < scalars.count, Self.isIdentifierStart(scalars[index]) || Self.isDigit(scalars[index]) {
            name.append(scalars[index])
            index += 1
        }
        return String(name)
    }

    /// A decimal number: `80`, `-1.5`, `2e3`, `.5`.
    private mutating func lexNumber() throws(TokenError) -> Double {
        let start = index
        var text = ""
        while index < scalars.count {
            let scalar = scalars[index]
            let isExponentSign =
                (scalar == "+" || scalar == "-") && (text.last == "e" || text.last == "E" || text.isEmpty)
            guard Self.isIdentifierStart(scalar) || Self.isDigit(scalar) || scalar == "." || isExponentSign else {
                break
            }
            text.unicodeScalars.append(scalar)
            index += 1
        }
        let isDecimal = text.unicodeScalars.allSatisfy {
            Self.isDigit($0) || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-"
        }
        guard isDecimal, let value = Double(text), value.isFinite else {
            throw syntaxError("bad number syntax: \"\(text)\"", at: start)
        }
        return value
    }

    /// A raw string: everything up to the next backquote.
    private mutating func lexRawString() throws(TokenError) -> String {
        let start = index
        index += 1
        var text = String.UnicodeScalarView()
        while index < scalars.count, scalars[index] != "`" {
            text.append(scalars[index])
            index += 1
        }
        guard index < scalars.count else { throw syntaxError("unterminated raw quoted string", at: start) }
        index += 1
        return String(text)
    }

    /// A double-quoted string with Go escapes (`\n`, `\t`, `\"`, `\\`, `\x41`, `\101`, `\u00e9`, `\U0001F600`, …).
    private mutating func lexQuotedString() throws(TokenError) -> String {
        let start = index
        index += 1
        var bytes: [UInt8] = []
        func appendScalar(_ scalar: Unicode.Scalar) { bytes.append(contentsOf: Array(String(scalar).utf8)) }
        while true {
            guard index < scalars.count, scalars[index] != "\n" else {
                throw syntaxError("unterminated quoted string", at: start)
            }
            let scalar = scalars[index]
            index += 1
            if scalar == "\"" { break }
            guard scalar == "\\" else {
                appendScalar(scalar)
                continue
            }
            guard index < scalars.count else { throw syntaxError("unterminated quoted string", at: start) }
            let escapeStart = index - 1
            let escape = scalars[index]
            index += 1
            switch escape {
            case "a": bytes.append(0x07)
            case "b": bytes.append(0x08)
            case "f": bytes.append(0x0c)
            case "n": bytes.append(0x0a)
            case "r": bytes.append(0x0d)
            case "t": bytes.append(0x09)
            case "v": bytes.append(0x0b)
            case "\\": bytes.append(0x5c)
            case "\"": bytes.append(0x22)
            case "x":
                bytes.append(UInt8(try hexValue(digits: 2, escapeStart: escapeStart)))
            case "u", "U":
                let value = try hexValue(digits: escape == "u" ? 4 : 8, escapeStart: escapeStart)
                guard let decoded = Unicode.Scalar(value) else {
                    throw syntaxError("invalid Unicode code point in escape", at: escapeStart)
                }
                appendScalar(decoded)
            case "0"..."7":
                var value = UInt32(escape.value - 48)
                for _ in 0..<2 {
                    guard index < scalars.count, ("0"..."7").contains(scalars[index]) else {
                        throw syntaxError("invalid octal escape", at: escapeStart)
                    }
                    value = value * 8 + (scalars[index].value - 48)
                    index += 1
                }
                guard value <= 255 else { throw syntaxError("octal escape value > 255", at: escapeStart) }
                bytes.append(UInt8(value))
            default:
                throw syntaxError("unknown escape sequence \"\\\(escape)\"", at: escapeStart)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func hexValue(digits: Int, escapeStart: Int) throws(TokenError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard index < scalars.count, let digit = Self.hexDigit(scalars[index]) else {
                throw syntaxError("invalid hexadecimal escape", at: escapeStart)
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    // MARK: - Parsing

    /// `command ('|' command)*`, up to `)` (when `closing` is the index of the open parenthesis) or the end.
    private func parsePipeline(
        _ tokens: [(token: Token, index: Int)], _ cursor: inout Int, closing: Int?
    ) throws(TokenError) -> TemplateNode.Pipeline {
        var commands: [TemplateNode.Command] = []
        while true {
            let commandStart = cursor < tokens.count ? tokens[cursor].index : (closing ?? index - 2)
            var operands: [TemplateNode.Operand] = []
            loop: while cursor < tokens.count {
                let (token, tokenIndex) = tokens[cursor]
                switch token {
                case .pipe, .rightParen:
                    break loop
                case .leftParen:
                    cursor += 1
                    let inner = try parsePipeline(tokens, &cursor, closing: tokenIndex)
                    guard cursor < tokens.count, case .rightParen = tokens[cursor].token else {
                        throw syntaxError("unclosed left parenthesis", at: tokenIndex)
                    }
                    cursor += 1
                    operands.append(.pipeline(inner, position(of: tokenIndex)))
                case .field(let path):
                    cursor += 1
                    operands.append(.field(path, position(of: tokenIndex)))
                case .string(let value):
                    cursor += 1
                    operands.append(.string(value))
                case .number(let value):
                    cursor += 1
                    operands.append(.number(value))
                case .identifier(let name):
                    cursor += 1
                    switch name {
                    case "true": operands.append(.bool(true))
                    case "false": operands.append(.bool(false))
                    case "nil": operands.append(.null(position(of: tokenIndex)))
                    default:
                        guard Self.functions.contains(name) else {
                            throw syntaxError("function \"\(name)\" is not defined", at: tokenIndex)
                        }
                        operands.append(.function(name, position(of: tokenIndex)))
                    }
                }
            }
            guard !operands.isEmpty else { throw syntaxError("missing value for command", at: commandStart) }
            commands.append(TemplateNode.Command(operands: operands, position: position(of: commandStart)))
            guard cursor < tokens.count else {
                return TemplateNode.Pipeline(commands: commands)
            }
            switch tokens[cursor].token {
            case .pipe:
                cursor += 1
            case .rightParen:
                guard closing != nil else {
                    throw syntaxError("unexpected right parenthesis", at: tokens[cursor].index)
                }
                return TemplateNode.Pipeline(commands: commands)
            default:
                return TemplateNode.Pipeline(commands: commands)
            }
        }
    }

    // MARK: - Helpers

    private func startsWith(_ prefix: String, offset: Int = 0) -> Bool {
        var position = index + offset
        for scalar in prefix.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    private func position(of scalarIndex: Int) -> TemplateNode.Position {
        var line = 1
        var column = 1
        for scalar in scalars[..<min(scalarIndex, scalars.count)] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return TemplateNode.Position(line: line, column: column)
    }

    private func syntaxError(_ message: String, at scalarIndex: Int) -> TokenError {
        let position = position(of: scalarIndex)
        return TokenError(.syntax, message, line: position.line, column: position.column)
    }

    private static func describe(_ token: Token) -> String {
        switch token {
        case .pipe: "\"|\""
        case .leftParen: "\"(\""
        case .rightParen: "\")\""
        case .field(let path): "\".\(path.joined(separator: "."))\""
        case .identifier(let name): "\"\(name)\""
        case .string: "string"
        case .number: "number"
        }
    }

    /// Go's trim-marker white space: space, tab, carriage return, newline.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f": scalar.value - 87
        case "A"..."F": scalar.value - 55
        default: nil
        }
    }
}
