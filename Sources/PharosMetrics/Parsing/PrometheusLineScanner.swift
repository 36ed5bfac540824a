/// Scans the pieces of one Prometheus text-format line (exposition format 0.0.4).
struct PrometheusLineScanner {
    /// The whole line.
    let text: Substring
    /// The next character to read.
    var index: Substring.Index

    init(_ text: Substring) {
        self.text = text
        self.index = text.startIndex
    }

    var isAtEnd: Bool { index == text.endIndex }

    /// The character at the cursor, `nil` at the end.
    var current: Character? { isAtEnd ? nil : text[index] }

    mutating func advance() {
        if !isAtEnd { index = text.index(after: index) }
    }

    /// Skips spaces and tabs.
    mutating func skipBlanks() {
        while let character = current, OutputLines.isBlank(character) { advance() }
    }

    /// Reads a run of non-blank characters.
    mutating func readToken() -> Substring {
        let start = index
        while let character = current, !OutputLines.isBlank(character) { advance() }
        return text[start..<index]
    }

    /// Reads a metric name `[a-zA-Z_:][a-zA-Z0-9_:]*` (or a label name, without `:`).
    mutating func readName(allowingColon: Bool) throws(MetricParseError) -> String {
        let start = index
        while let character = current,
            character.isASCIILetter || character == "_" || (allowingColon && character == ":")
                || (index > start && character.isASCIIDigit)
        {
            advance()
        }
        guard index > start else {
            throw error(
                at: start,
                allowingColon
                    ? "expected a metric name [a-zA-Z_:][a-zA-Z0-9_:]*" : "expected a label name [a-zA-Z_][a-zA-Z0-9_]*"
            )
        }
        return String(text[start..<index])
    }

    /// Reads a quoted string (cursor on the opening `"`), unescaping `\\`, `\"` and `\n`: a label value, or a
    /// quoted UTF-8 metric or label name. `subject` names it in errors (`label 'path'`, `metric name`).
    mutating func readQuotedValue(of subject: String) throws(MetricParseError) -> String {
        let start = index
        advance()
        var value = ""
        while let character = current {
            advance()
            switch character {
            case "\"":
                return value
            case "\\":
                switch current {
                case "\\": value.append("\\")
                case "\"": value.append("\"")
                case "n": value.append("\n")
                default:
                    throw error(at: text.index(before: index), "invalid escape in the value of \(subject)")
                }
                advance()
            default:
                value.append(character)
            }
        }
        throw error(at: start, "unterminated value for \(subject)")
    }

    /// Unescapes HELP text: `\\` and `\n`; another backslash is an error.
    static func unescapeHelp(_ text: Substring, scanner: PrometheusLineScanner) throws(MetricParseError) -> String {
        var help = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            guard character == "\\" else {
                help.append(character)
                continue
            }
            guard index < text.endIndex, text[index] == "\\" || text[index] == "n" else {
                throw scanner.error(at: text.index(before: index), "invalid escape in HELP text")
            }
            help.append(text[index] == "n" ? "\n" : "\\")
            index = text.index(after: index)
        }
        return help
    }

    /// An error at `position` (1-based column).
    func error(at position: Substring.Index, _ message: String) -> MetricParseError {
        MetricParseError(column: OutputLines.column(of: position, in: text), message: message)
    }
}
