/// A resource that breaks one of Sensu's validation rules. `field` is the dotted path of the offending field
/// relative to the resource (`interval`, `metadata.name`, `check_hooks[0].critical`), `message` says what is wrong.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Dotted path of the offending field, relative to the resource.
    public var field: String
    /// What is wrong, readable by a user, e.g. `must be greater than 0`.
    public var message: String

    /// Creates a validation error.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`, or just `message` when no single field is at fault.
    public var description: String { field.isEmpty ? message : "\(field): \(message)" }

    /// This error with `prefix` prepended to its field path (`check` + `interval` → `check.interval`).
    public func prefixed(_ prefix: String) -> ValidationError {
        ValidationError(field: field.isEmpty ? prefix : "\(prefix).\(field)", message: message)
    }
}
