/// Decoding resource documents failed. Holds up to `ResourceCodec.maximumErrors` problems; nothing was decoded.
public struct ResourceDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in input order.
    public var diagnostics: [ResourceDiagnostic]

    /// Creates the error.
    public init(diagnostics: [ResourceDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One problem per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
