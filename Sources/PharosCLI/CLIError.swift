/// A pharosctl failure that is not an API answer: a bad configuration file, unreadable input, or no
/// configuration yet. `description` is one line naming the file or setting and what is wrong.
public struct CLIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line a user can read.
    public var description: String

    /// Creates an error with a readable description.
    public init(_ description: String) {
        self.description = description
    }
}
