import Foundation

extension HookConfig {
    /// Validates the hook definition (reference §1.7): name, a non-empty command and a timeout above 0.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        if command.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(field: "command", message: "must not be empty")
        }
        if timeout == 0 { throw ValidationError(field: "timeout", message: "must be greater than 0") }
    }
}
