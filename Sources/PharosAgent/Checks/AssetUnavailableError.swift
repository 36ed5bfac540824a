/// A runtime asset could not be provided; `description` names the asset, its URL and the reason.
public struct AssetUnavailableError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The one-line message.
    public var description: String

    /// Creates the error.
    public init(description: String) {
        self.description = description
    }
}
