/// A filter expression is stored as its source text (a JSON string, as in an EventFilter's `expressions`).
extension FilterExpression: Codable {
    /// Decodes the source text and compiles it.
    /// - Throws: `DecodingError.dataCorrupted` whose debug description is the ``ExpressionError`` description
    ///   (`column 14: unexpected token '{'`) when the text does not compile.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let source = try container.decode(String.self)
        do {
            try self.init(source)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the source text.
    /// - Throws: `EncodingError` from the encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(source)
    }
}
