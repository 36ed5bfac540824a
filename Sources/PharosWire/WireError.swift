/// An error decoding or encoding an agent⇄backend frame. `description` is safe to show a user or log.
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, naming the frame part (type line or payload field).
    public var description: String

    /// Creates an error with a user-readable message.
    public init(_ description: String) {
        self.description = description
    }
}
