/// Why a label or field selector was refused; `description` names the problem and where it is.
public struct SelectorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which query parameter held the selector (`labelSelector` or `fieldSelector`), or empty.
    public var parameter: String
    /// What is wrong, e.g. `unknown field "check.colour"` or `expected a value after "==" at character 12`.
    public var message: String

    /// Creates a selector error.
    public init(parameter: String = "", _ message: String) {
        self.parameter = parameter
        self.message = message
    }

    /// `<parameter>: <message>`, or the message alone.
    public var description: String { parameter.isEmpty ? message : "\(parameter): \(message)" }
}
