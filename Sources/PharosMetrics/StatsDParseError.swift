/// Why one StatsD line was rejected, with the 1-based column of the offending field.
///
/// Columns count UTF-8 bytes from 1 (StatsD names and values are ASCII in practice).
public struct StatsDParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based column (UTF-8 byte offset + 1) where the offending field starts, or where a missing one was expected.
    public var column: Int
    /// What is wrong, safe to show a user.
    public var message: String

    /// - Parameters:
    ///   - column: 1-based column of the problem.
    ///   - message: What is wrong.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// `column C: message`.
    public var description: String { "column \(column): \(message)" }
}
