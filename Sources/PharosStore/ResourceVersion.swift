import Foundation

/// The version of a stored resource: a 64-bit FNV-1a hash (Fowler–Noll–Vo, variant 1a) of its JSON with sorted
/// keys, as 16 lowercase hex digits, e.g. `9f86d081884c7d65`. Equal content gives equal versions; the REST API
/// quotes it as the resource's `ETag`, and `Store.replaceResource(_:expectedVersion:)` compares against it.
public enum ResourceVersion {
    /// The version of `value` (16 hex digits; the hash of empty input if `value` cannot be encoded).
    public static func of(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
