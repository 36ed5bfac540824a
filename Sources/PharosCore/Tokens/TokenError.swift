/// Why token substitution failed: an unmatched token, a malformed template, or an evaluation error.
///
/// `description` is one line a user can act on, e.g. `unmatched token: {{ .labels.disk_warning }}` or
/// `template line 1, column 14: function "upper" is not defined`; inside `TokenSubstitution.substitute(in:data:)`
/// it is prefixed with the JSON path of the string, e.g. `command: unmatched token: {{ .labels.x }}`.
public struct TokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: Sendable, Hashable {
        /// A token evaluated to a missing key or `null` (Go prints `<no value>`); the check must not run.
        case unmatchedToken
        /// The template is malformed (unclosed action, bad string literal, unknown function, unsupported syntax).
        case syntax
        /// A well-formed action failed while running (wrong argument count, indexing a string, …).
        case evaluation
    }

    /// The class of failure.
    public let kind: Kind
    /// The message without position or path.
    public let message: String
    /// 1-based line of the offending token in the template.
    public let line: Int
    /// 1-based column (in Unicode scalars) of the offending token.
    public let column: Int
    /// Where the string was in the value passed to `substitute(in:data:)` (`command`, `env_vars[1]`); empty
    /// for `render(_:data:)`.
    public let path: String

    init(_ kind: Kind, _ message: String, line: Int, column: Int, path: String = "") {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
        self.path = path
    }

    /// The same error located at `path` inside a JSON value.
    func at(path: String) -> TokenError {
        TokenError(kind, message, line: line, column: column, path: path)
    }

    public var description: String {
        let located = kind == .unmatchedToken ? message : "template line \(line), column \(column): \(message)"
        return path.isEmpty ? located : "\(path): \(located)"
    }
}
