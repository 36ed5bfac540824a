extension KeyedDecodingContainer {
    /// Decodes `key` like Go's `encoding/json` into a zero-valued struct field: a missing key or an explicit
    /// `null` yields `fallback` (the Go zero value), any other value must have the right type.
    ///
    /// Foundation reports an integer that is out of range or fractional as invalid JSON without a coding path; this re-reports it
    /// at `key` so error messages can name the field.
    func lenient<T: Decodable>(_ key: Key, _ fallback: T) throws -> T {
        do {
            return try decodeIfPresent(T.self, forKey: key) ?? fallback
        } catch  where T.self is any FixedWidthInteger.Type {
            if case DecodingError.typeMismatch = error { throw error }
            if let number = try? decodeIfPresent(Double.self, forKey: key) {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: self, debugDescription: "number \(number) is out of range or not a whole number")
            }
            throw error
        }
    }
}
