import Foundation

/// Entity tags of stored resources (RFC 9110 §8.8.3): a quoted 64-bit FNV-1a hash of the resource's JSON with
/// sorted keys, so equal content gives equal tags. `If-Match` / `If-None-Match` compare against it (412 when the
/// precondition fails, reference §2.1).
enum ETag {
    /// The tag of `value`, e.g. `"9f86d081884c7d65"`.
    static func of(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an `If-Match` / `If-None-Match` header value (`*` or a comma-separated list of tags, weak or
    /// strong) names `tag`.
    static func header(_ header: String, matches tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var text = candidate.trimmingCharacters(in: .whitespaces)
            if text == "*" { return true }
            if text.hasPrefix("W/") { text.removeFirst(2) }
            return text == tag
        }
    }
}
