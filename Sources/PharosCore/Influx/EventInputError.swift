/// Why a Sensu event read from stdin (by a pipe handler or pipe mutator) cannot be used.
public struct EventInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the input.
    public enum Reason: Sendable, Hashable {
        /// The input is empty or only whitespace.
        case empty
        /// The input is not valid JSON; the syntax error names the line and column.
        case invalidJSON(JSONSyntaxError)
        /// The input is valid JSON but not valid UTF-8 / not decodable for another reason (decoder message).
        case undecodable(String)
        /// The top-level value is not a JSON object.
        case notAnObject
        /// A field has the wrong JSON type, e.g. `metrics.points[1].value` is a string.
        case invalidField(path: String, expected: String)
    }

    /// What is wrong.
    public var reason: Reason

    /// Creates an error for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// One line a user can act on, e.g. `event: invalid JSON at line 3, column 9: expected ',' or '}' …`.
    public var description: String {
        switch reason {
        case .empty: return "event: no input on stdin (expected a Sensu event as JSON)"
        case .invalidJSON(let syntax): return "event: \(syntax)"
        case .undecodable(let message): return "event: cannot decode the JSON: \(message)"
        case .notAnObject: return "event: the JSON value must be an object (a Sensu event)"
        case .invalidField(let path, let expected): return "event: \(path) must be \(expected)"
        }
    }
}
