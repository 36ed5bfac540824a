extension KeyedEncodingContainer {
    /// Encodes a Go slice/map field without `omitempty`: an empty collection is emitted as `null`
    /// (what Go's `encoding/json` writes for a nil slice or map, and what Sensu returns after a store round trip).
    mutating func encodeNilIfEmpty<C: Collection & Encodable>(_ value: C, forKey key: Key) throws {
        if value.isEmpty {
            try encodeNil(forKey: key)
        } else {
            try encode(value, forKey: key)
        }
    }

    /// Encodes a Go collection field tagged `omitempty`: an empty collection is left out.
    mutating func encodeOmitEmpty<C: Collection & Encodable>(_ value: C, forKey key: Key) throws {
        if !value.isEmpty { try encode(value, forKey: key) }
    }

    /// Encodes a Go string field tagged `omitempty`.
    mutating func encodeOmitEmpty(_ value: String, forKey key: Key) throws {
        if !value.isEmpty { try encode(value, forKey: key) }
    }

    /// Encodes a Go bool field tagged `omitempty`.
    mutating func encodeOmitEmpty(_ value: Bool, forKey key: Key) throws {
        if value { try encode(value, forKey: key) }
    }

    /// Encodes a Go numeric field tagged `omitempty`.
    mutating func encodeOmitEmpty<N: Numeric & Encodable>(_ value: N, forKey key: Key) throws {
        if value != .zero { try encode(value, forKey: key) }
    }
}
