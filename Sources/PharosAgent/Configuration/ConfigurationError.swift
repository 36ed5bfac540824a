/// A bad agent setting. `description` is one line naming the flag (and the environment variable it came from,
/// when it did) and the offending value.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The one-line message.
    public var description: String

    /// Creates an error with a user-readable one-line message.
    public init(_ description: String) {
        self.description = description
    }
}
