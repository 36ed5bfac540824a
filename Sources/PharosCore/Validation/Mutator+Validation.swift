import Foundation

extension Mutator {
    /// Validates the mutator (reference §1.10): name, and a `pipe` type (or empty) with a command.
    ///
    /// Pharos deliberately differs from Sensu Go here: `javascript` mutators are refused because Pharos has no
    /// JavaScript engine.
    /// - Throws: `ValidationError` naming the first invalid field.
    public func validate() throws(ValidationError) {
        try ResourceValidation.metadata(metadata)
        switch type {
        case "", "pipe":
            if command.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(field: "command", message: "must not be empty for a pipe mutator")
            }
        case "javascript":
            throw ValidationError(
                field: "type", message: "javascript mutators are not supported by Pharos; use a pipe mutator")
        default:
            throw ValidationError(field: "type", message: "\"\(type)\" is not a mutator type (pipe)")
        }
        try ResourceValidation.envVars(envVars)
    }
}
