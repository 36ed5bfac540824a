/// Why one line (or one item of a line) of check output could not be turned into metric points.
///
/// Thrown by every `parseLine` in PharosMetrics; `parse(_:)` turns it into a ``MetricDiagnostic`` by adding the
/// line number.
public struct MetricParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based column (in characters) within the line where the problem starts.
    public var column: Int
    /// What is wrong, safe to show a user (names the offending field or item).
    public var message: String

    /// Creates an error at a 1-based `column`.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// `column C: message`.
    public var description: String { "column \(column): \(message)" }

    /// The diagnostic for this error on the 1-based line `line`.
    public func diagnostic(line: Int) -> MetricDiagnostic {
        MetricDiagnostic(line: line, column: column, message: message)
    }
}
