public import Foundation

/// One input of `pharosctl create -f`: where it came from (a path, or `-` for stdin) and its bytes.
public struct ResourceInput: Sendable, Hashable {
    /// The file path as given or found in a directory, or `-` for standard input.
    public var source: String
    /// The file's content (UTF-8 YAML or JSON).
    public var data: Data

    /// Creates an input.
    public init(source: String, data: Data) {
        self.source = source
        self.data = data
    }
}
