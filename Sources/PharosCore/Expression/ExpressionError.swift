/// An error from compiling or evaluating a ``FilterExpression``.
///
/// Parse errors carry the 1-based column of the offending character (counted in Unicode scalars from the
/// start of the source, line breaks included). Evaluation errors carry the column of the expression that failed
/// when it is known, and their message starts with the JavaScript error name (`TypeError`, `ReferenceError`,
/// `SyntaxError`, `RangeError`) that an ECMAScript 5 engine would throw.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the expression could not be compiled or failed while running.
    public enum Kind: String, Sendable, Hashable {
        /// The source is not a valid expression of the supported subset (raised by ``FilterExpression/init(_:)``).
        case parse
        /// The expression compiled but raised a JavaScript error while evaluating.
        case evaluation
    }

    /// Whether this is a parse or an evaluation error.
    public let kind: Kind
    /// 1-based column (Unicode scalars) of the token or sub-expression at fault, or `nil` when unknown.
    public let column: Int?
    /// The reason, without the column prefix (for example `unexpected token '{'`).
    public let message: String

    /// Creates an error.
    /// - Parameters:
    ///   - kind: parse or evaluation.
    ///   - column: 1-based column in Unicode scalars, or `nil`.
    ///   - message: the reason, readable by a user.
    public init(kind: Kind, column: Int?, message: String) {
        self.kind = kind
        self.column = column
        self.message = message
    }

    /// `column 14: unexpected token '{'`, or just the message when the column is unknown.
    public var description: String {
        if let column { return "column \(column): \(message)" }
        return message
    }

    static func parse(_ message: String, offset: Int) -> ExpressionError {
        ExpressionError(kind: .parse, column: offset + 1, message: message)
    }

    static func typeError(_ message: String, column: Int?) -> ExpressionError {
        ExpressionError(kind: .evaluation, column: column, message: "TypeError: \(message)")
    }

    static func referenceError(_ message: String, column: Int?) -> ExpressionError {
        ExpressionError(kind: .evaluation, column: column, message: "ReferenceError: \(message)")
    }

    static func syntaxError(_ message: String, column: Int?) -> ExpressionError {
        ExpressionError(kind: .evaluation, column: column, message: "SyntaxError: \(message)")
    }

    static func rangeError(_ message: String, column: Int?) -> ExpressionError {
        ExpressionError(kind: .evaluation, column: column, message: "RangeError: \(message)")
    }
}
