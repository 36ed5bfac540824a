/// The first syntax error in a JSON text, with its 1-based line and column (RFC 8259 grammar).
///
/// Columns count Unicode scalars from the start of the line, so they match what an editor shows for UTF-8 text.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the offending character (lines end at `\n`).
    public var line: Int
    /// 1-based column of the offending character (Unicode scalars).
    public var column: Int
    /// What was expected or found, e.g. `expected ',' or '}' after an object member`.
    public var message: String

    /// Creates an error at `line`:`column`.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `invalid JSON at line 2, column 7: <message>`.
    public var description: String {
        "invalid JSON at line \(line), column \(column): \(message)"
    }
}
