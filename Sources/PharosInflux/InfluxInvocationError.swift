/// Why a handler command line cannot run in the backend's built-in InfluxDB sink.
public struct InfluxInvocationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the command line.
    public enum Reason: Sendable, Hashable {
        /// The command is empty.
        case empty
        /// The program is not `pharos-influxdb-handler` (its name as written).
        case notTheInfluxHandler(String)
        /// The command uses shell syntax the sink cannot reproduce (which character, where, why).
        case shellSyntax(String)
        /// The flags do not parse or validate: the parser's message.
        case invalidFlags(String)
    }

    /// What is wrong.
    public var reason: Reason

    /// Creates an error for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// A message for the operator, naming the program, the flag or the character at fault.
    public var description: String {
        switch reason {
        case .empty:
            return "the command is empty; a built-in handler's command must be pharos-influxdb-handler with its flags"
        case .notTheInfluxHandler(let program):
            return
                "\"\(program)\" cannot run built in: only pharos-influxdb-handler can (remove the pharos.io/builtin "
                + "annotation to run it as a pipe process)"
        case .shellSyntax(let detail):
            return "the command line cannot run built in: \(detail)"
        case .invalidFlags(let message):
            return "pharos-influxdb-handler flags: \(message)"
        }
    }
}
