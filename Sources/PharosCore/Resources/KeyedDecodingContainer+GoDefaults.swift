extension KeyedDecodingContainer {
    /// Decodes `key` like Go's `encoding/json` into a zero-valued struct field: a missing key or an explicit
    /// `null` yields `fallback` (the Go zero value), any other value must have the right type.
    func lenient<T: Decodable>(_ key: Key, _ fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}
