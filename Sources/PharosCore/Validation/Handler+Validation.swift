import Foundation

extension Handler {
    /// The handler types (reference §1.8).
    public static let types: Set<String> = ["pipe", "tcp", "udp", "set"]

    /// Validates the handler (reference §1.8): name, a known type and the fields that type needs (`pipe`: command;
    /// `tcp`/`udp`: socket host and port; `set`: handlers).
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        switch type {
        case "pipe":
            if command.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(field: "command", message: "must not be empty for a pipe handler")
            }
        case "tcp", "udp":
            guard let socket else {
                throw ValidationError(field: "socket", message: "must be set for a \(type) handler")
            }
            if socket.host.isEmpty { throw ValidationError(field: "socket.host", message: "must not be empty") }
            if socket.port == 0 || socket.port > 65535 {
                throw ValidationError(field: "socket.port", message: "must be between 1 and 65535")
            }
        case "set":
            if handlers.isEmpty {
                throw ValidationError(field: "handlers", message: "must list at least one handler for a set handler")
            }
        case "":
            throw ValidationError(field: "type", message: "must not be empty (pipe, tcp, udp or set)")
        default:
            throw ValidationError(field: "type", message: "\"\(type)\" is not one of pipe, tcp, udp, set")
        }
        try ResourceValidation.envVars(envVars)
    }
}
