/// A position in one line-protocol line, with the escape-aware readers the line protocol needs.
struct InfluxCursor {
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

    mutating func skipSpaces() {
        while current == " " { advance() }
    }

    /// Reads up to the first unescaped character of `stops`, unescaping `\x` for `x` in `escapable`; any other
    /// backslash is kept literally.
    mutating func readName(stoppingAt stops: Set<Character>, escapable: Set<Character>) -> String {
        var name = ""
        while let character = current, !stops.contains(character) {
            advance()
            if character == "\\", let next = current, escapable.contains(next) {
                name.append(next)
                advance()
            } else {
                name.append(character)
            }
        }
        return name
    }

    /// An error at `position` (1-based column).
    func error(at position: Substring.Index, _ message: String) -> MetricParseError {
        MetricParseError(column: OutputLines.column(of: position, in: text), message: message)
    }
}
